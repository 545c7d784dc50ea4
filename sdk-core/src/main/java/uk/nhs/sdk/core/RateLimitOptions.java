package uk.nhs.sdk.core;

import java.time.Duration;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * A client-side rate limit, to stay under a service's quota (for example PDS's per-app limit).
 */
public final class RateLimitOptions {
    private final int permitsPerSecond;
    private final Duration maxWait;

    private RateLimitOptions(int permitsPerSecond, Duration maxWait) {
        this.permitsPerSecond = permitsPerSecond;
        this.maxWait = maxWait;
    }

    /**
     * A limit of so many calls per second; a call that gets no permit within {@code maxWait} fails
     * with {@code NhsServiceUnavailableException}, and one whose deadline would pass first with
     * {@code NhsTimeoutException}. The wait is the options' {@link Sleeper}'s, on the caller's thread.
     *
     * @param permitsPerSecond calls allowed per second, at least 1
     * @param maxWait how long a call may wait for a permit (zero: fail at once)
     * @return the options
     */
    public static RateLimitOptions perSecond(int permitsPerSecond, Duration maxWait) {
        if (permitsPerSecond < 1) {
            throw new NhsValidationException("permitsPerSecond", "must be at least 1");
        }
        if (maxWait == null || maxWait.isNegative()) {
            throw new NhsValidationException("maxWait", "must be zero or positive");
        }
        return new RateLimitOptions(permitsPerSecond, maxWait);
    }

    /**
     * Calls allowed per second.
     *
     * @return the permits
     */
    public int permitsPerSecond() {
        return permitsPerSecond;
    }

    /**
     * How long a call may wait for a permit.
     *
     * @return the wait
     */
    public Duration maxWait() {
        return maxWait;
    }
}
