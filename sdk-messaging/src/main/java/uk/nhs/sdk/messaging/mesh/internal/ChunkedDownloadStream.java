package uk.nhs.sdk.messaging.mesh.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import uk.nhs.sdk.core.error.NhsTimeoutException;
import uk.nhs.sdk.core.http.NhsResponse;

/**
 * The content of a MESH message as one stream across all its chunks, fetched lazily: chunk n is
 * requested only when a read finds chunk n-1 exhausted. Each chunk whose response says
 * {@code Content-Encoding: gzip} is gunzipped on its own. Heap use is the decoder's buffers;
 * nothing is held beyond the bytes the caller has not read yet from the current response.
 *
 * <p>When a chunk's connection fails part-way (an {@link IOException}, or a read that stalled for
 * longer than the attempt timeout, which the SDK reports as an {@link NhsTimeoutException} caused
 * by a {@link SocketTimeoutException}), the chunk is requested again (chunks are addressable) and
 * the bytes already delivered are skipped, up to {@code resumesPerChunk} times. A failure to fetch
 * a chunk surfaces as the SDK's unchecked exception from the opener.
 *
 * <p>Any failure that reaches the caller (resumes used up, the call's deadline passed, a chunk
 * that could not be fetched, any other unchecked exception from a read) breaks the stream for
 * good: the connection is released and every later read throws, so a caller that swallowed the
 * failure can never read on as if nothing had been lost, nor see the end of the message.
 *
 * <p>With read-ahead (a spool directory given), chunk n+1 is fetched into an owner-only
 * temporary file on one background thread while the caller reads chunk n, at most one chunk
 * ahead ({@link ChunkReadAhead}); the stream then reads that file as it would the connection. A
 * fetch that broke part-way costs the chunk one resume, as a broken read would; a chunk that could
 * not be fetched breaks the stream when the caller reaches it, as it would have. Closing the stream
 * cancels the fetch and deletes its file; an interrupt of a reader waiting for it ends the stream
 * with an {@link java.io.InterruptedIOException}.
 *
 * <p>Not thread-safe, like any stream.
 */
public final class ChunkedDownloadStream extends InputStream {
    /** Opens chunk {@code number} (1-based) as a streamed response. */
    @FunctionalInterface
    public interface ChunkOpener {
        /**
         * Fetches a chunk.
         *
         * @param number the chunk, from 1
         * @return the 2xx streamed response
         */
        NhsResponse open(int number);
    }

    private final int totalChunks;
    private final ChunkOpener opener;
    private final int resumesPerChunk;
    private final ChunkReadAhead readAhead;
    private int current;
    private NhsResponse response;
    private InputStream in;
    private long deliveredFromChunk;
    private int resumesLeft;
    private boolean closed;
    private boolean ended;
    private boolean broken;

    /**
     * Creates the stream.
     *
     * @param first the response that carried chunk 1, not yet read
     * @param totalChunks the message's chunk count (from {@code mex-chunk-range})
     * @param opener fetches chunks 1..n again or for the first time
     * @param resumesPerChunk how many times a chunk is fetched again after a broken read
     */
    public ChunkedDownloadStream(NhsResponse first, int totalChunks, ChunkOpener opener, int resumesPerChunk) {
        this(first, totalChunks, opener, resumesPerChunk, false, null);
    }

    /**
     * Creates the stream, with read-ahead when a spool directory is given.
     *
     * @param first the response that carried chunk 1, not yet read
     * @param totalChunks the message's chunk count (from {@code mex-chunk-range})
     * @param opener fetches chunks 1..n again or for the first time; with read-ahead it is also
     *     called from the read-ahead thread
     * @param resumesPerChunk how many times a chunk is fetched again after a broken read
     * @param readAhead whether the next chunk is fetched while the caller reads this one (else
     *     each chunk is fetched when the previous one is exhausted)
     * @param spoolDirectory where read-ahead spools the next chunk; {@code null} for
     *     {@code java.io.tmpdir}
     */
    public ChunkedDownloadStream(
            NhsResponse first,
            int totalChunks,
            ChunkOpener opener,
            int resumesPerChunk,
            boolean readAhead,
            Path spoolDirectory) {
        this.response = Objects.requireNonNull(first, "first");
        this.totalChunks = Math.max(1, totalChunks);
        this.opener = Objects.requireNonNull(opener, "opener");
        this.resumesPerChunk = Math.max(0, resumesPerChunk);
        this.current = 1;
        this.resumesLeft = this.resumesPerChunk;
        this.readAhead =
                readAhead && this.totalChunks > 1 ? new ChunkReadAhead(opener, spoolDirectory, this.totalChunks) : null;
    }

    /**
     * The chunk being read, from 1.
     *
     * @return the chunk number
     */
    public int currentChunk() {
        return current;
    }

