package uk.nhs.sdk.messaging.mesh.internal;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import uk.nhs.sdk.core.http.NhsRequestBody;

/**
 * Splits a message into MESH chunks without holding the message in memory.
 *
 * <p>The uncompressed content is cut into {@code ceil(length / chunkSize)} pieces (at least one);
 * with compression on, each piece is gzipped on its own (MESH API spec: "split the uncompressed
 * data, then compress each chunk independently with the same algorithm"). Each chunk becomes a
 * replayable body with a known length, so a chunk upload can be retried:
 * <ul>
 *   <li>bytes or a file, uncompressed: the body reads its slice directly (no copy);</li>
 *   <li>otherwise the chunk is first written to a temporary spool file (raw or gzipped, the
 *       deflate blocks compressed on all cores: {@link ParallelGzip}) and the body reads that
 *       file. While chunk n uploads, chunk n+1 is spooled into a second file on one background
 *       thread ({@link SpoolAhead}), so compressing overlaps the upload; chunk n+2 overwrites
 *       chunk n's file only when it is asked for, after chunk n's upload (and its retries).</li>
 * </ul>
 * Heap use is a few compression blocks per core ({@link ParallelGzip}); disk use is two chunks
 * (or, for a stream of unknown length, the whole message, which is spooled first to learn its
 * length).
 *
 * <p>Chunks of a stream source must be requested in order. Not thread-safe: one caller thread.
 */
public abstract class ChunkSource implements Closeable {
    private final long length;
    private final int chunkSize;
    private final boolean gzip;
    private final SpoolAhead ahead;

    /** Every factory checks {@code chunkSize} ({@link #positive}) before it constructs. */
    private ChunkSource(long length, int chunkSize, boolean gzip, Path spoolDirectory) {
        this.length = length;
        this.chunkSize = chunkSize;
        this.gzip = gzip;
        this.ahead = new SpoolAhead(spoolDirectory, gzip);
    }

