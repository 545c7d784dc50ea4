package uk.nhs.sdk.messaging.mesh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.sdk.core.error.BadRequestException;

/**
 * A compressed or streamed send spools chunk n+1 while chunk n uploads: the uploads keep their
 * order, and a failure of an upload, of the chunk spooled ahead, or an interrupt while the caller
 * waits for it, ends the send as before (the chunk to resume from), leaving no spool file and no
 * thread behind.
 */
class MeshSendOverlapTest extends MeshWireMockTestBase {
    private static final String OUTBOX = "/messageexchange/X26ABC1/outbox";
    private static final String CHUNKED_ID = "64FB9C47C72B4AC58B1842DB9FB0D315";

    @TempDir
    Path dir;

    private void stubChunks() {
        server.stubFor(post(urlPathEqualTo(OUTBOX))
                .willReturn(CapturedExchange.load("13-send-chunk1-of-2-gzip").response()));
        server.stubFor(post(urlPathMatching(OUTBOX + "/" + CHUNKED_ID + "/[0-9]+"))
                .willReturn(CapturedExchange.load("14-send-chunk2-of-2-gzip").response()));
    }

    private static byte[] content(int length) {
        byte[] data = new byte[length];
        new Random(7).nextBytes(data);
        return data;
    }

    private void assertNothingLeft(Path spool) throws IOException, InterruptedException {
        try (Stream<Path> left = Files.list(spool)) {
            assertThat(left).as("no spool file left").isEmpty();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (spoolThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10); // a thread seen ending, not a wait for a result
        }
        assertThat(spoolThreads()).as("no spooling thread left").isZero();
    }

