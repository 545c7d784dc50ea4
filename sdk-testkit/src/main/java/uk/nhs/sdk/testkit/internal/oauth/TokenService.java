package uk.nhs.sdk.testkit.internal.oauth;

import uk.nhs.sdk.testkit.internal.SandboxContext;
import uk.nhs.sdk.testkit.spi.SandboxFake;
import uk.nhs.sdk.testkit.spi.SandboxService;
import uk.nhs.sdk.testkit.spi.SandboxServiceContext;

/**
 * Registers the API Platform OAuth2 token endpoint ({@link TokenFake}) with the sandbox.
 */
public final class TokenService implements SandboxService {
    /**
     * Creates the provider ({@link java.util.ServiceLoader} does this).
     */
    public TokenService() {}

    @Override
    public String name() {
        return "API Platform OAuth2 token";
    }

    @Override
    public String basePath() {
        return TokenFake.PATH;
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public SandboxFake create(SandboxServiceContext context) {
        return new TokenFake(SandboxContext.of(context));
    }
}
