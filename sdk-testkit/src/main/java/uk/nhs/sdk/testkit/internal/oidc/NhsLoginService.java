package uk.nhs.sdk.testkit.internal.oidc;

import uk.nhs.sdk.testkit.internal.SandboxContext;
import uk.nhs.sdk.testkit.spi.SandboxFake;
import uk.nhs.sdk.testkit.spi.SandboxService;
import uk.nhs.sdk.testkit.spi.SandboxServiceContext;

/**
 * Registers the NHS login fake: the OpenID Connect provider ({@link OidcProviderFake}) with the sandbox, and makes it known to the
 * sandbox's other fakes through {@link IdentityProviders}.
 */
public final class NhsLoginService implements SandboxService {
    /**
     * Creates the provider ({@link java.util.ServiceLoader} does this).
     */
    public NhsLoginService() {}

    @Override
    public String name() {
        return "NHS login OIDC";
    }

    @Override
    public String basePath() {
        return ProviderProfile.NHS_LOGIN_BASE_PATH;
    }

    @Override
    public int order() {
        return 160;
    }

    @Override
    public SandboxFake create(SandboxServiceContext context) {
        SandboxContext c = SandboxContext.of(context);
        OidcProvider provider = new OidcProvider(ProviderProfile.nhsLogin(), c);
        IdentityProviders.of(c).register(provider);
        return new OidcProviderFake(provider);
    }
}
