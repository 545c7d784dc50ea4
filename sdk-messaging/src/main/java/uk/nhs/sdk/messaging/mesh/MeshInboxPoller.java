package uk.nhs.sdk.messaging.mesh;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import uk.nhs.sdk.core.Sleeper;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * Polls a MESH inbox the way the MESH API asks: list the inbox, download and hand each message to
 * the application, acknowledge it only after the handler returned normally having read the content
 * to its end (or {@link MeshMessage#accept() accepted} it), follow every page, then wait the
 * interval (5 minutes by default; MESH asks for no more often than every 5 minutes and at least
 * once a day) and start again. It also sends the handshake MESH expects once every 24 hours.
 *
 * <p>Delivery is at-least-once: a handler that throws leaves its message in the inbox and it is
 * offered again on the next poll; a crash between the handler returning and the acknowledgement
 * also leads to a second delivery. Make handlers idempotent.
 *
 * <p><b>Poison messages.</b> A message whose handler failed {@link Builder#maxAttempts(int)} times
 * (default 5) is, at its next delivery, given to the {@link MeshDeadLetterHandler} instead, which
 * decides whether it is acknowledged; by default it is not, and it is left in the inbox without
 * being downloaded again (MESH then reports it undelivered to its sender after 5 days). The counts
 * live in this poller's memory: a new poller starts again from zero.
 *
 * <p><b>Failing polls.</b> When a poll fails (no connection, 5xx, 401 or 403, an HTML page or
 * any other body that cannot be read), the failure goes to {@link MeshPollListener#pollFailed}
 * and the poller waits a backoff before polling again instead of stopping: the first wait is the
 * backoff's initial value, each further failure in a row doubles it up to its maximum
 * ({@link Builder#backoff(Duration, Duration)}, default 5 minutes to 1 hour); a successful poll
 * returns to the interval. A listener should alert on repeated 401/403: only new credentials fix
 * those.
 *
 * <pre>{@code
 * MeshInboxPoller poller = MeshInboxPoller.builder(mesh)
 *     .handler(message -> store(message.messageId(), message.content()))
 *     .build();
 * executor.submit(poller::run);   // ... later: poller.stop();
 * }</pre>
 *
 * <p><b>Several replicas.</b> Replicas sharing one mailbox each run a poller with a shared
 * {@link Builder#lock(MeshPollLock) lock}: before each poll the poller takes it, and when another
 * replica holds it the poll is skipped ({@link MeshPollListener#pollSkipped(String)}) and tried
 * again after the interval.
 *
 * <p>Waiting uses the client's {@link Sleeper} and clock ({@code NhsClientOptions}), so tests
 * never wait. {@link #run()} runs on the calling thread; {@link #stop()} may be called from any
 * thread and wakes a waiting poller.
 */
public final class MeshInboxPoller {
    /** The shortest interval MESH allows between polls. */
    public static final Duration MIN_INTERVAL = Duration.ofMinutes(5);
    /** The longest interval MESH allows between polls (it asks for at least one a day). */
    public static final Duration MAX_INTERVAL = Duration.ofHours(24);
    /** The default number of handler failures after which a message is dead-lettered. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    /** The default first wait after a failed poll. */
    public static final Duration DEFAULT_BACKOFF_INITIAL = MIN_INTERVAL;
    /** The default longest wait after failed polls. */
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofHours(1);

    private static final Duration HANDSHAKE_EVERY = Duration.ofHours(24);

    private final MeshClient client;
    private final MeshInboxDrain drain;
    private final MeshInboxQuery query;
    private final Duration interval;
    private final MeshPollListener listener;
    private final MeshPollLock pollLock;
    private final boolean handshake;
    private final Duration backoffInitial;
    private final Duration backoffMax;
    private final Object lock = new Object();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopped;
    private Thread runner;
    private boolean sleeping;
    private boolean interruptedByStop;
    private Instant lastHandshake;

    private MeshInboxPoller(Builder b) {
        this.client = b.client;
        this.drain = new MeshInboxDrain(b.client, b.handler, b.maxAttempts, b.deadLetter);
        this.query = b.query;
        this.interval = b.interval;
        this.listener = b.listener;
        this.pollLock = b.pollLock;
        this.handshake = b.handshake;
        this.backoffInitial = b.backoffInitial;
        this.backoffMax = b.backoffMax;
    }

    /**
     * Starts a builder.
     *
     * @param client the client whose inbox to poll
     * @return the builder
     */
    public static Builder builder(MeshClient client) {
        return new Builder(Objects.requireNonNull(client, "client"));
    }

    /**
     * Drains the inbox once: handshake when due, then every page, each message handled then
     * acknowledged (or dead-lettered). Failures of single messages are reported to the listener
     * and in the result; they do not stop the drain.
     *
     * @return what was acknowledged and what was left
     * @throws NhsSdkException when listing the inbox or the handshake fails
     */
    public MeshPollResult pollOnce() {
        return pollOnce(() -> true);
    }

    private MeshPollResult pollOnce(BooleanSupplier mayContinue) {
        synchronized (this) {
            if (handshake) {
                Instant now = client.options().clock().instant();
                if (lastHandshake == null || !now.isBefore(lastHandshake.plus(HANDSHAKE_EVERY))) {
                    client.handshake();
                    lastHandshake = now;
                }
            }
            MeshPollResult result = drain.drain(query, mayContinue);
            for (Map.Entry<String, Exception> f : result.failures().entrySet()) {
                listener.messageFailed(f.getKey(), f.getValue());
            }
            return result;
        }
    }

    /**
     * Polls once if this poller gets the {@link Builder#lock(MeshPollLock) lock}: takes it,
     * {@link #pollOnce() drains the inbox}, renewing the lock before each message it downloads,
     * and releases it. When a renewal says the lock was lost (a poll longer than the lease, a lock
     * store that fails), the poll stops there and leaves the remaining messages in the inbox for
     * the replica that holds the lock. Without a lock every call polls.
     *
     * @return what the poll did, or empty when another replica holds the lock (the listener's
     *     {@link MeshPollListener#pollSkipped(String)} is told)
     * @throws NhsSdkException when listing the inbox or the handshake fails, or the lock store
     *     cannot answer (the messages already acknowledged stay acknowledged)
     */
    public Optional<MeshPollResult> tryPoll() {
        Optional<MeshPollLock.Held> held;
        try {
            held = pollLock.tryAcquire(client.mailbox());
        } catch (NhsSdkException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new NhsSdkException("the MESH inbox poll lock could not be taken", CallDetails.none(), e);
        }
        if (held.isEmpty()) {
            listener.pollSkipped(client.mailbox());
            return Optional.empty();
        }
        MeshPollResult result;
        try {
            result = pollOnce(() -> stillHeld(held.get()));
        } catch (RuntimeException e) {
            try {
                held.get().close();
            } catch (RuntimeException releaseFailed) {
                e.addSuppressed(releaseFailed);
            }
            throw e;
        }
        try {
            held.get().close();
        } catch (NhsSdkException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new NhsSdkException("the MESH inbox poll lock could not be released", CallDetails.none(), e);
        }
        return Optional.of(result);
    }

    /** Renews the poll lock before a message; a lock store that fails counts as a lost lock. */
    private static boolean stillHeld(MeshPollLock.Held held) {
        try {
            return held.renew();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Polls until {@link #stop()}: poll (when the lock, if any, is granted), wait the interval,
     * poll again. A failed poll (any
     * {@link NhsSdkException}: connection, timeout, 429, 5xx, 401, 403, an unreadable body) is
     * reported to the listener and the poller carries on after its backoff. An interrupt of the
     * running thread (an executor's {@code shutdownNow}) ends it too: no further message is handed
     * over, and the thread's interrupt status is left set.
     *
     * @throws IllegalStateException when the poller is already running
     */
    public void run() {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("the poller is already running");
        }
        synchronized (lock) {
            runner = Thread.currentThread();
        }
        try {
            int failuresInARow = 0;
            while (!stopped && !Thread.currentThread().isInterrupted()) {
                Duration wait = interval;
                try {
                    tryPoll();
                    failuresInARow = 0;
                } catch (NhsSdkException e) {
                    failuresInARow++;
                    wait = backoff(failuresInARow);
                    listener.pollFailed(e);
                }
                if (!waitFor(wait)) {
                    break;
                }
            }
        } finally {
            synchronized (lock) {
                runner = null;
            }
            running.set(false);
        }
    }

    /** The wait after the n-th failed poll in a row: the initial backoff doubled, at most the maximum. */
    Duration backoff(int failuresInARow) {
        Duration d = backoffInitial;
        for (int i = 1; i < failuresInARow && d.compareTo(backoffMax) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(backoffMax) > 0 ? backoffMax : d;
    }

    /**
     * Stops {@link #run()} after the message being handled (if any) is finished; wakes it if it
     * is waiting. Idempotent. A stopped poller does not run again: build a new one.
     */
    public void stop() {
        synchronized (lock) {
            stopped = true;
            if (sleeping && runner != null) {
                interruptedByStop = true;
                runner.interrupt();
            }
        }
    }

    /**
     * Whether {@link #stop()} was called.
     *
     * @return {@code true} once stopped
     */
    public boolean isStopped() {
        return stopped;
    }

    /**
     * The wait between polls.
     *
     * @return the interval
     */
    public Duration interval() {
        return interval;
    }

    private boolean waitFor(Duration wait) {
        synchronized (lock) {
            if (stopped || Thread.currentThread().isInterrupted()) {
                return false;
            }
            sleeping = true;
        }
        try {
            client.options().sleeper().sleep(wait);
            return !stopped;
        } catch (InterruptedException e) {
            synchronized (lock) {
                if (interruptedByStop) {
                    return false;
                }
            }
            Thread.currentThread().interrupt();
            return false;
        } finally {
            synchronized (lock) {
                sleeping = false;
                if (interruptedByStop) {
                    interruptedByStop = false;
                    Thread.interrupted();
                }
            }
        }
    }

    @Override
    public String toString() {
        return "MeshInboxPoller[" + client.mailbox() + ", interval=" + interval + ", stopped=" + stopped + "]";
    }

    /**
     * Builds a {@link MeshInboxPoller}.
     */
    public static final class Builder {
        private final MeshClient client;
        private MeshMessageHandler handler;
        private MeshInboxQuery query = MeshInboxQuery.all();
        private Duration interval = MIN_INTERVAL;
        private MeshPollListener listener = new MeshPollListener() {};
        private MeshPollLock pollLock = MeshPollLock.none();
        private boolean handshake = true;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private MeshDeadLetterHandler deadLetter = MeshDeadLetterHandler.leaveInInbox();
        private Duration backoffInitial = DEFAULT_BACKOFF_INITIAL;
        private Duration backoffMax = DEFAULT_BACKOFF_MAX;

        private Builder(MeshClient client) {
            this.client = client;
        }

        /**
         * Sets the handler (required).
         *
         * @param value the handler
         * @return this builder
         */
        public Builder handler(MeshMessageHandler value) {
            this.handler = Objects.requireNonNull(value, "handler");
            return this;
        }

        /**
         * Sets the wait between polls (default 5 minutes).
         *
         * @param value 5 minutes to 24 hours, as MESH asks
         * @return this builder
         * @throws NhsValidationException outside that range
         */
        public Builder interval(Duration value) {
            Objects.requireNonNull(value, "interval");
            if (value.compareTo(MIN_INTERVAL) < 0 || value.compareTo(MAX_INTERVAL) > 0) {
                throw new NhsValidationException("interval", "must be between 5 minutes and 24 hours");
            }
            this.interval = value;
            return this;
        }

        /**
         * Sets the inbox query (page size, workflow filter); default every message.
         *
         * @param value the query
         * @return this builder
         */
        public Builder query(MeshInboxQuery value) {
            this.query = Objects.requireNonNull(value, "query");
            return this;
        }

        /**
         * Sets the listener told about failures (default: WARN log lines without details).
         *
         * @param value the listener
         * @return this builder
         */
        public Builder listener(MeshPollListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /**
         * Sets the lock shared by the replicas polling this mailbox (default
         * {@link MeshPollLock#none()}: every poll goes ahead).
         *
         * @param value the lock
         * @return this builder
         */
        public Builder lock(MeshPollLock value) {
            this.pollLock = Objects.requireNonNull(value, "lock");
            return this;
        }

        /**
         * Whether the poller sends the daily handshake (default on).
         *
         * @param value whether to handshake
         * @return this builder
         */
        public Builder handshake(boolean value) {
            this.handshake = value;
            return this;
        }

        /**
         * Sets how many times a message's handler may fail (throw, or return without reading the
         * content) before the message goes to the dead-letter handler (default 5).
         *
         * @param value 1 to 100
         * @return this builder
         * @throws NhsValidationException outside that range
         */
        public Builder maxAttempts(int value) {
            if (value < 1 || value > 100) {
                throw new NhsValidationException("maxAttempts", "must be between 1 and 100");
            }
            this.maxAttempts = value;
            return this;
        }

        /**
         * Sets what happens to a message whose handler kept failing (default
         * {@link MeshDeadLetterHandler#leaveInInbox()}: logged and left unacknowledged).
         *
         * @param value the dead-letter handler
         * @return this builder
         */
        public Builder deadLetter(MeshDeadLetterHandler value) {
            this.deadLetter = Objects.requireNonNull(value, "deadLetter");
            return this;
        }

        /**
         * Sets the waits after failed polls: {@code initial} after the first failure, doubled for
         * each further failure in a row, never more than {@code max} (default 5 minutes and 1 hour).
         *
         * @param initial 5 minutes (MESH's shortest poll interval) to 24 hours
         * @param max from {@code initial} to 24 hours
         * @return this builder
         * @throws NhsValidationException outside those ranges
         */
        public Builder backoff(Duration initial, Duration max) {
            Objects.requireNonNull(initial, "initial");
            Objects.requireNonNull(max, "max");
            if (initial.compareTo(MIN_INTERVAL) < 0 || initial.compareTo(MAX_INTERVAL) > 0) {
                throw new NhsValidationException("backoff", "the initial wait must be between 5 minutes and 24 hours");
            }
            if (max.compareTo(initial) < 0 || max.compareTo(MAX_INTERVAL) > 0) {
                throw new NhsValidationException(
                        "backoff", "the longest wait must be between the initial wait and " + "24 hours");
            }
            this.backoffInitial = initial;
            this.backoffMax = max;
            return this;
        }

        /**
         * Builds the poller.
         *
         * @return the poller
         * @throws NhsValidationException when no handler was set
         */
        public MeshInboxPoller build() {
            if (handler == null) {
                throw new NhsValidationException("handler", "is required");
            }
            return new MeshInboxPoller(this);
        }
    }
}
