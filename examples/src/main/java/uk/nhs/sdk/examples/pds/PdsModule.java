package uk.nhs.sdk.examples.pds;

import java.util.List;
import uk.nhs.sdk.examples.CliModule;
import uk.nhs.sdk.examples.demo.DemoStep;

/**
 * Registers {@code nhs pds} and the demo's PDS step with the tool.
 */
public final class PdsModule implements CliModule {
    /**
     * Creates the module ({@link java.util.ServiceLoader} does this).
     */
    public PdsModule() {}

    @Override
    public int order() {
        return 300;
    }

    @Override
    public List<Object> commands() {
        return List.of(new PdsCommand());
    }

    @Override
    public List<DemoStep> demoSteps() {
        return List.of(new PdsDemoStep());
    }
}
