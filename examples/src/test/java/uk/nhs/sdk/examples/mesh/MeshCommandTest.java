package uk.nhs.sdk.examples.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.sdk.core.internal.json.Json;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.examples.CliRun;
import uk.nhs.sdk.testkit.NhsSandbox;

/**
 * {@code nhs mesh ...} against an embedded sandbox of its own, and against a shared sandbox through
 * {@code --base-url}, where one command's message is seen by the next.
 */
class MeshCommandTest {
    private static NhsSandbox shared;

    @BeforeAll
    static void start() {
        shared = NhsSandbox.start();
    }

    @AfterAll
    static void stop() {
        shared.close();
    }

    @BeforeEach
    void reset() {
        shared.reset();
        LogGuard.forbid("mesh-cli-secret-password");
    }

    /** Runs {@code nhs mesh ARGS --base-url <shared> --mailbox MAILBOX} with the sandbox's credentials. */
    private static CliRun as(String mailbox, String... args) {
        List<String> all = new ArrayList<>(List.of("mesh"));
        all.addAll(List.of(args));
        all.addAll(List.of(
                "--base-url",
                shared.meshBaseUrl().toString(),
                "--mailbox",
                mailbox,
                "--password",
                "password",
                "--shared-key",
                shared.meshSharedKey().reveal()));
        return CliRun.of(all.toArray(new String[0]));
    }

    private static JsonNode json(CliRun r) throws IOException {
        assertThat(r.err).isEmpty();
        assertThat(r.status).isZero();
        return Json.tree(r.out.getBytes(StandardCharsets.UTF_8));
    }

    private static Path sample(Path dir, int bytes) throws IOException {
        byte[] data = new byte[bytes];
        new Random(42).nextBytes(data);
        return Files.write(dir.resolve("sample.bin"), data);
    }

    @Test
    void theHandshakeRunsAgainstAnEmbeddedSandboxWithItsOwnMailbox() {
        CliRun r = CliRun.of("mesh", "handshake");
        assertThat(r.err).isEmpty();
        assertThat(r.status).isZero();
        assertThat(r.out).contains("mailbox X26ABC1: handshake accepted");
        assertThat(CliRun.of("mesh", "handshake", "--mailbox", "X26ABC3").out).contains("mailbox X26ABC3");
    }

    @Test
    void sendChunksAndCompressesAsAsked(@TempDir Path dir) throws IOException {
        Path file = sample(dir, 5000);
        JsonNode sent = json(CliRun.of(
                "mesh",
                "send",
                file.toString(),
                "--to",
                "X26ABC2",
                "--workflow-id",
                "TEST_WORKFLOW",
                "--chunk-size",
                "1KiB",
                "--compress",
                "--local-id",
                "cli-1",
                "--output",
                "json"));
        assertThat(sent.path("chunks").asInt()).isEqualTo(5);
        assertThat(sent.path("localId").asText()).isEqualTo("cli-1");
        assertThat(sent.path("messageId").asText()).isNotBlank();
    }

    @Test
    void aMessageGoesThroughSendInboxReceiveAckAndTrack(@TempDir Path dir) throws IOException {
        Path file = sample(dir, 3000);
        JsonNode sent = json(as(
                "X26ABC1",
                "send",
                file.toString(),
                "--to",
                "X26ABC2",
                "--workflow-id",
                "TEST_WORKFLOW",
                "--chunk-size",
                "1000",
                "--subject",
                "cli test",
                "--output",
                "json"));
        String id = sent.path("messageId").asText();
        assertThat(sent.path("chunks").asInt()).isEqualTo(3);

        CliRun inbox = as("X26ABC2", "inbox");
        assertThat(inbox.status).isZero();
        assertThat(inbox.out.strip()).isEqualTo(id);
        assertThat(json(as("X26ABC2", "inbox", "--workflow-filter", "!TEST_WORKFLOW", "--output", "json"))
                        .path("messages")
                        .size())
                .isZero();

        Path out = dir.resolve("received.bin");
        CliRun received = as("X26ABC2", "receive", id, "--out", out.toString(), "--ack");
        assertThat(received.err).isEmpty();
        assertThat(received.status).isZero();
        assertThat(received.out)
                .contains("received " + id + " from X26ABC1 on TEST_WORKFLOW: 3000 bytes in 3 chunks")
                .contains("acknowledged " + id);
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(file));
        assertThat(as("X26ABC2", "inbox").out).contains("no messages in X26ABC2's inbox");

