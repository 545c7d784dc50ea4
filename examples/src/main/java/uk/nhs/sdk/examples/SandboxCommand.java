package uk.nhs.sdk.examples;

import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import uk.nhs.sdk.testkit.NhsSandbox;

/**
 * {@code nhs sandbox}: runs the embedded sandbox until stopped, so several commands (or your own
 * application) can share its state through {@code --base-url}.
 */
@Command(
        name = "sandbox",
        mixinStandardHelpOptions = true,
        description = "Run the embedded NHS sandbox until Ctrl-C, printing each service's base URL.")
final class SandboxCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--port", defaultValue = "0", description = "Port to listen on (default: a free port).")
    int port;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        NhsSandbox sandbox = NhsSandbox.builder().port(port).start();
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
        var out = spec.commandLine().getOut();
        out.println("NHS sandbox running at " + sandbox.baseUrl() + " (Ctrl-C to stop)");
        sandbox.serviceUrls().forEach((name, url) -> out.println("  " + name + ": " + url));
        out.flush();
        new CountDownLatch(1).await();
        return 0;
    }
}
