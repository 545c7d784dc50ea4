package uk.nhs.sdk.examples.notify;

import java.util.List;
import uk.nhs.sdk.examples.CliModule;
import uk.nhs.sdk.examples.demo.DemoStep;

/**
 * Registers {@code nhs notify} and the demo's NHS Notify step with the tool.
 */
public final class NotifyModule implements CliModule {
    /**
     * Creates the module ({@link java.util.ServiceLoader} does this).
     */
    public NotifyModule() {}

    @Override
    public int order() {
        return 700;
    }

    @Override
    public List<Object> commands() {
        return List.of(new NotifyCommand());
    }

    @Override
    public List<DemoStep> demoSteps() {
        return List.of(new NotifyDemoStep());
    }
}
