package uk.nhs.sdk.examples.signin;

import java.util.List;
import uk.nhs.sdk.examples.CliModule;
import uk.nhs.sdk.examples.demo.DemoStep;

/**
 * Registers {@code nhs login}, {@code nhs token exchange} and the demo's sign-in step with the tool.
 */
public final class SignInModule implements CliModule {
    /**
     * Creates the module ({@link java.util.ServiceLoader} does this).
     */
    public SignInModule() {}

    @Override
    public int order() {
        return 250;
    }

    @Override
    public List<Object> commands() {
        return List.of(new LoginCommand(), new TokenCommand());
    }

    @Override
    public List<DemoStep> demoSteps() {
        return List.of(new SignInDemoStep());
    }
}
