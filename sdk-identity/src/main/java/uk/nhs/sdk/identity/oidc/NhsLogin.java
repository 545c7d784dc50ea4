package uk.nhs.sdk.identity.oidc;

import java.net.URI;

/**
 * NHS login (patient sign-in, identity.md §C6): the discovery URL of each environment. NHS login
 * needs {@code state} and {@code nonce} on every request (the SDK always sends both), accepts
 * confidential clients with {@code private_key_jwt} only, and answers the requested {@code vtr}
 * with a {@code vot} the ID token must carry.
 */
public final class NhsLogin {
    private NhsLogin() {}

    /**
     * The sandpit, for first development.
     *
     * @return the provider
     */
    public static OidcProvider sandpit() {
        return at(URI.create("https://auth.sandpit.signin.nhs.uk/.well-known/openid-configuration"));
    }

    /**
     * The integration environment (AOS).
     *
     * @return the provider
     */
    public static OidcProvider integration() {
        return at(URI.create("https://auth.aos.signin.nhs.uk/.well-known/openid-configuration"));
    }

    /**
     * Production.
     *
     * @return the provider
     */
    public static OidcProvider production() {
        return at(URI.create("https://auth.login.nhs.uk/.well-known/openid-configuration"));
    }

    /**
     * An NHS login-compatible provider at another discovery URL (a mock, the embedded sandbox's
     * fake), with NHS login's rules.
     *
     * @param discoveryUrl the {@code .well-known/openid-configuration} URL
     * @return the provider
     */
    public static OidcProvider at(URI discoveryUrl) {
        return OidcProvider.of("NHS login", OidcProvider.Kind.NHS_LOGIN, discoveryUrl);
    }
}
