package uk.nhs.sdk.testkit.spi;

/**
 * A test service that takes a name already used.
 */
public final class DuplicateMeshService implements SandboxService {
    /**
     * Creates the provider.
     */
    public DuplicateMeshService() {}

    @Override
    public String name() {
        return "MESH";
    }

    @Override
    public String basePath() {
        return "/other-mesh";
    }

    @Override
    public int order() {
        return 900;
    }

    @Override
    public SandboxFake create(SandboxServiceContext context) {
        throw new AssertionError("never created: the name is taken");
    }
}
