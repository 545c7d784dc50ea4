package uk.nhs.sdk.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.messaging.mesh.MeshClient;
import uk.nhs.sdk.messaging.mesh.MeshMessage;
import uk.nhs.sdk.messaging.mesh.MeshSendRequest;
import uk.nhs.sdk.messaging.mesh.internal.MeshAuthHeader;

/**
 * How fast the MESH client sends and receives one large message (1 GiB by default, in 20 MiB
 * chunks) against a bare OkHttp upload and download of the same bytes to the same server, and at
 * what client CPU and heap.
 *
 * <p>The MESH fake (the embedded sandbox) runs in a JVM of its own ({@link MeshFakeProcess}), so
 * the fork's process CPU time is the client's: each invocation prints the fork's CPU seconds per
 * GiB (all its threads, GC and JIT included) and the peak heap (the sum of the heap pools' peaks
 * during the invocation, reset before it). The fork runs with {@code -Xmx256m}.
 *
 * <p>Each operation moves the whole message, so the score is seconds per message: throughput in
 * MB/s is the size divided by the score.
 * <ul>
 *   <li>{@code send}: {@code MeshClient.send(request, Path)};</li>
 *   <li>{@code bareOkHttpUpload}: the same chunks to the same endpoints with the same headers
 *       (an {@code NHSMESH} header per request), each body streamed from its slice of the file
 *       with okio (gzipped on the fly, chunked transfer, when {@code compress});</li>
 *   <li>{@code receive}: {@code MeshClient.receive(id)} read to its end into a null stream;</li>
 *   <li>{@code bareOkHttpDownload}: the same chunk GETs ({@code Accept-Encoding: gzip} when
 *       {@code acceptGzip}, else {@code identity}; gunzipped when the answer is), each body streamed
 *       into the same null stream; it also prints the body bytes on the wire, which are the SDK's
 *       too for the same {@code acceptGzip}.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx256m"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class MeshThroughputBenchmark {
    private static final int CHUNK = 20 << 20;
    private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
    private static final String ACCEPT_V2 = "application/vnd.mesh.v2+json";

    /** The message size in MiB. */
    @Param("1024")
    public int sizeMiB;

    /** Whether each chunk is gzipped in transit (the content is random, so this costs CPU only). */
    @Param("false")
    public boolean compress;

    /** Whether the SDK's downloads ask for gzip ({@code MeshClientBuilder.acceptCompressedDownloads}). */
    @Param("true")
    public boolean acceptGzip;

    /**
     * Whether the fake gzips a chunk stored uncompressed on the fly (level 9) for a download that
     * accepts gzip, as NHS England's mesh-sandbox does.
     */
    @Param("false")
    public boolean fakeGzipOnTheFly;

    private MeshFakeProcess fake;
    private MeshClient sender;
    private MeshClient recipient;
    private OkHttpClient http;
    private final AtomicLong nonceCount = new AtomicLong();
    private final String nonce = UUID.randomUUID().toString();
    private Path directory;
    private Path file;
    private String receivable;
    private long wireBytes = -1;
    private long cpuBefore;
    private long wallBefore;

    /**
     * Creates the benchmark (JMH does this).
     */
    public MeshThroughputBenchmark() {}

    /**
     * Starts the fake in its own JVM, writes the message file from a seeded generator and sends it
     * once, for the downloads.
     *
     * @throws IOException when the file cannot be written or the fake does not start
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        fake = MeshFakeProcess.start(fakeGzipOnTheFly);
        sender = MeshClient.builder()
                .baseUrl(fake.baseUrl())
                .mailbox(MeshFakeProcess.FROM)
                .password(Secret.of(MeshFakeProcess.PASSWORD))
                .sharedKey(Secret.of(MeshFakeProcess.SHARED_KEY))
                .build();
        recipient = MeshClient.builder()
                .baseUrl(fake.baseUrl())
                .mailbox(MeshFakeProcess.TO)
                .password(Secret.of(MeshFakeProcess.PASSWORD))
                .sharedKey(Secret.of(MeshFakeProcess.SHARED_KEY))
                .acceptCompressedDownloads(acceptGzip)
                .build();
        http = new OkHttpClient.Builder().build();
        directory = Files.createTempDirectory("nhs-sdk-bench-");
        file = directory.resolve("message.bin");
        Bytes.writeSeeded(file, (long) sizeMiB << 20);
        receivable = sendOnce();
        checkVariants();
    }

    /**
     * Checks that every variant moves the file's exact bytes: the SDK's and the bare download of
     * the message sent, and a bare upload read back through the SDK.
     */
    private void checkVariants() throws IOException {
        byte[] want;
        try (InputStream in = Files.newInputStream(file)) {
            want = Bytes.sha256(in, OutputStream.nullOutputStream());
        }
        try (MeshMessage m = recipient.receive(receivable);
                InputStream in = m.content()) {
            Bytes.require("receive", want, Bytes.sha256(in, OutputStream.nullOutputStream()));
        }
        MessageDigest d = Bytes.newSha256();
        bareDownload(new DigestOutputStream(OutputStream.nullOutputStream(), d));
        Bytes.require("bareOkHttpDownload", want, d.digest());
        String bare = bareOkHttpUpload();
        try (MeshMessage m = recipient.receive(bare);
                InputStream in = m.content()) {
            Bytes.require("bareOkHttpUpload", want, Bytes.sha256(in, OutputStream.nullOutputStream()));
        }
        recipient.acknowledge(bare);
    }

    private String sendOnce() {
        return sender.send(
                        MeshSendRequest.builder(recipient.mailbox(), "TEST_WORKFLOW")
                                .fileName("message.bin")
                                .compress(compress)
                                .build(),
                        file)
                .messageId();
    }

    /**
     * Notes the fork's CPU time and resets the heap pools' peaks before each invocation.
     */
    @Setup(Level.Invocation)
    public void before() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        wireBytes = -1;
        cpuBefore = processCpuNanos();
        wallBefore = System.nanoTime();
    }

    /**
     * Prints the invocation's client CPU per GiB, MB/s and peak heap.
     *
     * @param params the benchmark's parameters (JMH injects them)
     */
    @TearDown(Level.Invocation)
    public void after(org.openjdk.jmh.infra.BenchmarkParams params) {
        long cpu = processCpuNanos() - cpuBefore;
        long wall = System.nanoTime() - wallBefore;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                MemoryUsage u = pool.getPeakUsage();
                peak += u.getUsed();
            }
        }
        double gib = sizeMiB / 1024.0;
        String name = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        System.out.printf(
                "%nmesh-figures %s compress=%s acceptGzip=%s fakeGzipOnTheFly=%s: %.0f MB/s,"
                        + " client CPU %.2f s/GiB, peak heap %d MiB%s%n",
                name,
                compress,
                acceptGzip,
                fakeGzipOnTheFly,
                ((double) sizeMiB * (1 << 20)) / wall * 1e3,
                cpu / 1e9 / gib,
                peak >> 20,
                wireBytes < 0 ? "" : ", wire bytes " + wireBytes);
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * Sends the message: chunk 1 with the message, the rest to the chunk endpoint.
     *
     * @return the message id
     */
    @Benchmark
    public String send() {
        return sendOnce();
    }

    /**
     * The same upload with bare OkHttp: the same requests, each body streamed from the file.
     *
     * @return the message id
     * @throws IOException when a request fails
     */
    @Benchmark
    public String bareOkHttpUpload() throws IOException {
        long length = Files.size(file);
        int total = (int) Math.max(1, (length + CHUNK - 1) / CHUNK);
        String id = null;
        for (int k = 1; k <= total; k++) {
            long offset = (long) (k - 1) * CHUNK;
            long size = Math.min(CHUNK, length - offset);
            String path = k == 1
                    ? "/messageexchange/" + MeshFakeProcess.FROM + "/outbox"
                    : "/messageexchange/" + MeshFakeProcess.FROM + "/outbox/" + id + "/" + k;
            Request.Builder rb = new Request.Builder()
                    .url(fake.baseUrl().resolve(path).toString())
                    .header("Authorization", auth(MeshFakeProcess.FROM))
                    .header("Accept", ACCEPT_V2)
                    .post(compress ? gzipSlice(offset, size) : slice(offset, size));
            if (k == 1) {
                rb.header("mex-To", MeshFakeProcess.TO)
                        .header("mex-WorkflowID", "TEST_WORKFLOW")
                        .header("mex-LocalID", UUID.randomUUID().toString())
                        .header("mex-FileName", "message.bin");
            }
            if (total > 1) {
                rb.header("mex-Chunk-Range", k + ":" + total);
            }
            if (compress) {
                rb.header("Content-Encoding", "gzip");
            }
            try (Response r = http.newCall(rb.build()).execute()) {
                if (r.code() != 202 && r.code() != 200) {
                    throw new IOException("chunk " + k + ": HTTP " + r.code());
                }
                if (k == 1) {
                    String json = r.body().string();
                    int at = json.indexOf("\"message_id\"");
                    int open = json.indexOf('"', json.indexOf(':', at) + 1);
                    id = json.substring(open + 1, json.indexOf('"', open + 1));
                }
            }
        }
        return id;
    }

    private String auth(String mailbox) {
        return MeshAuthHeader.value(
                mailbox,
                Secret.of(MeshFakeProcess.PASSWORD),
                Secret.of(MeshFakeProcess.SHARED_KEY),
                nonce,
                Long.toString(nonceCount.getAndIncrement()),
                MeshAuthHeader.timestamp(Instant.now()));
    }

    private RequestBody slice(long offset, long size) {
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return OCTET_STREAM;
            }

            @Override
            public long contentLength() {
                return size;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                    ch.position(offset);
                    Source src = Okio.source(Channels.newInputStream(ch));
                    long left = size;
                    while (left > 0) {
                        long n = src.read(sink.getBuffer(), Math.min(left, 64 * 1024));
                        if (n == -1) {
                            throw new IOException("the file is shorter than expected");
                        }
                        left -= n;
                        sink.emitCompleteSegments();
                    }
                }
            }
        };
    }

    private RequestBody gzipSlice(long offset, long size) {
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return OCTET_STREAM;
            }

            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                    ch.position(offset);
                    InputStream in = Channels.newInputStream(ch);
                    GZIPOutputStream gz = new GZIPOutputStream(sink.outputStream(), 64 * 1024);
                    byte[] buf = new byte[64 * 1024];
                    long left = size;
                    while (left > 0) {
                        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                        if (n == -1) {
                            throw new IOException("the file is shorter than expected");
                        }
                        gz.write(buf, 0, n);
                        left -= n;
                    }
                    gz.finish();
                    gz.flush();
                }
            }
        };
    }

    /**
     * Acknowledges every message the uploads stored, which deletes its chunk files from the fake
     * (so each iteration adds no disk use), keeping the message the downloads read.
     */
    @TearDown(Level.Iteration)
    public void dropSent() {
        recipient
                .inboxMessageIds(uk.nhs.sdk.messaging.mesh.MeshInboxQuery.all())
                .forEach(id -> {
                    if (!id.equals(receivable)) {
                        recipient.acknowledge(id);
                    }
                });
    }

    /**
     * Receives the message: every chunk, read to the end.
     *
     * @return the number of bytes read
     * @throws IOException when the content cannot be read
     */
    @Benchmark
    public long receive() throws IOException {
        try (MeshMessage m = recipient.receive(receivable);
                InputStream in = m.content()) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /**
     * The same download with bare OkHttp: the same chunk GETs, each body streamed into the same
     * null stream (gunzipped when the fake answers with gzip).
     *
     * @return the number of bytes read
     * @throws IOException when a request fails
     */
    @Benchmark
    public long bareOkHttpDownload() throws IOException {
        return bareDownload(OutputStream.nullOutputStream());
    }

    private long bareDownload(OutputStream sink) throws IOException {
        String base = "/messageexchange/" + MeshFakeProcess.TO + "/inbox/" + receivable;
        long read = 0;
        long wire = 0;
        int total = 1;
        for (int k = 1; k <= total; k++) {
            Request req = new Request.Builder()
                    .url(fake.baseUrl().resolve(k == 1 ? base : base + "/" + k).toString())
                    .header("Authorization", auth(MeshFakeProcess.TO))
                    .header("Accept", ACCEPT_V2)
                    .header("Accept-Encoding", acceptGzip ? "gzip" : "identity")
                    .build();
            try (Response r = http.newCall(req).execute()) {
                if (r.code() != 200 && r.code() != 206) {
                    throw new IOException("chunk " + k + ": HTTP " + r.code());
                }
                if (k == 1) {
                    String range = r.header("mex-chunk-range", "1:1");
                    total = Integer.parseInt(
                            range.substring(range.indexOf(':') + 1).strip());
                }
                CountingInputStream counted = new CountingInputStream(r.body().byteStream());
                InputStream in = counted;
                if ("gzip".equalsIgnoreCase(r.header("Content-Encoding", ""))) {
                    in = new GZIPInputStream(in, 64 * 1024);
                }
                read += in.transferTo(sink);
                wire += counted.count();
            }
        }
        wireBytes = wire;
        return read;
    }

    /**
     * Stops the fake and deletes the file.
     *
     * @throws IOException when the file cannot be deleted
     * @throws InterruptedException when interrupted while the fake stops
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException, InterruptedException {
        fake.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
