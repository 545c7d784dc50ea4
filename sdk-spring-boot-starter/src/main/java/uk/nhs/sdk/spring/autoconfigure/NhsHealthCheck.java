package uk.nhs.sdk.spring.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
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
    private Result last;

    NhsHealthCheck(String probeName, Runnable probe, Clock clock, Duration interval) {
        this.probeName = Objects.requireNonNull(probeName, "probeName");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    /**
     * The service's health: the last probe's result while it is younger than the interval, else a
     * new probe's. One probe runs at a time.
     *
     * @return the result
     */
    synchronized Result check() {
        Instant now = clock.instant();
        if (last != null && now.isBefore(last.checkedAt().plus(interval))) {
            return last;
        }
        last = probe(now);
        return last;
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
        private final Instant checkedAt;
        private final Map<String, Object> details;

        Result(boolean up, Instant checkedAt, Map<String, Object> details) {
            this.up = up;
            this.checkedAt = checkedAt;
            this.details = Map.copyOf(details);
        }

        boolean up() {
            return up;
        }

        Instant checkedAt() {
            return checkedAt;
        }

        Map<String, Object> details() {
            return details;
        }
    }
}
