package uk.nhs.sdk.messaging.mesh.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The block-parallel gzip against the one it replaced ({@code GZIPOutputStream} at its default
 * level, kept here as the oracle): any length (empty, below, at and across block and dictionary
 * boundaries), compressible or not, any number of threads, gunzips to the same bytes, as one gzip
 * member, and is no larger than the oracle's output by more than the sync flushes cost.
 */
class ParallelGzipPropertyTest {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(3);
    /** Shared by every try: the buffers are reused from call to call, as from chunk to chunk. */
    private static final ParallelGzip.Blocks BLOCKS = new ParallelGzip.Blocks();

    @AfterContainer
    static void stopPool() {
        POOL.shutdownNow();
        BLOCKS.close();
    }

    /** The compressor before: one {@code GZIPOutputStream} over the chunk. */
    static byte[] oracle(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, Spool.BUFFER)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static byte[] parallel(byte[] data, int parallelism) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ParallelGzip.compress(new ByteArrayInputStream(data), data.length, out, POOL, parallelism, BLOCKS);
        return out.toByteArray();
    }

    static byte[] gunzipOneMember(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @Property(tries = 60)
    void gunzipsToTheSameBytesAsTheOracle(
            @ForAll @IntRange(min = 0, max = 3) int wholeBlocks,
            @ForAll @IntRange(min = 0, max = 40_000) int extra,
            @ForAll boolean compressible,
            @ForAll @IntRange(min = 1, max = 3) int parallelism,
            @ForAll long seed)
            throws IOException {
        byte[] data = new byte[wholeBlocks * ParallelGzip.BLOCK + extra];
        Random r = new Random(seed);
        if (compressible) {
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) ("the quick brown fox ".charAt(i % 20) + (r.nextInt(50) == 0 ? 1 : 0));
            }
        } else {
            r.nextBytes(data);
        }
        byte[] ours = parallel(data, parallelism);
        byte[] theirs = oracle(data);

        assertThat(gunzipOneMember(ours)).isEqualTo(gunzipOneMember(theirs)).isEqualTo(data);
        // the trailer: CRC-32 and length, as the oracle writes them
        assertThat(java.util.Arrays.copyOfRange(ours, ours.length - 8, ours.length))
                .isEqualTo(java.util.Arrays.copyOfRange(theirs, theirs.length - 8, theirs.length));
        assertThat(ours.length).isLessThanOrEqualTo(theirs.length + 16 * (wholeBlocks + 1) + 64);
    }

    @Example
    void aStreamShorterThanItsLengthIsAnError() {
        assertThatThrownBy(() -> ParallelGzip.compress(
                        new ByteArrayInputStream(new byte[10]), 11, new ByteArrayOutputStream(), POOL, 2, BLOCKS))
                .isInstanceOf(EOFException.class);
    }
}