        JsonNode tracked = json(as("X26ABC1", "track", id, "--output", "json"));
        assertThat(tracked.path("status").asText()).isEqualTo("acknowledged");
        assertThat(tracked.path("recipient").asText()).isEqualTo("X26ABC2");
    }

    @Test
    void aCompressedMessageIsReceivedWholeWhetherOrNotTheDownloadAsksForGzip(@TempDir Path dir) throws IOException {
        Path file = sample(dir, 3000);
        String id = json(as(
                        "X26ABC1",
                        "send",
                        file.toString(),
                        "--to",
                        "X26ABC2",
                        "--workflow-id",
                        "TEST_WORKFLOW",
                        "--chunk-size",
                        "1000",
                        "--compress",
                        "--output",
                        "json"))
                .path("messageId")
                .asText();
        for (String option : new String[] {"--accept-compressed", "--no-accept-compressed"}) {
            Path out = dir.resolve("received" + option + ".bin");
            CliRun received = as("X26ABC2", "receive", id, "--out", out.toString(), option);
            assertThat(received.err).isEmpty();
            assertThat(received.status).isZero();
            assertThat(Files.readAllBytes(out)).as(option).isEqualTo(Files.readAllBytes(file));
        }
    }

    @Test
    void ackOnItsOwnRemovesTheMessage(@TempDir Path dir) throws IOException {
        String id = json(as(
                        "X26ABC1",
                        "send",
                        sample(dir, 10).toString(),
                        "--to",
                        "X26ABC2",
                        "--workflow-id",
                        "TEST_WORKFLOW",
                        "--output",
                        "json"))
                .path("messageId")
                .asText();
        CliRun ack = as("X26ABC2", "ack", id);
        assertThat(ack.status).isZero();
        assertThat(ack.out).contains("acknowledged " + id);
        assertThat(json(as("X26ABC2", "inbox", "--output", "json"))
                        .path("messages")
                        .size())
                .isZero();
    }

    @Test
    void lookupFindsTheReceiversOfAWorkflow() throws IOException {
        JsonNode byOds = json(
                CliRun.of("mesh", "lookup", "--ods-code", "X26", "--workflow-id", "TEST_WORKFLOW", "--output", "json"));
        assertThat(byOds.path("results").toString()).isEqualTo("[{\"mailboxId\":\"X26ABC2\",\"name\":\"TESTMB2\"}]");
        CliRun all = CliRun.of("mesh", "lookup", "--workflow-id", "TEST_WORKFLOW_ACK");
        assertThat(all.status).isZero();
        assertThat(all.out).contains("X26ABC1").contains("X26ABC3");
    }

    @Test
    void anUnregisteredRecipientExitsWith1AndNamesMeshsCode(@TempDir Path dir) throws IOException {
        CliRun r = CliRun.of(
                "mesh", "send", sample(dir, 10).toString(), "--to", "NOSUCHMB", "--workflow-id", "TEST_WORKFLOW");
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).startsWith("error: ").contains("417").contains("12");
    }

    @Test
    void aWrongPasswordExitsWith1AndNeverPrintsIt() {
        CliRun r = CliRun.of(
                "mesh",
                "inbox",
                "--base-url",
                shared.meshBaseUrl().toString(),
                "--mailbox",
                "X26ABC1",
                "--password",
                "mesh-cli-secret-password",
                "--shared-key",
                "TestKey");
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains("403").doesNotContain("mesh-cli-secret-password");
        assertThat(r.out).doesNotContain("mesh-cli-secret-password");
    }

    @Test
    void missingCredentialsOrAnEnvironmentWithoutMeshAreUsageErrors() {
        CliRun noPassword = CliRun.of(
                "mesh",
                "inbox",
                "--base-url",
                shared.meshBaseUrl().toString(),
                "--mailbox",
                "X26ABC1",
                "--shared-key",
                "TestKey");
        assertThat(noPassword.status).isEqualTo(2);
        assertThat(noPassword.err).contains("--password (or MESH_PASSWORD) is missing");
        CliRun publicSandbox = CliRun.of(
                "mesh", "inbox", "--env", "sandbox", "--mailbox", "X26ABC1", "--password", "p", "--shared-key", "k");
        assertThat(publicSandbox.status).isEqualTo(2);
        assertThat(publicSandbox.err).contains("MESH has no public sandbox");
        CliRun halfCertificate = CliRun.of("mesh", "handshake", "--client-cert", "cert.pem");
        assertThat(halfCertificate.status).isEqualTo(2);
        assertThat(halfCertificate.err).contains("--client-cert and --client-key");
    }

    @Test
    void theClientCertificateAndCaBundleAreLoadedForMutualTls(@TempDir Path dir) {
        CliRun r = CliRun.of(
                "mesh",
                "handshake",
                "--client-cert",
                dir.resolve("missing.crt").toString(),
                "--client-key",
                dir.resolve("missing.key").toString());
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains("cannot load the PEM client key or certificate");
        CliRun ca = CliRun.of(
                "mesh",
                "handshake",
                "--ca-bundle",
                dir.resolve("missing-ca.pem").toString());
        assertThat(ca.status).isEqualTo(1);
        assertThat(ca.err).contains("cannot load the CA bundle");
    }

    @Test
    void aBadChunkSizeIsRefusedBeforeAnythingIsSent(@TempDir Path dir) throws IOException {
        CliRun r = CliRun.of(
                "mesh",
                "send",
                sample(dir, 10).toString(),
                "--to",
                "X26ABC2",
                "--workflow-id",
                "TEST_WORKFLOW",
                "--chunk-size",
                "lots");
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains("chunkSize");
        assertThat(ByteSize.parse("chunkSize", "20MiB")).isEqualTo(20L * 1024 * 1024);
        assertThat(ByteSize.parse("chunkSize", "5MB")).isEqualTo(5_000_000L);
        assertThat(ByteSize.parse("chunkSize", "64kib")).isEqualTo(65_536L);
        assertThat(ByteSize.parse("chunkSize", "1000")).isEqualTo(1000L);
    }

    @Test
    void theMeshCommandsAreListed() {
        CliRun r = CliRun.of("mesh", "--help");
        assertThat(r.status).isZero();
        assertThat(r.out)
                .contains("handshake")
                .contains("send")
                .contains("inbox")
                .contains("receive")
                .contains("ack")
                .contains("track")
                .contains("lookup");
    }
}
