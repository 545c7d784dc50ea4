package uk.nhs.sdk.examples.ods;

import java.util.List;
import uk.nhs.sdk.examples.CliModule;
import uk.nhs.sdk.examples.demo.DemoStep;

/**
 * Registers {@code nhs ods} and the demo's ODS step with the tool.
 */
public final class OdsModule implements CliModule {
    /**
     * Creates the module ({@link java.util.ServiceLoader} does this).
     */
    public OdsModule() {}

    @Override
    public int order() {
        return 600;
    }

    @Override
    public List<Object> commands() {
        return List.of(new OdsCommand());
    }

    @Override
    public List<DemoStep> demoSteps() {
        return List.of(new OdsDemoStep());
    }
}
