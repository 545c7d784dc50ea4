package uk.nhs.sdk.examples.nrl;

import java.util.List;
import uk.nhs.sdk.examples.CliModule;
import uk.nhs.sdk.examples.demo.DemoStep;

/**
 * Registers {@code nhs nrl} and the demo's NRL step with the tool.
 */
public final class NrlModule implements CliModule {
    /**
     * Creates the module ({@link java.util.ServiceLoader} does this).
     */
    public NrlModule() {}

    @Override
    public int order() {
        return 500;
    }

    @Override
    public List<Object> commands() {
        return List.of(new NrlCommand());
    }

    @Override
    public List<DemoStep> demoSteps() {
        return List.of(new NrlDemoStep());
    }
}
