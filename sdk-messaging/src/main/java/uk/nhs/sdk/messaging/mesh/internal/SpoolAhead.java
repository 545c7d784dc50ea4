package uk.nhs.sdk.messaging.mesh.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import uk.nhs.sdk.core.http.NhsRequestBody;

/**
 * Two spool files and one background thread: when chunk n is taken, chunk n+1 starts being
 * spooled (read, and gzipped when asked) into the other file, so it is ready, or nearly, when the
 * upload of chunk n ends. At most one chunk is ahead; chunk n's file is not written again until
 * chunk n+2 is taken, that is after chunk n's upload and any retries of it ended.
 *
 * <p>A failure to spool chunk n+1 is thrown when chunk n+1 is taken, as it would have been had it
 * been spooled then; an interrupt of the taking thread while it waits is an
 * {@link InterruptedIOException} (the interrupt flag kept). {@link #close()} cancels the chunk
 * being spooled, waits for the threads to end and deletes both files: nothing is left behind.
 *
 * <p>The thread for the chunk ahead is a daemon, one per source, started on first use and ended
 * by {@link #close()}. The threads that compress deflate blocks (one per core, up to four) are
 * daemons shared by every source in the JVM, so concurrent sends share the cores rather than
 * each starting its own; they end after {@link #IDLE_SECONDS} idle.
 */
final class SpoolAhead {
    private static final AtomicInteger SOURCES = new AtomicInteger();
    /** How long an idle shared compression thread lives. */
    static final int IDLE_SECONDS = 30;

    /** Spools one chunk into a spool file; returns the file's size. */
    @FunctionalInterface
    interface Filler {
        long fill(int number, Spool spool, Workers workers) throws IOException;
    }

    /** The threads that compress deflate blocks, how many, and the blocks' reused buffers. */
    record Workers(ExecutorService deflaters, int parallelism, ParallelGzip.Blocks blocks) {}

    private final Spool[] spools;
    private final boolean gzip;
    private ExecutorService aheadThread;
    private Workers workers;
    private Future<Long> next;
    private int nextNumber;

    SpoolAhead(Path directory, boolean gzip) {
        this.spools = new Spool[] {new Spool(directory), new Spool(directory)};
        this.gzip = gzip;
    }

    /**
     * The body of chunk {@code number} (spooled ahead, or spooled now), after starting to spool
     * {@code following} ahead ({@code 0}: none).
     */
    NhsRequestBody take(int number, int following, Filler filler, String contentType) throws IOException {
        Spool spool = spools[number & 1];
        long size;
        if (next != null && nextNumber == number) {
            Future<Long> f = next;
            next = null;
            size = await(f);
        } else {
            drainAhead();
            size = filler.fill(number, spool, workers());
        }
        if (following > 0) {
            Spool other = spools[following & 1];
            Workers w = workers();
            nextNumber = following;
            next = aheadThread().submit(() -> filler.fill(following, other, w));
        }
        return spool.body(size, contentType);
    }

    /** Waits for a chunk spooled out of turn to end (its result unused), so no two fills share a file. */
    private void drainAhead() {
        if (next != null) {
            Future<Long> f = next;
            next = null;
            try {
                f.get();
            } catch (InterruptedException e) {
                f.cancel(true);
                Thread.currentThread().interrupt();
            } catch (ExecutionException | CancellationException e) {
                // not used
            }
        }
    }

    private static long await(Future<Long> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a chunk to be spooled");
        } catch (CancellationException e) {
            throw new InterruptedIOException("spooling the chunk was cancelled");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof UncheckedIOException) {
                throw ((UncheckedIOException) cause).getCause();
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IOException("spooling a chunk failed", cause);
        }
    }

    private ExecutorService aheadThread() {
        if (aheadThread == null) {
            aheadThread = Executors.newSingleThreadExecutor(daemons("nhs-mesh-spool-ahead-"));
        }
        return aheadThread;
    }

    private Workers workers() {
        if (workers == null) {
            if (!gzip) {
                workers = new Workers(null, 1, null);
            } else {
                workers = new Workers(Deflaters.POOL, Deflaters.THREADS, new ParallelGzip.Blocks());
            }
        }
        return workers;
    }

    /** The compression threads shared by every source, made on first use. */
    private static final class Deflaters {
        static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        static final ExecutorService POOL = pool();

        private static ExecutorService pool() {
            ThreadPoolExecutor p = new ThreadPoolExecutor(
                    THREADS,
                    THREADS,
                    IDLE_SECONDS,
                    TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(),
                    daemons("nhs-mesh-gzip-"));
            p.allowCoreThreadTimeOut(true);
            return p;
        }
    }

    private static ThreadFactory daemons(String prefix) {
        String name = prefix + SOURCES.incrementAndGet() + "-";
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Cancels the chunk being spooled, waits for its thread to end, deletes both spool files. A
     * block still being deflated on a shared thread then only ends its own buffers' work.
     */
    void close() throws IOException {
        if (next != null) {
            next.cancel(true);
            next = null;
        }
        // an interrupted caller (the usual reason to close early) still waits for the threads, so
        // that no spool file is written after it is deleted; its interrupt flag is restored after
        boolean interrupted = Thread.interrupted();
        if (aheadThread != null) {
            aheadThread.shutdownNow();
            try {
                aheadThread.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException ie) {
                interrupted = true;
            }
        }
        if (workers != null && workers.blocks() != null) {
            workers.blocks().close();
        }
        IOException failure = null;
        for (Spool s : spools) {
            try {
                s.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
