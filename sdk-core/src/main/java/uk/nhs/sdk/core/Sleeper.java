package uk.nhs.sdk.core;

import java.time.Duration;

/**
 * How the SDK waits between retries, on the caller's thread. Inject a recording sleeper in tests
 * so that no test waits for real.
 */
@FunctionalInterface
public interface Sleeper {
    /**
     * Waits.
     *
     * @param duration how long
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * The real sleeper, {@link Thread#sleep(long)}.
     *
     * @return the system sleeper
     */
    static Sleeper system() {
        return d -> Thread.sleep(d.toMillis());
    }
}
