package uk.nhs.sdk.core;

import java.time.Duration;
import java.util.Objects;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * How calls are retried: attempts, exponential backoff with jitter, and the cap on a server's
 * {@code Retry-After}.
 *
 * <p>Which failures are retried depends on each operation's idempotency, not on these options:
 * connection failures always (before any byte was sent); 408, 429, 502, 503, 504 and read
 * timeouts only for safe and keyed operations.
 *
 * <p>Retries are also budgeted per client, in the spirit of the AWS SDK's retry quota, so that a
 * brown-out cannot multiply the load on a struggling service: the budget starts full
 * ({@link #retryBudget()} tokens, default 500), each retry spends 5 tokens (10 after a timeout),
 * and each call that succeeds at its first attempt puts 1 back (a call that succeeded after
 * retrying puts back what it spent). With the budget empty, failures are not retried until
 * successes refill it.
 */
public final class RetryOptions {
    private static final RetryOptions DEFAULTS = builder().build();

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxRetryAfter;
    private final int retryBudget;

    private RetryOptions(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.maxRetryAfter = b.maxRetryAfter;
        this.retryBudget = b.retryBudget;
    }

    /**
     * The defaults: 3 attempts, backoff from 500 ms doubling up to 8 s with jitter, and a
     * {@code Retry-After} honoured up to 60 s.
     *
     * @return the defaults
     */
    public static RetryOptions defaults() {
        return DEFAULTS;
    }

    /**
     * No retries: one attempt only.
     *
     * @return options with one attempt
     */
    public static RetryOptions none() {
        return builder().maxAttempts(1).build();
    }

    /**
     * A builder starting from the defaults.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The most attempts of one call, the first included.
     *
     * @return at least 1
     */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * The backoff before the second attempt; it doubles for each further attempt.
     *
     * @return the initial backoff
     */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /**
     * The largest backoff between attempts.
     *
     * @return the cap
     */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * The longest {@code Retry-After} the SDK honours; a longer one fails the call at once with
     * the server's wait in {@code retryAfter()}.
     *
     * @return the cap
     */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /**
     * The client's retry budget, in tokens (a retry costs 5, or 10 after a timeout).
     *
     * @return the budget; 0 when unlimited
     */
    public int retryBudget() {
        return retryBudget;
    }

    @Override
    public String toString() {
        return "RetryOptions[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff="
                + maxBackoff + ", maxRetryAfter=" + maxRetryAfter + ", retryBudget=" + retryBudget + "]";
    }

    /**
     * Builds {@link RetryOptions}.
     */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(8);
        private Duration maxRetryAfter = Duration.ofSeconds(60);
        private int retryBudget = 500;

        private Builder() {}

        /**
         * Sets the client's retry budget in tokens (default 500; a retry costs 5, or 10 after a
         * timeout; 0 means unlimited, which is not recommended).
         *
         * @param value 0 or more
         * @return this builder
         */
        public Builder retryBudget(int value) {
            if (value < 0) {
                throw new NhsValidationException("retryBudget", "must not be negative");
            }
            this.retryBudget = value;
            return this;
        }

        /**
         * Sets the most attempts, the first included.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder maxAttempts(int value) {
            if (value < 1) {
                throw new NhsValidationException("maxAttempts", "must be at least 1");
            }
            this.maxAttempts = value;
            return this;
        }

        /**
         * Sets the first backoff.
         *
         * @param value a positive duration, at most 24 days
         * @return this builder
         * @throws NhsValidationException when the duration is not positive or longer than 24 days
         */
        public Builder initialBackoff(Duration value) {
            this.initialBackoff = positive(value, "initialBackoff");
            return this;
        }

        /**
         * Sets the largest backoff.
         *
         * @param value a positive duration, at most 24 days
         * @return this builder
         * @throws NhsValidationException when the duration is not positive or longer than 24 days
         */
        public Builder maxBackoff(Duration value) {
            this.maxBackoff = positive(value, "maxBackoff");
            return this;
        }

        /**
         * Sets the longest {@code Retry-After} honoured.
         *
         * @param value a positive duration, at most 24 days
         * @return this builder
         * @throws NhsValidationException when the duration is not positive or longer than 24 days
         */
        public Builder maxRetryAfter(Duration value) {
            this.maxRetryAfter = positive(value, "maxRetryAfter");
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public RetryOptions build() {
            return new RetryOptions(this);
        }

        /** The longest duration any option takes: OkHttp refuses timeouts beyond an int of milliseconds. */
        static final Duration MAX = Duration.ofDays(24);

        static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero() || value.compareTo(MAX) > 0) {
                throw new NhsValidationException(name, "must be positive and at most 24 days");
            }
            return value;
        }
    }
}
