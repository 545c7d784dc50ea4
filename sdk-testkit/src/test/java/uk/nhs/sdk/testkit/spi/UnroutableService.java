package uk.nhs.sdk.testkit.spi;

/**
 * A test service whose fake cannot handle requests.
 */
public final class UnroutableService implements SandboxService {
    /**
     * Creates the provider.
     */
    public UnroutableService() {}

    @Override
    public String name() {
        return "Unroutable";
    }

    @Override
    public String basePath() {
        return "/unroutable";
    }

    @Override
    public int order() {
        return 900;
    }

    @Override
    public SandboxFake create(SandboxServiceContext context) {
        return () -> {};
    }
}
