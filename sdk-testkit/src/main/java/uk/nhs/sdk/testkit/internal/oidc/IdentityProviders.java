package uk.nhs.sdk.testkit.internal.oidc;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import uk.nhs.sdk.testkit.internal.SandboxContext;

/**
 * The fake identity providers of one sandbox, shared through its context: the providers'
 * services register them, the sandbox and the API Platform's fake look them up.
 */
public final class IdentityProviders {
    /** The CIS2 fake's name. */
    public static final String CIS2 = "cis2";
    /** The NHS login fake's name. */
    public static final String NHS_LOGIN = "nhs-login";

    private final Map<String, OidcProvider> byName = new ConcurrentHashMap<>();

    /**
     * A sandbox's providers.
     *
     * @param context the sandbox's context
     * @return the registry
     */
    public static IdentityProviders of(SandboxContext context) {
        return context.shared(IdentityProviders.class, IdentityProviders::new);
    }

    void register(OidcProvider provider) {
        byName.put(provider.name(), provider);
    }

    /**
     * A provider by name.
     *
     * @param name {@link #CIS2} or {@link #NHS_LOGIN}
     * @return the provider, when its service is registered with the sandbox
     */
    public Optional<OidcProvider> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The provider whose tokens carry an issuer.
     *
     * @param issuer the {@code iss} claim
     * @return the provider, when one has that issuer
     */
    public Optional<OidcProvider> byIssuer(String issuer) {
        return List.copyOf(byName.values()).stream()
                .filter(p -> p.issuer().equals(issuer))
                .findFirst();
    }
}
