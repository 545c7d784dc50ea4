package uk.nhs.sdk.testkit.internal.oidc;

import uk.nhs.sdk.testkit.internal.SandboxContext;
import uk.nhs.sdk.testkit.spi.SandboxFake;
import uk.nhs.sdk.testkit.spi.SandboxService;
import uk.nhs.sdk.testkit.spi.SandboxServiceContext;

/**
 * Registers the CIS2 fake: the Healthcare realm's OpenID Connect provider ({@link OidcProviderFake}) with the sandbox, and makes it known to the
 * sandbox's other fakes through {@link IdentityProviders}.
 */
public final class Cis2Service implements SandboxService {
    /**
     * Creates the provider ({@link java.util.ServiceLoader} does this).
     */
    public Cis2Service() {}

    @Override
    public String name() {
        return "NHS CIS2 (Care Identity Service 2) OIDC";
    }

    @Override
    public String basePath() {
        return ProviderProfile.CIS2_BASE_PATH;
    }

    @Override
    public int order() {
        return 150;
    }

    @Override
    public SandboxFake create(SandboxServiceContext context) {
        SandboxContext c = SandboxContext.of(context);
        OidcProvider provider = new OidcProvider(ProviderProfile.cis2(), c);
        IdentityProviders.of(c).register(provider);
        return new OidcProviderFake(provider);
    }
}
