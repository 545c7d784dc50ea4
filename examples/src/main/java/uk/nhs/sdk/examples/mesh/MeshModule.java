package uk.nhs.sdk.examples.mesh;

import java.util.List;
import uk.nhs.sdk.examples.CliModule;
import uk.nhs.sdk.examples.demo.DemoStep;

/**
 * Registers {@code nhs mesh} and the demo's MESH step with the tool.
 */
public final class MeshModule implements CliModule {
    /**
     * Creates the module ({@link java.util.ServiceLoader} does this).
     */
    public MeshModule() {}

    @Override
    public int order() {
        return 400;
    }

    @Override
    public List<Object> commands() {
        return List.of(new MeshCommand());
    }

    @Override
    public List<DemoStep> demoSteps() {
        return List.of(new MeshDemoStep());
    }
}