    /** The sends' own threads (the compression threads are shared and end when idle). */
    private static long spoolThreads() {
        return threadsNamed("nhs-mesh-spool-ahead-");
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith(prefix))
                .count();
    }

    @Test
    void concurrentCompressedSendsShareABoundedSetOfCompressionThreads() throws Exception {
        stubChunks();
        Path spool = Files.createDirectory(dir.resolve("spool"));
        int sends = 6;
        int chunk = 3 * 512 * 1024; // three deflate blocks: each send keeps several compression threads busy
        byte[] data = content(chunk + 10);
        CountDownLatch atChunk2 = new CountDownLatch(sends);
        CountDownLatch release = new CountDownLatch(1);
        MeshClient client = builder().spoolDirectory(spool).build();
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(sends);
        try {
            List<java.util.concurrent.Future<MeshSendResult>> results = new java.util.ArrayList<>();
            for (int i = 0; i < sends; i++) {
                InputStream held = new FilterInputStream(new ByteArrayInputStream(data)) {
                    private int read;

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        if (read == chunk) { // chunk 2, read ahead while chunk 1 uploads: wait for the others
                            atChunk2.countDown();
                            try {
                                release.await();
                            } catch (InterruptedException e) {
                                throw new InterruptedIOException("interrupted");
                            }
                        }
                        int n = super.read(b, off, Math.min(len, read < chunk ? chunk - read : len));
                        read += Math.max(0, n);
                        return n;
                    }
                };
                results.add(callers.submit(() -> client.send(
                        MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                                .compress(true)
                                .chunkSize(chunk)
                                .build(),
                        held,
                        data.length)));
            }
            assertThat(atChunk2.await(60, TimeUnit.SECONDS)).isTrue();
            // every send has compressed its first chunk; the threads that did it are all still alive
            assertThat(threadsNamed("nhs-mesh-gzip-"))
                    .as("compression threads for %d concurrent sends", sends)
                    .isLessThanOrEqualTo(Math.min(4, Runtime.getRuntime().availableProcessors()));
            release.countDown();
            for (java.util.concurrent.Future<MeshSendResult> r : results) {
                assertThat(r.get(60, TimeUnit.SECONDS).chunks()).isEqualTo(2);
            }
        } finally {
            release.countDown();
            callers.shutdownNow();
        }
        assertNothingLeft(spool);
    }

    @Test
    void anUnknownOutcomeOfTheMessageRequestIsReportedWithItsLocalIdWhileChunk2WasSpooledAhead() throws Exception {
        server.stubFor(post(urlPathEqualTo(OUTBOX)).willReturn(aResponse().withStatus(500)));
        Path spool = Files.createDirectory(dir.resolve("spool"));
        Path file = Files.write(dir.resolve("m.bin"), content(3 * 300_000));

        uk.nhs.sdk.core.error.NhsTransportException e = catchThrowableOfType(
                uk.nhs.sdk.core.error.NhsTransportException.class,
                () -> builder()
                        .spoolDirectory(spool)
                        .build()
                        .send(
                                MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                                        .localId("order-7")
                                        .compress(true)
                                        .chunkSize(300_000)
                                        .build(),
                                file));

        assertThat(e.outcomeUnknown()).isTrue();
        assertThat(e.reconcileId()).contains("order-7");
        server.verify(0, postRequestedFor(urlPathMatching(OUTBOX + "/.+")));
        assertNothingLeft(spool);
    }

    @Test
    void aRetriedChunkIsSentAgainWithTheSameBytesWhileTheNextIsSpooledAhead() throws Exception {
        stubChunks();
        String chunk2 = OUTBOX + "/" + CHUNKED_ID + "/2";
        server.stubFor(post(urlPathEqualTo(chunk2))
                .inScenario("retry")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("second"));
        server.stubFor(post(urlPathEqualTo(chunk2))
                .inScenario("retry")
                .whenScenarioStateIs("second")
                .willReturn(CapturedExchange.load("14-send-chunk2-of-2-gzip").response()));
        Path spool = Files.createDirectory(dir.resolve("spool"));
        byte[] data = content(3 * 700_000);
        Path file = Files.write(dir.resolve("m.bin"), data);

        MeshSendResult sent = builder()
                .spoolDirectory(spool)
                .build()
                .send(
                        MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                                .compress(true)
                                .chunkSize(700_000)
                                .build(),
                        file);

        assertThat(sent.chunks()).isEqualTo(3);
        List<LoggedRequest> tries = server.findAll(postRequestedFor(urlPathEqualTo(chunk2)));
        assertThat(tries).hasSize(2);
        byte[] expected = java.util.Arrays.copyOfRange(data, 700_000, 1_400_000);
        assertThat(tries.get(0).getBody()).isEqualTo(expected);
        assertThat(tries.get(1).getBody()).isEqualTo(expected);
        assertThat(tries.get(1).getHeader("Content-Length"))
                .isEqualTo(tries.get(0).getHeader("Content-Length"));
        List<String> order = server.findAll(postRequestedFor(urlPathMatching(OUTBOX + ".*"))).stream()
                .map(LoggedRequest::getUrl)
                .toList();
        assertThat(order).containsExactly(OUTBOX, chunk2, chunk2, OUTBOX + "/" + CHUNKED_ID + "/3");
        assertNothingLeft(spool);
    }

    @Test
    void aCompressedFileOfManyChunksIsUploadedInOrderEachChunkWhole() throws Exception {
        stubChunks();
        Path spool = Files.createDirectory(dir.resolve("spool"));
        byte[] data = content(5 * 700_000 + 123);
        Path file = Files.write(dir.resolve("m.bin"), data);

        MeshSendResult sent = builder()
                .spoolDirectory(spool)
                .build()
                .send(
                        MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                                .compress(true)
                                .chunkSize(700_000)
                                .build(),
                        file);

        assertThat(sent.chunks()).isEqualTo(6);
        List<LoggedRequest> all = server.findAll(postRequestedFor(urlPathMatching(OUTBOX + ".*")));
        assertThat(all)
                .extracting(LoggedRequest::getUrl)
                .containsExactly(
                        OUTBOX,
                        OUTBOX + "/" + CHUNKED_ID + "/2",
                        OUTBOX + "/" + CHUNKED_ID + "/3",
                        OUTBOX + "/" + CHUNKED_ID + "/4",
                        OUTBOX + "/" + CHUNKED_ID + "/5",
                        OUTBOX + "/" + CHUNKED_ID + "/6");
        for (int k = 0; k < all.size(); k++) {
            int from = k * 700_000;
            byte[] expected = java.util.Arrays.copyOfRange(data, from, Math.min(data.length, from + 700_000));
            assertThat(all.get(k).getBody())
                    .as("chunk %d (WireMock gunzips it)", k + 1)
                    .isEqualTo(expected);
            assertThat(all.get(k).getHeader("mex-Chunk-Range")).isEqualTo((k + 1) + ":6");
        }
        assertNothingLeft(spool);
    }

    @Test
    void aChunkUploadThatFailsEndsTheSendAtThatChunkWhileTheNextWasSpooledAhead() throws Exception {
        stubChunks();
        server.stubFor(post(urlPathEqualTo(OUTBOX + "/" + CHUNKED_ID + "/2"))
                .willReturn(aResponse().withStatus(400)));
        Path spool = Files.createDirectory(dir.resolve("spool"));
        Path file = Files.write(dir.resolve("m.bin"), content(4 * 300_000));

        MeshSendIncompleteException e = catchThrowableOfType(
                MeshSendIncompleteException.class,
                () -> builder()
                        .spoolDirectory(spool)
                        .build()
                        .send(
                                MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                                        .compress(true)
                                        .chunkSize(300_000)
                                        .build(),
                                file));

        assertThat(e.nextChunk()).isEqualTo(2);
        assertThat(e.totalChunks()).isEqualTo(4);
        assertThat(e.messageId()).isEqualTo(CHUNKED_ID);
        assertThat(e.getCause()).isInstanceOf(BadRequestException.class);
        server.verify(0, postRequestedFor(urlPathEqualTo(OUTBOX + "/" + CHUNKED_ID + "/3")));
        assertNothingLeft(spool);
    }

    @Test
    void aStreamThatFailsWhileItsNextChunkIsSpooledAheadEndsTheSendAtThatChunk() throws Exception {
        stubChunks();
        Path spool = Files.createDirectory(dir.resolve("spool"));
        byte[] data = content(3 * 1000);
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(data)) {
            private int read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read >= 2500) {
                    throw new IOException("disk gone");
                }
                int n = super.read(b, off, Math.min(len, 2500 - read));
                read += Math.max(0, n);
                return n;
            }
        };

        MeshSendIncompleteException e = catchThrowableOfType(
                MeshSendIncompleteException.class,
                () -> builder()
                        .spoolDirectory(spool)
                        .build()
                        .send(
                                MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                                        .compress(true)
                                        .chunkSize(1000)
                                        .build(),
                                failing,
                                data.length));

        assertThat(e.nextChunk()).isEqualTo(3);
        assertThat(e.getCause())
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("chunk 3 of the content could not be read");
        server.verify(1, postRequestedFor(urlPathEqualTo(OUTBOX)));
        server.verify(1, postRequestedFor(urlPathEqualTo(OUTBOX + "/" + CHUNKED_ID + "/2")));
        server.verify(0, postRequestedFor(urlPathEqualTo(OUTBOX + "/" + CHUNKED_ID + "/3")));
        assertNothingLeft(spool);
    }

    @Test
    void anInterruptWhileWaitingForTheChunkSpooledAheadEndsTheSendAndStopsTheSpooling() throws Exception {
        stubChunks();
        Path spool = Files.createDirectory(dir.resolve("spool"));
        byte[] data = content(3 * 1000);
        CountDownLatch blocked = new CountDownLatch(1);
        InputStream stalls = new FilterInputStream(new ByteArrayInputStream(data)) {
            private int read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read >= 2000) {
                    blocked.countDown();
                    try {
                        new CountDownLatch(1).await(); // a source that never answers, until interrupted
                    } catch (InterruptedException e) {
                        throw new InterruptedIOException("interrupted");
                    }
                }
                int n = super.read(b, off, Math.min(len, 2000 - read));
                read += Math.max(0, n);
                return n;
            }
        };
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Boolean> interruptKept = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                builder()
                        .spoolDirectory(spool)
                        .build()
                        .send(
                                MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                                        .compress(true)
                                        .chunkSize(1000)
                                        .build(),
                                stalls,
                                data.length);
            } catch (RuntimeException e) {
                failure.set(e);
                interruptKept.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        assertThat(blocked.await(30, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        // the caller has uploaded chunk 2 and waits for chunk 3, which is stuck in the source
        while ((server.findAll(postRequestedFor(urlPathEqualTo(OUTBOX + "/" + CHUNKED_ID + "/2")))
                                .isEmpty()
                        || caller.getState() != Thread.State.WAITING)
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(caller.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(MeshSendIncompleteException.class);
        assertThat(((MeshSendIncompleteException) failure.get()).nextChunk()).isEqualTo(3);
        assertThat(interruptKept.get()).as("the interrupt flag is kept").isTrue();
        server.verify(0, postRequestedFor(urlPathEqualTo(OUTBOX + "/" + CHUNKED_ID + "/3")));
        assertNothingLeft(spool);
    }
}