    /**
     * Whether the content was read to its end. When the caller is on the last chunk but has not
     * yet seen the end, one more byte is read to find out (this never fetches another chunk); a
     * failure of that read counts as "not read to the end". A stream closed after its last byte
     * was read counts as read to the end ({@link #close()}).
     *
     * @return {@code true} once every chunk was read to its end
     */
    public boolean readToEnd() {
        if (ended) {
            return true;
        }
        if (closed || broken || current < totalChunks) {
            return false;
        }
        try {
            return read() == -1;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("the message stream is closed");
        }
        if (broken) {
            throw new IOException("a chunk of the message could not be fetched");
        }
        if (len == 0) {
            return 0;
        }
        while (!ended) {
            int n;
            try {
                n = decoded().read(b, off, len);
            } catch (IOException e) {
                resume(e);
                continue;
            } catch (RuntimeException e) {
                if (!stalled(e)) {
                    throw breakOn(e);
                }
                resume(e);
                continue;
            }
            if (n > 0) {
                deliveredFromChunk += n;
                return n;
            }
            if (n == -1) {
                advance();
            }
        }
        return -1;
    }

    private InputStream decoded() throws IOException {
        if (in == null) {
            if (readAhead != null) {
                readAhead.start(current + 1);
            }
            InputStream raw = response.bodyStream();
            in = response.header("Content-Encoding")
                            .map(v -> v.toLowerCase(Locale.ROOT).contains("gzip"))
                            .orElse(false)
                    ? new GZIPInputStream(raw, Spool.BUFFER)
                    : raw;
        }
        return in;
    }

    private void advance() throws IOException {
        response.close();
        in = null;
        if (current >= totalChunks) {
            ended = true;
            return;
        }
        current++;
        deliveredFromChunk = 0;
        resumesLeft = resumesPerChunk;
        response = readAhead == null ? open(current) : takeAhead(current);
    }

    /** Chunk {@code number} from the read-ahead, handled as the same outcome of a direct fetch would be. */
    private NhsResponse takeAhead(int number) throws IOException {
        ChunkReadAhead.Fetched f;
        try {
            f = readAhead.take(number);
        } catch (IOException | RuntimeException | Error e) {
            markBroken();
            throw e;
        }
        if (f == null) {
            return open(number);
        }
        if (f.spooled() != null) {
            return f.spooled();
        }
        Exception failure = f.failure();
        if (!f.resumable() || resumesLeft <= 0 || closed) {
            markBroken();
            if (failure instanceof RuntimeException) {
                throw (RuntimeException) failure;
            }
            throw (IOException) failure;
        }
        resumesLeft--;
        return open(number);
    }

    /** Opens a chunk; when that fails the stream is broken for good (no stale bytes can follow). */
    private NhsResponse open(int number) {
        try {
            return opener.open(number);
        } catch (RuntimeException e) {
            markBroken();
            throw e;
        }
    }

    /**
     * Whether a read's unchecked failure is a stalled connection (no byte within the attempt
     * timeout), which fetching the chunk again can cure, rather than the call's deadline, an
     * interrupt or anything else, which must end the stream.
     */
    static boolean stalled(RuntimeException e) {
        return e instanceof NhsTimeoutException
                && e.getCause() instanceof SocketTimeoutException
                && !Thread.currentThread().isInterrupted();
    }

    /** Marks the stream broken for good and releases the read-ahead (its thread and any spooled chunk) at once. */
    private void markBroken() {
        broken = true;
        if (readAhead != null) {
            readAhead.close();
        }
    }

    /** Releases the connection and marks the stream broken; returns the failure to throw. */
    private RuntimeException breakOn(RuntimeException failure) {
        markBroken();
        in = null;
        response.close();
        return failure;
    }

    /** Fetches the current chunk again after {@code failure} (an I/O error or a stall), skipping what was delivered. */
    private void resume(Exception failure) throws IOException {
        response.close();
        in = null;
        if (closed || resumesLeft <= 0) {
            markBroken(); // a later read must not see the closed chunk's end as the message's end
            if (failure instanceof RuntimeException) {
                throw (RuntimeException) failure;
            }
            throw (IOException) failure;
        }
        resumesLeft--;
        response = open(current);
        long skip = deliveredFromChunk;
        try {
            InputStream d = decoded();
            while (skip > 0) {
                long s = d.skip(skip);
                if (s <= 0) {
                    if (d.read() == -1) {
                        throw new IOException("chunk " + current + " was shorter when fetched again");
                    }
                    s = 1;
                }
                skip -= s;
            }
        } catch (IOException e) {
            e.addSuppressed(failure);
            resume(e);
        } catch (RuntimeException e) {
            e.addSuppressed(failure);
            if (!stalled(e)) {
                throw breakOn(e);
            }
            resume(e);
        }
    }

    /**
     * Releases the connection. A caller that read every byte of the last chunk without yet seeing
     * the end (a parser that stops at its closing tag, {@code readNBytes(length)}) and then closes
     * the stream has still read the content to its end: that is checked first, with one read of
     * the current response (never another request), so {@link #readToEnd()} stays true for it.
     */
    @Override
    public void close() {
        if (!closed) {
            if (!ended && !broken && current >= totalChunks) {
                try {
                    ended = decoded().read() == -1;
                } catch (IOException | RuntimeException e) {
                    // not known to be at the end: readToEnd() stays false
                }
            }
            closed = true;
            response.close();
            if (readAhead != null) {
                readAhead.close();
            }
        }
    }
}
