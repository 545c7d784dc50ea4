package uk.nhs.sdk.messaging.mesh.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.SandboxMeshMailbox;

/**
 * Memory is bounded by a chunk, not by the message: a client in its own JVM capped at 64 MiB of
 * heap sends 256 MiB through the sandbox's MESH fake and receives it back, and the SHA-256 of
 * what it sent, of what it received and of the seeded stream all agree.
 */
class MeshStreamingTest {
    private static final long LENGTH = 256L * 1024 * 1024;
    private static final long SEED = 20261125L;

    @Test
    void aClientWith64MiBOfHeapSendsAndReceives256MiB(@TempDir Path tmp) throws Exception {
        String expected;
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(new SeededStream(SEED, LENGTH), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        expected = HexFormat.of().formatHex(digest.digest());

        try (NhsSandbox sandbox = NhsSandbox.start()) {
            SandboxMeshMailbox from = sandbox.meshMailboxes().get(0);
            SandboxMeshMailbox to = sandbox.meshMailboxes().get(1);
            String java =
                    Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Path output = tmp.resolve("client.out");
            ProcessBuilder pb = new ProcessBuilder(List.of(
                            java,
                            "-Xmx64m",
                            "-Djava.io.tmpdir=" + tmp,
                            "-cp",
                            classpath,
                            StreamingClientMain.class.getName(),
                            sandbox.meshBaseUrl().toString(),
                            from.id(),
                            to.id(),
                            Long.toString(LENGTH),
                            Long.toString(SEED)))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            Map<String, String> env = pb.environment();
            env.put("MESH_SHARED_KEY", sandbox.meshSharedKey().reveal());
            env.put("MESH_SENDER_PASSWORD", from.password().reveal());
            env.put("MESH_RECIPIENT_PASSWORD", to.password().reveal());
            Process client = pb.start();
            boolean finished = client.waitFor(10, TimeUnit.MINUTES);
            if (!finished) {
                client.destroyForcibly();
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(finished).as(out).isTrue();
            assertThat(client.exitValue()).as(out).isZero();
            Map<String, String> lines = lines(out);
            assertThat(lines.get("chunks")).isEqualTo("13");
            assertThat(lines.get("sent")).isEqualTo(expected);
            assertThat(lines.get("received")).isEqualTo(expected + " " + LENGTH);
            assertThat(Long.parseLong(lines.get("heap-max"))).isLessThanOrEqualTo(64L * 1024 * 1024);
        }
    }

    private static Map<String, String> lines(String out) throws IOException {
        Map<String, String> m = new HashMap<>();
        for (String line : out.split("\\R")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                m.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        return m;
    }
}
