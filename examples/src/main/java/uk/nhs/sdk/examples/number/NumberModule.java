package uk.nhs.sdk.examples.number;

import java.util.List;
import uk.nhs.sdk.examples.CliModule;

/**
 * Registers {@code nhs number} with the tool (offline; no demo step).
 */
public final class NumberModule implements CliModule {
    /**
     * Creates the module ({@link java.util.ServiceLoader} does this).
     */
    public NumberModule() {}

    @Override
    public int order() {
        return 200;
    }

    @Override
    public List<Object> commands() {
        return List.of(new NumberCommand());
    }
}
