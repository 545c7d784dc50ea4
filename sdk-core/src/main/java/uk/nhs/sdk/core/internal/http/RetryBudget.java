package uk.nhs.sdk.core.internal.http;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client's retry quota, in the spirit of the AWS SDK v2's: retries spend tokens, successes put
 * them back, so a brown-out cannot multiply the load. Lock-free. Internal.
 */
final class RetryBudget {
    static final int RETRY_COST = 5;
    static final int TIMEOUT_COST = 10;

    private final int capacity;
    private final AtomicInteger tokens;

    /**
     * Creates a full budget.
     *
     * @param capacity the tokens; 0 for unlimited
     */
    RetryBudget(int capacity) {
        this.capacity = capacity;
        this.tokens = new AtomicInteger(capacity);
    }

    /** Takes the cost of one retry, or refuses when the budget cannot pay it. */
    boolean tryAcquire(int cost) {
        if (capacity == 0) {
            return true;
        }
        while (true) {
            int now = tokens.get();
            if (now < cost) {
                return false;
            }
            if (tokens.compareAndSet(now, now - cost)) {
                return true;
            }
        }
    }

    /**
     * A call succeeded: a first-attempt success returns one token, a success after retries
     * returns what its retries spent.
     */
    void onSuccess(int spent) {
        if (capacity == 0) {
            return;
        }
        int refund = spent == 0 ? 1 : spent;
        if (tokens.get() >= capacity) {
            return;
        }
        tokens.getAndUpdate(t -> Math.min(capacity, t + refund));
    }

    int available() {
        return tokens.get();
    }
}
