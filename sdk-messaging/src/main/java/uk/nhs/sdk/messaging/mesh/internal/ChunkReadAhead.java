package uk.nhs.sdk.messaging.mesh.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import uk.nhs.sdk.core.http.NhsResponse;

/**
 * Fetches the next chunk of a {@link ChunkedDownloadStream} while the caller reads the current
 * one: at most one chunk ahead, on one daemon thread named {@value #THREAD_NAME} (made on the
 * first fetch, ended on {@link #close()} or once the last chunk was taken), into an owner-only
 * temporary file that is deleted when its response is closed, or at once if the fetch fails or is
 * cancelled. The chunk is spooled as it came on the wire (still gzip when it was), so the stream
 * decodes it exactly as it would have decoded the connection.
 *
 * <p>A fetch ends in one of three ways, which the stream handles as it would the same event on a
 * direct fetch: the chunk spooled; the connection broke part-way (an {@link IOException} or a
 * stalled read), which costs the chunk one resume; or the chunk could not be fetched or the
 * deadline passed (any other unchecked exception), which breaks the stream.
 *
 * <p>Used only by the stream's reading thread, except the fetch itself.
 */
final class ChunkReadAhead {
    /** The prefetch thread's name. */
    static final String THREAD_NAME = "nhs-mesh-read-ahead";

    /** What a fetch produced. */
    static final class Fetched {
        private final NhsResponse spooled;
        private final Exception failure;
        private final boolean resumable;

        private Fetched(NhsResponse spooled, Exception failure, boolean resumable) {
            this.spooled = spooled;
            this.failure = failure;
            this.resumable = resumable;
        }

        /** The spooled chunk as a response reading from its file, or null after a failure. */
        NhsResponse spooled() {
            return spooled;
        }

        /** The failure, or null when spooled. */
        Exception failure() {
            return failure;
        }

        /** Whether fetching the chunk again may cure the failure (a broken or stalled read). */
        boolean resumable() {
            return resumable;
        }
    }

    private final ChunkedDownloadStream.ChunkOpener opener;
    private final Path directory;
    private final int lastChunk;
    private ExecutorService executor;
    private volatile Thread thread;
    private Future<Fetched> pending;
    private volatile int pendingNumber;
    private volatile boolean closed;
    private volatile Fetched produced;

    ChunkReadAhead(ChunkedDownloadStream.ChunkOpener opener, Path directory, int lastChunk) {
        this.opener = opener;
        this.directory = directory;
        this.lastChunk = lastChunk;
    }

    /** Starts fetching chunk {@code number} unless a fetch is pending, the stream is closed or there is no such chunk. */
    void start(int number) {
        if (closed || pending != null || number > lastChunk) {
            return;
        }
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, THREAD_NAME);
                t.setDaemon(true);
                thread = t;
                return t;
            });
        }
        pendingNumber = number;
        produced = null;
        pending = executor.submit(() -> fetch(number));
    }

    /**
     * Takes chunk {@code number}: waits for its fetch if one is under way, else returns null (the
     * caller fetches it directly).
     *
     * @throws InterruptedIOException when the reading thread is interrupted while it waits; the
     *     fetch is cancelled and the interrupt status kept
     */
    Fetched take(int number) throws InterruptedIOException {
        if (pending == null || pendingNumber != number) {
            return null;
        }
        try {
            Fetched f = pending.get();
            pending = null;
            produced = null;
            if (number >= lastChunk) {
                shutdown();
            }
            return f;
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            InterruptedIOException ie = new InterruptedIOException("interrupted while waiting for a MESH chunk");
            ie.initCause(e);
            throw ie;
        } catch (ExecutionException e) {
            // fetch catches every exception; an Error is rethrown as is
            Throwable cause = e.getCause();
            close();
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException("the MESH chunk read-ahead failed", cause);
        }
    }

    private Fetched fetch(int number) {
        NhsResponse r;
        try {
            r = opener.open(number);
        } catch (RuntimeException e) {
            return produce(new Fetched(null, e, false));
        }
        Path file = null;
        try {
            file = Spool.createTempFile(directory, "mesh-chunk-");
            copy(r.bodyStream(), file);
            NhsResponse spooled = NhsResponse.streaming(r.status(), r.headers(), new FileBody(file), r.details());
            file = null;
            return produce(new Fetched(spooled, null, true));
        } catch (IOException e) {
            return produce(new Fetched(null, e, true));
        } catch (RuntimeException e) {
            return produce(new Fetched(null, e, ChunkedDownloadStream.stalled(e)));
        } finally {
            r.close();
            deleteQuietly(file);
        }
    }

    /** Copies the body into the file, stopping at the next read once the stream is closed. */
    private void copy(InputStream in, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
            byte[] buf = new byte[Spool.BUFFER];
            int n;
            while ((n = in.read(buf)) != -1) {
                if (closed) {
                    throw new InterruptedIOException("the message stream was closed");
                }
                out.write(buf, 0, n);
            }
        }
    }

    /** Records the fetch's result so that a close racing with it can release a spooled file. */
    private Fetched produce(Fetched f) {
        produced = f;
        if (closed && f.spooled != null) {
            f.spooled.close();
        }
        return f;
    }

    private void shutdown() {
        if (executor != null) {
            executor.shutdown();
        }
    }

    /**
     * Cancels a fetch under way, ends the thread and deletes any file it spooled that was not
     * taken. The fetch stops at its next read (it is interrupted and checks for the close after
     * every read), releasing its connection and deleting its file; this waits up to two seconds
     * for that. A fetch blocked on a connection that sends nothing at all stops when the read
     * times out (the attempt timeout), and cleans up then.
     */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pending != null) {
            pending.cancel(true);
        }
        if (executor != null) {
            executor.shutdownNow();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                if (executor.awaitTermination(2, TimeUnit.SECONDS) && thread != null) {
                    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Fetched f = produced;
        if (f != null && f.spooled != null) {
            f.spooled.close();
        }
        pending = null;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file in the spool directory; nothing more to do
            }
        }
    }

    /** A spooled chunk's bytes; closing deletes the file. */
    private static final class FileBody extends InputStream {
        private final Path file;
        private final InputStream in;
        private boolean closed;

        FileBody(Path file) throws IOException {
            this.file = file;
            this.in = Files.newInputStream(file);
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public long skip(long n) throws IOException {
            return in.skip(n);
        }

        @Override
        public synchronized void close() throws IOException {
            if (!closed) {
                closed = true;
                try {
                    in.close();
                } finally {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
