package uk.nhs.sdk.messaging.mesh.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingSleeper;
import uk.nhs.sdk.messaging.mesh.MeshClient;
import uk.nhs.sdk.messaging.mesh.MeshMessage;
import uk.nhs.sdk.messaging.mesh.MeshSendRequest;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.SandboxFault;
import uk.nhs.sdk.testkit.SandboxMeshMailbox;

/**
 * Receive against a MESH fake that gzips uncompressed chunks on the fly (as mesh-sandbox does):
 * chunked transfer with no {@code Content-Length}, {@code mex-content-compressed: Y}, with and
 * without read-ahead, including a gzipped chunk cut short (resumed). Content checked by SHA-256;
 * no read-ahead thread or spool file left.
 */
class MeshGzipOnTheFlyReceiveTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private static final int CHUNK = 64 * 1024;
    private static final String PROPERTY = "nhs.mesh.readAhead";
    private static NhsSandbox sandbox;

    @TempDir
    Path spool;

    @BeforeAll
    static void start() {
        sandbox = NhsSandbox.builder().clock(CLOCK).meshGzipOnTheFly(true).start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
        sandbox.faults().clear();
        LogGuard.forbid(sandbox.meshSharedKey().reveal());
    }

    @AfterEach
    void nothingLeftBehind() throws Exception {
        System.clearProperty(PROPERTY);
        sandbox.faults().clear();
        assertThat(Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().equals("nhs-mesh-read-ahead") && t.isAlive())
                        .toList())
                .isEmpty();
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    private MeshClient client(String mailboxId, boolean acceptGzip) {
        SandboxMeshMailbox mailbox = sandbox.meshMailboxes().stream()
                .filter(m -> m.id().equals(mailboxId))
                .findFirst()
                .orElseThrow();
        return MeshClient.builder()
                .baseUrl(sandbox.meshBaseUrl())
                .mailbox(mailbox.id())
                .password(mailbox.password())
                .sharedKey(sandbox.meshSharedKey())
                .spoolDirectory(spool)
                .acceptCompressedDownloads(acceptGzip)
                .options(NhsClientOptions.builder()
                        .clock(CLOCK)
                        .sleeper(new RecordingSleeper(CLOCK))
                        .build())
                .build();
    }

    /** Half random bytes, half text: gzip shrinks it, and every chunk spans many buffers. */
    private static byte[] content(int length) {
        byte[] b = new byte[length];
        Random random = new Random(11);
        byte[] line = "2026-11-25,result,ok\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < length; i++) {
            b[i] = i % 2 == 0 ? (byte) random.nextInt(256) : line[i % line.length];
        }
        return b;
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private String send(byte[] content) {
        MeshSendRequest request = MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                .chunkSize(CHUNK)
                .compress(false)
                .build();
        return client("X26ABC1", true).send(request, content).messageId();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aMessageGzippedOnTheFlyIsReceivedWhole(boolean readAhead) throws Exception {
        System.setProperty(PROPERTY, String.valueOf(readAhead));
        byte[] content = content(4 * CHUNK - 100);
        String id = send(content);
        try (MeshMessage m = client("X26ABC2", true).receive(id);
                InputStream in = m.content()) {
            assertThat(m.info().contentCompressedFlag()).contains("Y");
            assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(content));
        }
        try (MeshMessage m = client("X26ABC2", false).receive(id);
                InputStream in = m.content()) {
            assertThat(m.info().contentCompressedFlag()).isEmpty();
            assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(content));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aChunkGzippedOnTheFlyAndCutShortIsResumed(boolean readAhead) throws Exception {
        System.setProperty(PROPERTY, String.valueOf(readAhead));
        byte[] content = content(4 * CHUNK - 100);
        String id = send(content);
        sandbox.faults()
                .injectNext(
                        "GET",
                        "/messageexchange/X26ABC2/inbox/[^/]+/2",
                        SandboxFault.truncatedBody().afterProcessing());
        sandbox.faults()
                .injectNext(
                        "GET",
                        "/messageexchange/X26ABC2/inbox/[^/]+",
                        SandboxFault.truncatedBody().afterProcessing());
        try (MeshMessage m = client("X26ABC2", true).receive(id);
                InputStream in = m.content()) {
            assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(content));
        }
    }
}
