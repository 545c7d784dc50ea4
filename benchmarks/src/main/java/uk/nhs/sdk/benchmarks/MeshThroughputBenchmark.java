package uk.nhs.sdk.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import uk.nhs.sdk.messaging.mesh.MeshClient;
import uk.nhs.sdk.messaging.mesh.MeshMessage;
import uk.nhs.sdk.messaging.mesh.MeshSendRequest;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.SandboxMeshMailbox;

/**
 * How fast the MESH client sends and receives one large message (1 GiB by default, in 20 MiB
 * chunks) through the embedded sandbox's MESH fake on loopback, and how little heap it needs: the
 * fork runs with {@code -Xmx256m}, and the peak heap of the fork (client and fake together) is
 * printed at the end of each trial.
 *
 * <p>Each operation moves the whole message, so the score is seconds per message: throughput in
 * MB/s is the size divided by the score. {@code send} uploads from a file (every chunk read from
 * its slice of the file); {@code receive} downloads every chunk and reads the content to its end.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class MeshThroughputBenchmark {
    /** The message size in MiB. */
    @Param("1024")
    public int sizeMiB;

    /** Whether each chunk is gzipped in transit (the content is random, so this costs CPU only). */
    @Param("false")
    public boolean compress;

    private NhsSandbox sandbox;
    private MeshClient sender;
    private MeshClient recipient;
    private Path directory;
    private Path file;
    private String receivable;

    /**
     * Creates the benchmark (JMH does this).
     */
    public MeshThroughputBenchmark() {
    }

    /**
     * Starts the sandbox, writes the message file from a seeded generator and sends it once, for
     * {@link #receive()}.
     *
     * @throws IOException when the file cannot be written
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        sandbox = NhsSandbox.start();
        SandboxMeshMailbox from = sandbox.meshMailboxes().get(0);
        SandboxMeshMailbox to = sandbox.meshMailboxes().get(1);
        sender = MeshClient.builder().baseUrl(sandbox.meshBaseUrl()).mailbox(from.id()).password(from.password())
                .sharedKey(sandbox.meshSharedKey()).build();
        recipient = MeshClient.builder().baseUrl(sandbox.meshBaseUrl()).mailbox(to.id()).password(to.password())
                .sharedKey(sandbox.meshSharedKey()).build();
        directory = Files.createTempDirectory("nhs-sdk-bench-");
        file = directory.resolve("message.bin");
        writeSeeded(file, (long) sizeMiB << 20);
        receivable = sendOnce();
    }

    private static void writeSeeded(Path target, long length) throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        byte[] buf = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(target)) {
            for (long left = length; left > 0; left -= buf.length) {
                for (int i = 0; i < buf.length; i += 8) {
                    long v = random.nextLong();
                    for (int j = 0; j < 8; j++) {
                        buf[i + j] = (byte) (v >>> (8 * j));
                    }
                }
                out.write(buf, 0, (int) Math.min(buf.length, left));
            }
        }
    }

    private String sendOnce() {
        return sender.send(MeshSendRequest.builder(recipient.mailbox(), "TEST_WORKFLOW").fileName("message.bin")
                .compress(compress).build(), file).messageId();
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
     * Acknowledges every message {@link #send()} stored, which deletes its chunk files from the
     * sandbox (so each iteration adds no disk use), keeping the message {@link #receive()} reads.
     */
    @TearDown(Level.Iteration)
    public void dropSent() {
        recipient.inboxMessageIds(uk.nhs.sdk.messaging.mesh.MeshInboxQuery.all()).forEach(id -> {
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
        try (MeshMessage m = recipient.receive(receivable); InputStream in = m.content()) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /**
     * Prints the fork's heap figures, stops the sandbox and deletes the file.
     *
     * @throws IOException when the file cannot be deleted
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%nheap: max %d MiB, peak used %d MiB (client and MESH fake in one JVM)%n",
                Runtime.getRuntime().maxMemory() >> 20, peak >> 20);
        sandbox.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
