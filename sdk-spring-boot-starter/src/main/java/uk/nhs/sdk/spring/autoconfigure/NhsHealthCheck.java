package uk.nhs.sdk.spring.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import uk.nhs.sdk.core.error.NhsServiceException;

/**
 * One service's health probe, its result cached: a check within the interval since the last probe
 * answers from that probe, so a health endpoint polled every few seconds never spends a
 * rate-limited call more often than the interval. Independent of Spring Boot's health types, which
 * differ between Boot 3 and 4; thin adapters in {@link NhsHealthConfiguration} and
 * {@link NhsHealthBoot4Configuration} turn a {@link Result} into Boot's {@code Health}.
 *
 * <p>Details never hold a secret, a patient datum or text from the server: the probe's name, when
 * it ran, and on failure the exception's type and HTTP status.
 */
final class NhsHealthCheck {
    private final String probeName;
    private final Runnable probe;
    private final Clock clock;
    private final Duration interval;
    private final ReentrantLock probing = new ReentrantLock();
    private volatile Result last;

    NhsHealthCheck(String probeName, Runnable probe, Clock clock, Duration interval) {
        this.probeName = Objects.requireNonNull(probeName, "probeName");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    /**
     * The service's health: the last probe's result while it is younger than the interval, else a
     * new probe's. One probe runs at a time, and a check never waits for another thread's probe:
     * while one is in flight, other checks answer with the last result (or unknown before the
     * first), so concurrent health requests neither spend a second call nor queue behind a slow
     * service. The probing check itself is bounded by the client's deadline.
     *
     * @return the result
     */
    Result check() {
        Result cached = fresh(clock.instant());
        if (cached != null) {
            return cached;
        }
        if (!probing.tryLock()) {
            Result previous = last;
            return previous != null ? previous : Result.unknown(probeName, clock.instant());
        }
        try {
            Instant now = clock.instant();
            cached = fresh(now);
            if (cached != null) {
                return cached;
            }
            Result r = probe(now);
            last = r;
            return r;
        } finally {
            probing.unlock();
        }
    }

    private Result fresh(Instant now) {
        Result r = last;
        return r != null && now.isBefore(r.checkedAt().plus(interval)) ? r : null;
    }

    private Result probe(Instant now) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("probe", probeName);
        details.put("checkedAt", now.toString());
        try {
            probe.run();
            return new Result(true, now, details);
        } catch (RuntimeException e) {
            details.put("error", e.getClass().getSimpleName());
            if (e instanceof NhsServiceException) {
                details.put("status", ((NhsServiceException) e).status());
            }
            return new Result(false, now, details);
        }
    }

    /** A probe's outcome. */
    static final class Result {
        private final boolean up;
        private final boolean known;
        private final Instant checkedAt;
        private final Map<String, Object> details;

        Result(boolean up, Instant checkedAt, Map<String, Object> details) {
            this(up, true, checkedAt, details);
        }

        private Result(boolean up, boolean known, Instant checkedAt, Map<String, Object> details) {
            this.up = up;
            this.known = known;
            this.checkedAt = checkedAt;
            this.details = Map.copyOf(details);
        }

        /** Before the first probe has finished, while it is in flight: neither up nor down. */
        static Result unknown(String probeName, Instant now) {
            return new Result(false, false, now, Map.of("probe", probeName, "inProgress", true));
        }

        boolean up() {
            return up;
        }

        /**
         * Whether a probe has answered; {@code false} while the first probe is still in flight.
         *
         * @return whether the result is up or down rather than unknown
         */
        boolean known() {
            return known;
        }

        Instant checkedAt() {
            return checkedAt;
        }

        Map<String, Object> details() {
            return details;
        }
    }
}
