package uk.nhs.sdk.examples.demo;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import uk.nhs.sdk.testkit.NhsSandbox;

/**
 * {@code nhs demo}: a tour of every service against the embedded sandbox, offline and without
 * credentials, printing each step. The steps are the registered
 * {@link uk.nhs.sdk.examples.CliModule}s' demo steps, in module order.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Tour every service against the embedded sandbox (offline, no credentials).")
public final class DemoCommand implements Callable<Integer> {
    private final List<DemoStep> steps;

    @Spec
    CommandSpec spec;

    /**
     * Creates the command.
     *
     * @param steps the tour, in order
     */
    public DemoCommand(List<DemoStep> steps) {
        this.steps = List.copyOf(steps);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (NhsSandbox sandbox = NhsSandbox.start()) {
            out.println("NHS SDK demo: the embedded sandbox is running at " + sandbox.baseUrl());
            DemoContext demo = new DemoContext(sandbox, out);
            int n = 0;
            try {
                for (DemoStep step : steps) {
                    demo.heading(++n, step.title());
                    step.run(demo);
                }
            } finally {
                demo.close();
            }
            out.println();
            out.println("Done: " + n + " step" + (n == 1 ? "" : "s") + " against " + sandbox.baseUrl());
            out.flush();
        }
        return 0;
    }
}
