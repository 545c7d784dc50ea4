package uk.nhs.sdk.testkit;

import java.util.concurrent.CountDownLatch;

/**
 * Runs an {@link NhsSandbox} from the command line until the process is stopped, for other
 * processes to call ({@code java -cp sdk-testkit.jar:... uk.nhs.sdk.testkit.SandboxMain [port]};
 * the {@code nhs sandbox} command does the same). With the system property
 * {@code -Dnhs.sandbox.mesh.gzipOnTheFly=true} its MESH fake gzips uncompressed chunks on the fly
 * for downloads that accept gzip ({@link NhsSandbox.Builder#meshGzipOnTheFly(boolean)}).
 */
public final class SandboxMain {
    private SandboxMain() {}

    /**
     * Runs a sandbox until the process is stopped, printing its URLs.
     *
     * @param args optionally the port
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        NhsSandbox.Builder b = NhsSandbox.builder();
        if (args.length > 0) {
            b.port(Integer.parseInt(args[0]));
        }
        b.meshGzipOnTheFly(Boolean.getBoolean("nhs.sandbox.mesh.gzipOnTheFly"));
        NhsSandbox sandbox = b.start();
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
        System.out.println("NHS sandbox running at " + sandbox.baseUrl());
        sandbox.serviceUrls().forEach((name, url) -> System.out.println("  " + name + ": " + url));
        new CountDownLatch(1).await();
    }
}
