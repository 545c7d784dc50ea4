package uk.nhs.sdk.examples;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import uk.nhs.sdk.examples.demo.DemoContext;
import uk.nhs.sdk.examples.demo.DemoStep;

/**
 * A test module registered only through a test's class loader: {@code nhs echo WORDS} and a demo
 * step, between PDS's and MESH's.
 */
public final class EchoModule implements CliModule {
    /**
     * Creates the module.
     */
    public EchoModule() {}

    @Override
    public int order() {
        return 350;
    }

    @Override
    public List<Object> commands() {
        return List.of(new Echo());
    }

    @Override
    public List<DemoStep> demoSteps() {
        return List.of(new DemoStep() {
            @Override
            public String title() {
                return "Echo: says hello";
            }

            @Override
            public void run(DemoContext demo) {
                demo.say("hello");
            }
        });
    }

    /** {@code nhs echo WORDS}. */
    @Command(name = "echo", description = "Print the words.")
    static final class Echo implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters
        List<String> words = List.of();

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(String.join(" ", words));
            return 0;
        }
    }
}
