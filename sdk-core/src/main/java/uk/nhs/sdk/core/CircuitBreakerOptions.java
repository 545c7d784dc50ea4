package uk.nhs.sdk.core;

import java.time.Duration;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * The per-client circuit breaker: after enough calls fail with 5xx, timeouts or I/O errors it
 * opens and refuses calls at once for a while. 4xx answers never count as failures.
 */
public final class CircuitBreakerOptions {
    private static final CircuitBreakerOptions DEFAULTS =
            new CircuitBreakerOptions(true, 50f, 20, 10, Duration.ofSeconds(30));
    private static final CircuitBreakerOptions DISABLED =
            new CircuitBreakerOptions(false, 50f, 20, 10, Duration.ofSeconds(30));

    private final boolean enabled;
    private final float failureRateThreshold;
    private final int slidingWindowSize;
    private final int minimumNumberOfCalls;
    private final Duration waitInOpenState;

    private CircuitBreakerOptions(
            boolean enabled,
            float failureRateThreshold,
            int slidingWindowSize,
            int minimumNumberOfCalls,
            Duration waitInOpenState) {
        this.enabled = enabled;
        this.failureRateThreshold = failureRateThreshold;
        this.slidingWindowSize = slidingWindowSize;
        this.minimumNumberOfCalls = minimumNumberOfCalls;
        this.waitInOpenState = waitInOpenState;
    }

    /**
     * The defaults: opens when at least half of the last 20 calls failed (after at least 10
     * calls), and stays open for 30 s.
     *
     * @return the defaults
     */
    public static CircuitBreakerOptions defaults() {
        return DEFAULTS;
    }

    /**
     * No circuit breaker.
     *
     * @return disabled options
     */
    public static CircuitBreakerOptions disabled() {
        return DISABLED;
    }

    /**
     * Custom options.
     *
     * @param failureRateThreshold the failure percentage (1-100) that opens the circuit
     * @param slidingWindowSize how many recent calls are counted
     * @param minimumNumberOfCalls how many calls are needed before the rate is judged
     * @param waitInOpenState how long the circuit stays open
     * @return the options
     */
    public static CircuitBreakerOptions of(
            float failureRateThreshold, int slidingWindowSize, int minimumNumberOfCalls, Duration waitInOpenState) {
        if (failureRateThreshold <= 0 || failureRateThreshold > 100) {
            throw new NhsValidationException("failureRateThreshold", "must be in (0, 100]");
        }
        if (slidingWindowSize < 1 || minimumNumberOfCalls < 1) {
            throw new NhsValidationException("slidingWindowSize", "window and minimum calls must be at least 1");
        }
        return new CircuitBreakerOptions(
                true,
                failureRateThreshold,
                slidingWindowSize,
                minimumNumberOfCalls,
                RetryOptions.Builder.positive(waitInOpenState, "waitInOpenState"));
    }

    /**
     * Whether the breaker is used.
     *
     * @return {@code true} when enabled
     */
    public boolean enabled() {
        return enabled;
    }

    /**
     * The failure percentage that opens the circuit.
     *
     * @return the threshold
     */
    public float failureRateThreshold() {
        return failureRateThreshold;
    }

    /**
     * How many recent calls are counted.
     *
     * @return the window size
     */
    public int slidingWindowSize() {
        return slidingWindowSize;
    }

    /**
     * How many calls are needed before the failure rate is judged.
     *
     * @return the minimum
     */
    public int minimumNumberOfCalls() {
        return minimumNumberOfCalls;
    }

    /**
     * How long the circuit stays open before letting trial calls through.
     *
     * @return the wait
     */
    public Duration waitInOpenState() {
        return waitInOpenState;
    }
}
