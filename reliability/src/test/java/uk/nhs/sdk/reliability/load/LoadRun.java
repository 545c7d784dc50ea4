package uk.nhs.sdk.reliability.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import uk.nhs.sdk.reliability.PrivacyAudit;

/**
 * Runs one call on many threads at once for a bounded time: every thread starts together and
 * calls again and again until the time is up. Counts the calls and the errors (each error is
 * passed to {@link PrivacyAudit#check}); keeps the first few errors to show in a failure.
 */
final class LoadRun {
    /** One call of the client under load. */
    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final LongAdder calls = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final List<Throwable> firstErrors = new ArrayList<>();

    private LoadRun() {}

    /**
     * Runs the call on {@code threads} threads for {@code duration}, then waits for the threads to
     * end (they are stopped, not left idle, so the thread count can return to its baseline).
     */
    static LoadRun run(int threads, Duration duration, Call call) throws InterruptedException {
        LoadRun run = new LoadRun();
        int id = RUNS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool =
                Executors.newFixedThreadPool(threads, r -> new Thread(r, "load-" + id + "-" + n.incrementAndGet()));
        CountDownLatch start = new CountDownLatch(1);
        long[] end = new long[1];
        for (int i = 0; i < threads; i++) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                while (System.nanoTime() < end[0]) {
                    try {
                        call.run();
                        run.calls.increment();
                    } catch (Exception | AssertionError e) {
                        run.errors.increment();
                        run.keep(e);
                    }
                }
            });
        }
        end[0] = System.nanoTime() + duration.toNanos();
        start.countDown();
        pool.shutdown();
        if (!pool.awaitTermination(duration.toMillis() + 60_000, TimeUnit.MILLISECONDS)) {
            pool.shutdownNow();
            throw new AssertionError("the load's threads did not finish");
        }
        return run;
    }

    private synchronized void keep(Throwable e) {
        try {
            PrivacyAudit.check(e);
        } catch (AssertionError leak) {
            firstErrors.add(leak);
        }
        if (firstErrors.size() < 3) {
            firstErrors.add(e);
        }
    }

    long calls() {
        return calls.sum();
    }

    long errors() {
        return errors.sum();
    }

    synchronized List<Throwable> firstErrors() {
        return List.copyOf(firstErrors);
    }
}
