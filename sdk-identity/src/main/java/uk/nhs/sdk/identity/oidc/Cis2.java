package uk.nhs.sdk.identity.oidc;

import java.net.URI;

/**
 * Care Identity Service 2 (staff sign-in, identity.md §C5): the discovery URL of each environment.
 * CIS2 issuers include {@code :443}; the ID token's {@code acr} carries the
 * {@link AssuranceLevel}; a CIS2 client id looks like {@code 999999999999.apps.national} and is
 * not the API Platform API key.
 */
public final class Cis2 {
    private static final String INT = "https://am.nhsint.auth-ptl.cis2.spineservices.nhs.uk/openam/oauth2/realms/root"
            + "/realms/NHSIdentity/realms/Healthcare/.well-known/openid-configuration";
    private static final String LIVE = "https://am.nhsidentity.spineservices.nhs.uk/openam/oauth2/realms/root"
            + "/realms/NHSIdentity/realms/Healthcare/.well-known/openid-configuration";

    private Cis2() {}

    /**
     * CIS2 integration (the Healthcare realm of the INT path-to-live environment).
     *
     * @return the provider
     */
    public static OidcProvider integration() {
        return OidcProvider.of("CIS2", OidcProvider.Kind.CIS2, URI.create(INT));
    }

    /**
     * CIS2 live.
     *
     * @return the provider
     */
    public static OidcProvider live() {
        return OidcProvider.of("CIS2", OidcProvider.Kind.CIS2, URI.create(LIVE));
    }

    /**
     * A CIS2-compatible provider at another discovery URL (a mock, the embedded sandbox's fake),
     * with CIS2's rules.
     *
     * @param discoveryUrl the {@code .well-known/openid-configuration} URL
     * @return the provider
     */
    public static OidcProvider at(URI discoveryUrl) {
        return OidcProvider.of("CIS2", OidcProvider.Kind.CIS2, discoveryUrl);
    }
}
