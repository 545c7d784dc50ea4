package uk.nhs.sdk.examples.demo;

import java.util.List;
import uk.nhs.sdk.examples.CliModule;

/**
 * Registers the demo's first step with the tool: an API Platform access token through the
 * signed-JWT flow, which the later steps' clients use.
 */
public final class ApiPlatformModule implements CliModule {
    /**
     * Creates the module ({@link java.util.ServiceLoader} does this).
     */
    public ApiPlatformModule() {}

    @Override
    public int order() {
        return 100;
    }

    @Override
    public List<DemoStep> demoSteps() {
        return List.of(new ApiPlatformAuthStep());
    }
}