    private static int positive(int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be positive");
        }
        return chunkSize;
    }

    /**
     * Chunks of an array (not copied; do not change it while sending).
     *
     * @param data the content
     * @param chunkSize the uncompressed size of every chunk but the last
     * @param gzip whether each chunk is gzipped
     * @param spoolDirectory where compressed chunks are spooled, or {@code null} for the temp dir
     * @return the source
     */
    public static ChunkSource ofBytes(byte[] data, int chunkSize, boolean gzip, Path spoolDirectory) {
        Objects.requireNonNull(data, "data");
        return new ChunkSource(data.length, positive(chunkSize), gzip, spoolDirectory) {
            @Override
            InputStream openRaw(int number, long offset, long size) {
                return new ByteArrayInputStream(data, (int) offset, (int) size);
            }

            @Override
            boolean seekable() {
                return true;
            }
        };
    }

    /**
     * Chunks of a file, read slice by slice.
     *
     * @param file the file
     * @param chunkSize the uncompressed size of every chunk but the last
     * @param gzip whether each chunk is gzipped
     * @param spoolDirectory where compressed chunks are spooled, or {@code null} for the temp dir
     * @return the source
     * @throws IOException when the file's size cannot be read
     */
    public static ChunkSource ofFile(Path file, int chunkSize, boolean gzip, Path spoolDirectory) throws IOException {
        Objects.requireNonNull(file, "file");
        return new FileSource(file, Files.size(file), positive(chunkSize), gzip, spoolDirectory, false);
    }

    /**
     * Chunks of a stream whose length is known. The stream is read once, in order, one chunk at a
     * time into the spool file; it is not closed.
     *
     * @param in the content
     * @param length the exact number of bytes the stream holds
     * @param chunkSize the uncompressed size of every chunk but the last
     * @param gzip whether each chunk is gzipped
     * @param spoolDirectory the spool directory, or {@code null} for the temp dir
     * @return the source
     */
    public static ChunkSource ofStream(InputStream in, long length, int chunkSize, boolean gzip, Path spoolDirectory) {
        Objects.requireNonNull(in, "in");
        return new StreamSource(in, length, positive(chunkSize), gzip, spoolDirectory);
    }

    /**
     * Chunks of a stream of unknown length: the stream is first copied to a temporary file (to
     * learn the chunk count, which the first request must state), which is deleted on close.
     *
     * @param in the content; read to its end, not closed
     * @param chunkSize the uncompressed size of every chunk but the last
     * @param gzip whether each chunk is gzipped
     * @param spoolDirectory the spool directory, or {@code null} for the temp dir
     * @return the source
     * @throws IOException when the stream or the spool file fails
     */
    public static ChunkSource ofStreamOfUnknownLength(InputStream in, int chunkSize, boolean gzip, Path spoolDirectory)
            throws IOException {
        Path whole = Spool.spoolWhole(Objects.requireNonNull(in, "in"), spoolDirectory);
        try {
            return new FileSource(whole, Files.size(whole), positive(chunkSize), gzip, spoolDirectory, true);
        } catch (RuntimeException e) {
            Files.deleteIfExists(whole);
            throw e;
        }
    }

    /**
     * The uncompressed length.
     *
     * @return bytes
     */
    public final long length() {
        return length;
    }

    /**
     * The number of chunks: {@code ceil(length / chunkSize)}, at least 1.
     *
     * @return the chunk count
     */
    public final int chunkCount() {
        long n = (length + chunkSize - 1) / chunkSize;
        if (n > Integer.MAX_VALUE) {
            throw new IllegalStateException("too many chunks");
        }
        return (int) Math.max(1, n);
    }

    /**
     * The uncompressed length of a chunk.
     *
     * @param number the chunk, from 1
     * @return bytes
     */
    public final long rawLength(int number) {
        checkNumber(number);
        long offset = (long) (number - 1) * chunkSize;
        return Math.min(chunkSize, length - offset);
    }

    /**
     * Whether chunks are gzipped.
     *
     * @return {@code true} when each chunk is gzipped
     */
    public final boolean gzip() {
        return gzip;
    }

    /**
     * The body of a chunk: replayable, with a known length. For stream sources, chunks must be
     * asked for in order, and a body is valid only until the next chunk is asked for.
     *
     * @param number the chunk, from 1
     * @param contentType the body's media type
     * @return the body
     * @throws IOException when the source or the spool fails, or a stream is shorter or longer
     *     than its declared length
     */
    public final NhsRequestBody chunk(int number, String contentType) throws IOException {
        checkNumber(number);
        long offset = (long) (number - 1) * chunkSize;
        long size = rawLength(number);
        if (seekable() && !gzip) {
            return NhsRequestBody.ofStream(() -> openRaw(number, offset, size), size, contentType, true);
        }
        return ahead.take(number, number < chunkCount() ? number + 1 : 0, this::spoolChunk, contentType);
    }

    /** Fills {@code spool} with chunk {@code number}, raw or gzipped; returns the spooled size. */
    private long spoolChunk(int number, Spool spool, SpoolAhead.Workers workers) throws IOException {
        long offset = (long) (number - 1) * chunkSize;
        long size = rawLength(number);
        try (InputStream raw = openRaw(number, offset, size)) {
            return spool.fill(raw, size, gzip, workers.deflaters(), workers.parallelism(), workers.blocks());
        }
    }

    private void checkNumber(int number) {
        if (number < 1 || number > chunkCount()) {
            throw new IllegalArgumentException("no such chunk");
        }
    }

    /** Opens the uncompressed bytes of one chunk. */
    abstract InputStream openRaw(int number, long offset, long size) throws IOException;

    /** Whether chunks can be opened in any order, and more than once. */
    abstract boolean seekable();

    /**
     * Stops the chunk being spooled ahead (if any), waits for its thread and deletes the spool files.
     *
     * @throws IOException when a spool file cannot be deleted
     */
    @Override
    public void close() throws IOException {
        ahead.close();
    }

    /** A file, opened at the chunk's offset for each read. */
    private static final class FileSource extends ChunkSource {
        private final Path file;
        private final boolean deleteOnClose;

        FileSource(Path file, long length, int chunkSize, boolean gzip, Path spoolDirectory, boolean deleteOnClose) {
            super(length, chunkSize, gzip, spoolDirectory);
            this.file = file;
            this.deleteOnClose = deleteOnClose;
        }

        @Override
        InputStream openRaw(int number, long offset, long size) throws IOException {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
            try {
                ch.position(offset);
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            return new Limited(Channels.newInputStream(ch), size);
        }

        @Override
        boolean seekable() {
            return true;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                if (deleteOnClose) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** A one-pass stream: chunk n is read straight after chunk n-1. */
    private static final class StreamSource extends ChunkSource {
        private final InputStream in;
        private int next = 1;

        StreamSource(InputStream in, long length, int chunkSize, boolean gzip, Path spoolDirectory) {
            super(length, chunkSize, gzip, spoolDirectory);
            this.in = in;
        }

        @Override
        InputStream openRaw(int number, long offset, long size) throws IOException {
            if (number != next) {
                throw new IllegalStateException("chunks of a stream must be read in order");
            }
            next++;
            boolean last = number == chunkCount();
            InputStream source = in;
            return new FilterInputStream(new Limited(source, size, false)) {
                @Override
                public void close() throws IOException {
                    if (last && source.read() != -1) {
                        throw new IOException("the content is longer than its declared length");
                    }
                }
            };
        }

        @Override
        boolean seekable() {
            return false;
        }
    }

    /** At most {@code limit} bytes of a stream. */
    static final class Limited extends FilterInputStream {
        private long left;
        private final boolean closeUnderlying;

        Limited(InputStream in, long limit) {
            this(in, limit, true);
        }

        Limited(InputStream in, long limit, boolean closeUnderlying) {
            super(in);
            this.left = limit;
            this.closeUnderlying = closeUnderlying;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b != -1) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = in.skip(Math.min(n, left));
            left -= s;
            return s;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), left);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void close() throws IOException {
            if (closeUnderlying) {
                in.close();
            }
        }
    }
}
