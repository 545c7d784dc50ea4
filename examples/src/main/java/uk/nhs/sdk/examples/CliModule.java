package uk.nhs.sdk.examples;

import java.util.List;
import uk.nhs.sdk.examples.demo.DemoStep;

/**
 * One service's part of the {@code nhs} tool, found with {@link java.util.ServiceLoader}: its
 * commands and its stops on the {@code nhs demo} tour. Registering a module is one line, its class
 * name, in {@code META-INF/services/uk.nhs.sdk.examples.CliModule}.
 *
 * <p>Implementations have a public no-argument constructor. The tool lists the modules' commands
 * in {@code nhs --help}, and runs their demo steps, in {@link #order()}.
 */
public interface CliModule {
    /**
     * Where the module's commands and demo steps come among the others'; lower first, ties broken
     * by class name. The tool's own modules use multiples of 100: API Platform auth 100, NHS number
     * 200, PDS 300, MESH 400.
     *
     * @return the position
     */
    int order();

    /**
     * The module's top-level commands: new instances of classes annotated with picocli's
     * {@code @Command}, made afresh on each call (picocli fills their fields when it parses).
     *
     * @return the commands, none by default
     */
    default List<Object> commands() {
        return List.of();
    }

    /**
     * The module's steps of the {@code nhs demo} tour, in the order they run.
     *
     * @return the steps, none by default
     */
    default List<DemoStep> demoSteps() {
        return List.of();
    }
}
