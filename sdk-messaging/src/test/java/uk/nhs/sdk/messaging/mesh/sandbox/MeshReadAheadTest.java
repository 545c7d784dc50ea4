package uk.nhs.sdk.messaging.mesh.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.error.NhsSdkException;
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
 * Read-ahead on receive (turned on with the system property {@code nhs.mesh.readAhead}) against
 * the sandbox's MESH fake and its fault injection: chunk n+1 is fetched into a spool file while
 * chunk n is read. Each test checks the content (SHA-256) or the
 * typed failure, and that no read-ahead thread and no spool file is left once the message is
 * closed.
 */
class MeshReadAheadTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private static final int CHUNK = 64 * 1024;
    private static final String THREAD = "nhs-mesh-read-ahead";
    private static NhsSandbox sandbox;

    @TempDir
    Path spool;

    @BeforeAll
    static void start() {
        System.setProperty("nhs.mesh.readAhead", "true"); // off by default; read when a download opens
        sandbox = NhsSandbox.builder().clock(CLOCK).start();
    }

    @AfterAll
    static void stop() {
        System.clearProperty("nhs.mesh.readAhead");
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
        sandbox.faults().clear();
        LogGuard.forbid(sandbox.meshSharedKey().reveal());
    }

    @AfterEach
    void nothingLeftBehind() throws IOException {
        sandbox.faults().clear();
        assertThat(readAheadThreads()).as("read-ahead threads alive").isEmpty();
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files.toList()).as("spool files left").isEmpty();
        }
    }

    private MeshClient client(String mailboxId) {
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
                .options(NhsClientOptions.builder()
                        .clock(CLOCK)
                        .sleeper(new RecordingSleeper(CLOCK))
                        .build())
                .build();
    }

    private static List<Thread> readAheadThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(THREAD) && t.isAlive())
                .toList();
    }

    private static byte[] seeded(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** Sends four chunks of random content and returns the message id. */
    private String send(byte[] content, boolean compress) {
        MeshSendRequest request = MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                .chunkSize(CHUNK)
                .compress(compress)
                .build();
        return client("X26ABC1").send(request, content).messageId();
    }

    private static String chunkPath(int n) {
        return "/messageexchange/X26ABC2/inbox/[^/]+/" + n;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsEveryChunkInOrder(boolean compress) throws Exception {
        byte[] content = seeded(4 * CHUNK - 100, 1);
        String id = send(content, compress);
        try (MeshMessage m = client("X26ABC2").receive(id);
                InputStream in = m.content()) {
            assertThat(in.read()).isEqualTo(content[0] & 0xFF);
            awaitSpoolFile(); // chunk 2 is being fetched while chunk 1 is read
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(content[0]);
            in.transferTo(out);
            assertThat(sha256(out.toByteArray())).isEqualTo(sha256(content));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aPrefetchedChunkCutShortIsFetchedAgain(boolean compress) throws Exception {
        byte[] content = seeded(4 * CHUNK - 100, 2);
        String id = send(content, compress);
        sandbox.faults()
                .injectNext("GET", chunkPath(2), SandboxFault.truncatedBody().afterProcessing());
        sandbox.faults()
                .injectNext("GET", chunkPath(3), SandboxFault.truncatedBody().afterProcessing());
        try (MeshMessage m = client("X26ABC2").receive(id);
                InputStream in = m.content()) {
            assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(content));
        }
    }

    @Test
    void aPrefetchAnswered503IsRetried() throws Exception {
        byte[] content = seeded(4 * CHUNK - 100, 3);
        String id = send(content, false);
        sandbox.faults().injectNext("GET", chunkPath(2), SandboxFault.status(503));
        try (MeshMessage m = client("X26ABC2").receive(id);
                InputStream in = m.content()) {
            assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(content));
        }
    }

    @Test
    void aChunkThatCannotBeFetchedBreaksTheStreamWhereTheCallerReachesIt() throws Exception {
        byte[] content = seeded(4 * CHUNK - 100, 4);
        String id = send(content, false);
        sandbox.faults().inject("GET", chunkPath(2), SandboxFault.status(503), 100);
        try (MeshMessage m = client("X26ABC2").receive(id);
                InputStream in = m.content()) {
            byte[] first = in.readNBytes(CHUNK);
            assertThat(sha256(first)).isEqualTo(sha256(java.util.Arrays.copyOf(content, CHUNK)));
            assertThatThrownBy(in::read).isInstanceOf(NhsSdkException.class);
            assertThat(readAheadThreads())
                    .as("released when the failure reaches the caller")
                    .isEmpty();
            assertThatThrownBy(in::read).isInstanceOf(IOException.class);
            assertThatThrownBy(in::read).as("broken for good").isInstanceOf(IOException.class);
        }
    }

    @Test
    void aChunkThatRunsOutOfResumesReleasesThePrefetchAtOnce() throws Exception {
        byte[] content = seeded(4 * CHUNK - 100, 9);
        String id = send(content, false);
        sandbox.faults()
                .inject(
                        "GET",
                        "/messageexchange/X26ABC2/inbox/[^/]+",
                        SandboxFault.truncatedBody().afterProcessing(),
                        100);
        try (MeshMessage m = client("X26ABC2").receive(id);
                InputStream in = m.content()) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class);
            // the stream is broken for good: the prefetched chunk 2, its file and the thread go now,
            // not only when the caller closes
            assertThat(readAheadThreads()).isEmpty();
            try (Stream<Path> files = Files.list(spool)) {
                assertThat(files.toList()).isEmpty();
            }
            assertThatThrownBy(in::read).isInstanceOf(IOException.class);
        }
    }

    @Test
    void closingDuringAPrefetchCancelsIt() throws Exception {
        byte[] content = seeded(4 * CHUNK - 100, 5);
        String id = send(content, false);
        // chunk 2 trickles for about 16 s unless cancelled
        sandbox.faults()
                .injectNext(
                        "GET",
                        chunkPath(2),
                        SandboxFault.slowBody(4096, Duration.ofMillis(1000)).afterProcessing());
        MeshMessage m = client("X26ABC2").receive(id);
        InputStream in = m.content();
        assertThat(in.read()).isEqualTo(content[0] & 0xFF);
        awaitSpoolFile();
        long started = System.nanoTime();
        in.close();
        m.close();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void closingWhileThePrefetchWaitsForHeadersIsBoundedAndCleansUpLater() throws Exception {
        byte[] content = seeded(4 * CHUNK - 100, 8);
        String id = send(content, false);
        // chunk 2's headers come after 3 s: the prefetch is blocked in the call, not in a read
        sandbox.faults().injectNext("GET", chunkPath(2), SandboxFault.slowHeaders(Duration.ofSeconds(3)));
        MeshMessage m = client("X26ABC2").receive(id);
        InputStream in = m.content();
        assertThat(in.read()).isEqualTo(content[0] & 0xFF);
        Thread.sleep(300); // the prefetch has asked for chunk 2
        long started = System.nanoTime();
        in.close();
        m.close();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
        // the blocked call ends when its headers arrive; the thread then ends and leaves no file
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!readAheadThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(readAheadThreads()).isEmpty();
    }

    @Test
    void aSlowPrefetchIsWaitedFor() throws Exception {
        byte[] content = seeded(4 * CHUNK - 100, 6);
        String id = send(content, true);
        sandbox.faults()
                .injectNext(
                        "GET",
                        chunkPath(2),
                        SandboxFault.slowBody(8192, Duration.ofMillis(20)).afterProcessing());
        try (MeshMessage m = client("X26ABC2").receive(id);
                InputStream in = m.content()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            assertThat(sha256(out.toByteArray())).isEqualTo(sha256(content));
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void anInterruptOfAReaderWaitingForThePrefetchEndsTheStream() throws Exception {
        byte[] content = seeded(4 * CHUNK - 100, 7);
        String id = send(content, false);
        sandbox.faults()
                .injectNext(
                        "GET",
                        chunkPath(2),
                        SandboxFault.slowBody(4096, Duration.ofMillis(1000)).afterProcessing());
        MeshMessage m = client("X26ABC2").receive(id);
        InputStream in = m.content();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread reader = new Thread(
                () -> {
                    try {
                        in.readNBytes(CHUNK + 1); // needs chunk 2, which trickles
                    } catch (IOException | RuntimeException e) {
                        failure.set(e);
                    }
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                },
                "reader");
        reader.start();
        awaitSpoolFile();
        Thread.sleep(200); // let the reader reach the wait for chunk 2
        reader.interrupt();
        reader.join(5000);
        assertThat(reader.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(InterruptedIOException.class);
        assertThat(stillInterrupted.get()).isTrue();
        assertThatThrownBy(in::read).isInstanceOf(IOException.class);
        m.close();
    }

    private void awaitSpoolFile() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(spool)) {
                if (files.findAny().isPresent()) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the read-ahead did not start spooling");
    }
}
