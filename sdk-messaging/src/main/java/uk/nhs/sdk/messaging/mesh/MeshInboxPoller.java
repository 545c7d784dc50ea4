package uk.nhs.sdk.messaging.mesh;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import uk.nhs.sdk.core.Sleeper;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.NhsServiceUnavailableException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.error.RateLimitedException;
import uk.nhs.sdk.core.error.ServerErrorException;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * Polls a MESH inbox the way the MESH API asks: list the inbox, download and hand each message to
 * the application, acknowledge it only after the handler returned normally, follow every page,
 * then wait the interval (5 minutes by default; MESH asks for no more often than every 5 minutes
 * and at least once a day) and start again. It also sends the handshake MESH expects once every
 * 24 hours.
 *
 * <p>Delivery is at-least-once: a handler that throws leaves its message in the inbox and it is
 * offered again on the next poll; a crash between the handler returning and the acknowledgement
 * also leads to a second delivery. Make handlers idempotent.
 *
 * <pre>{@code
 * MeshInboxPoller poller = MeshInboxPoller.builder(mesh)
 *     .handler(message -> store(message.messageId(), message.content()))
 *     .build();
 * executor.submit(poller::run);   // ... later: poller.stop();
 * }</pre>
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
    private static final Duration HANDSHAKE_EVERY = Duration.ofHours(24);

    private final MeshClient client;
    private final MeshMessageHandler handler;
    private final MeshInboxQuery query;
    private final Duration interval;
    private final MeshPollListener listener;
    private final boolean handshake;
    private final Object lock = new Object();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopped;
    private Thread runner;
    private boolean sleeping;
    private boolean interruptedByStop;
    private Instant lastHandshake;

    private MeshInboxPoller(Builder b) {
        this.client = b.client;
        this.handler = b.handler;
        this.query = b.query;
        this.interval = b.interval;
        this.listener = b.listener;
        this.handshake = b.handshake;
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
     * acknowledged. Failures of single messages are reported to the listener and in the result;
     * they do not stop the drain.
     *
     * @return what was acknowledged and what was left
     * @throws NhsSdkException when listing the inbox or the handshake fails
     */
    public MeshPollResult pollOnce() {
        synchronized (this) {
            if (handshake) {
                Instant now = client.options().clock().instant();
                if (lastHandshake == null || !now.isBefore(lastHandshake.plus(HANDSHAKE_EVERY))) {
                    client.handshake();
                    lastHandshake = now;
                }
            }
            MeshPollResult result = client.receiveAll(query, handler);
            for (Map.Entry<String, Exception> f : result.failures().entrySet()) {
                listener.messageFailed(f.getKey(), f.getValue());
            }
            return result;
        }
    }

    /**
     * Polls until {@link #stop()}: poll, wait the interval, poll again. A transient failure
     * (connection, timeout, 429, 5xx, circuit open) is reported to the listener and the poller
     * carries on after the interval; any other failure (such as 403 for a wrong password) ends
     * the loop with that exception.
     *
     * @throws IllegalStateException when the poller is already running
     * @throws NhsSdkException for a failure that retrying cannot fix
     */
    public void run() {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("the poller is already running");
        }
        synchronized (lock) {
            runner = Thread.currentThread();
        }
        try {
            while (!stopped) {
                try {
                    pollOnce();
                } catch (NhsSdkException e) {
                    if (!isTransient(e)) {
                        throw e;
                    }
                    listener.pollFailed(e);
                }
                if (!waitInterval()) {
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

    private boolean waitInterval() {
        synchronized (lock) {
            if (stopped) {
                return false;
            }
            sleeping = true;
        }
        try {
            client.options().sleeper().sleep(interval);
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

    private static boolean isTransient(NhsSdkException e) {
        return e instanceof NhsTransportException || e instanceof ServerErrorException
                || e instanceof RateLimitedException || e instanceof NhsServiceUnavailableException;
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
        private MeshPollListener listener = new MeshPollListener() { };
        private boolean handshake = true;

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
