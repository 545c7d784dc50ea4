package uk.nhs.sdk.examples;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.examples.demo.DemoCommand;

/**
 * The {@code nhs} command-line tool. Each command is a short, readable use of the SDK.
 *
 * <p>The services' commands come from the {@link CliModule}s registered in
 * {@code META-INF/services/uk.nhs.sdk.examples.CliModule}, in their order; then the tool's own
 * {@code demo} (every module's demo steps), {@code sandbox} and {@code help}.
 *
 * <p>Exit status: 0 on success, 1 when the service or the input says no (the message names the
 * NHS error code), 2 for a usage error. Errors go to stderr and never hold patient data or
 * secrets.
 */
@Command(
        name = "nhs",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Typed clients for the NHS's national services, as examples you can run.")
public final class NhsCli implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Creates the root command (picocli does this).
     */
    public NhsCli() {}

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs the tool and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /**
     * Runs the tool with the given output streams.
     *
     * @param out standard output
     * @param err standard error
     * @param args the command line
     * @return the exit status: 0 success, 1 refused by the service or the input, 2 usage error
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + describe(e));
            commandLine.getErr().flush();
            return e instanceof UsageException ? 2 : 1;
        });
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /**
     * The root command with every registered module's commands, then {@code demo},
     * {@code sandbox} and {@code help}.
     */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new NhsCli());
        List<CliModule> modules = CliModules.discover();
        for (CliModule module : modules) {
            for (Object command : module.commands()) {
                cli.addSubcommand(command);
            }
        }
        cli.addSubcommand(new DemoCommand(CliModules.demoSteps(modules)));
        cli.addSubcommand(new SandboxCommand());
        cli.addSubcommand(new CommandLine.HelpCommand());
        return cli;
    }

    /**
     * What an error says on stderr: SDK messages are free of patient data and secrets by design
     * (a service error names its status and NHS error code); anything else is named by its type.
     */
    private static String describe(Exception e) {
        if (e instanceof NhsSdkException || e instanceof UsageException) {
            return e.getMessage();
        }
        if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
            return "I/O failed (" + e.getClass().getSimpleName() + ")";
        }
        return e.getClass().getSimpleName();
    }
}
