package uk.nhs.sdk.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The embedded sandbox (its MESH fake) in a JVM of its own, so that the benchmark fork's process
 * CPU time and heap are the client's alone. Started from the fork's own class path with
 * {@code uk.nhs.sdk.testkit.SandboxMain}; its MESH mailboxes are the public sandbox's
 * ({@code X26ABC1}, {@code X26ABC2}, password {@code password}, shared key {@code TestKey}).
 */
final class MeshFakeProcess {
    /** The sender's mailbox. */
    static final String FROM = "X26ABC1";
    /** The recipient's mailbox. */
    static final String TO = "X26ABC2";
    /** Both mailboxes' password. */
    static final String PASSWORD = "password";
    /** The shared key. */
    static final String SHARED_KEY = "TestKey";

    private final Process process;
    private final URI baseUrl;

    private MeshFakeProcess(Process process, URI baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /**
     * Starts the fake and waits for its URL.
     *
     * @return the running fake
     * @throws IOException when it does not start
     */
    static MeshFakeProcess start() throws IOException {
        return start(false);
    }

    /**
     * Starts the fake and waits for its URL.
     *
     * @param gzipOnTheFly whether the fake gzips chunks stored uncompressed (level 9, streamed) for
     *     a download that accepts gzip, as NHS England's mesh-sandbox does
     * @return the running fake
     * @throws IOException when it does not start
     */
    static MeshFakeProcess start(boolean gzipOnTheFly) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(
                        java,
                        "-Xmx512m",
                        "-Dnhs.sandbox.mesh.gzipOnTheFly=" + gzipOnTheFly,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "uk.nhs.sdk.testkit.SandboxMain"))
                .redirectErrorStream(true)
                .start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        String prefix = "NHS sandbox running at ";
        while ((line = r.readLine()) != null) {
            if (line.startsWith(prefix)) {
                URI url = URI.create(line.substring(prefix.length()).strip());
                Thread drain = new Thread(
                        () -> {
                            try {
                                while (r.readLine() != null) {
                                    // keep the pipe empty
                                }
                            } catch (IOException e) {
                                // the process ended
                            }
                        },
                        "mesh-fake-output");
                drain.setDaemon(true);
                drain.start();
                return new MeshFakeProcess(p, url);
            }
        }
        p.destroyForcibly();
        throw new IOException("the sandbox process did not start");
    }

    /**
     * The sandbox's base URL (MESH is at its root).
     *
     * @return the URL
     */
    URI baseUrl() {
        return baseUrl;
    }

    /**
     * Stops the fake.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
