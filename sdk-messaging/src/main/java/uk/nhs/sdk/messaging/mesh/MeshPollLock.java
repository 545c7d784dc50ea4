package uk.nhs.sdk.messaging.mesh;

import java.util.Optional;

/**
 * Lets one of several replicas poll a mailbox at a time: {@link MeshInboxPoller} asks for the lock
 * before each poll, polls only when it was granted, and releases it when the poll ends. Without
 * one (the default, {@link #none()}) every poller polls, which is right for a single instance;
 * replicas sharing a mailbox need a lock they share (the Spring Boot starter takes one through
 * ShedLock on the application's JDBC {@code DataSource}).
 *
 * <p>A lock store that cannot answer throws an unchecked exception from
 * {@link #tryAcquire(String)}; the poller reports it as a failed poll and backs off.
 */
@FunctionalInterface
public interface MeshPollLock {
    /**
     * Tries to take the lock for one poll of a mailbox, without waiting.
     *
     * @param mailboxId the mailbox about to be polled
     * @return the held lock, or empty when another replica holds it (the poll is skipped)
     */
    Optional<Held> tryAcquire(String mailboxId);

    /**
     * No lock: every poll goes ahead.
     *
     * @return the lock that is always granted
     */
    static MeshPollLock none() {
        return mailboxId -> Optional.of(() -> {});
    }

    /**
     * A lock taken for one poll. The poller {@link #renew() renews} it before each message it
     * downloads, so a poll longer than the lock's lease keeps it, and a poll whose lock was lost
     * stops before handing over another message.
     */
    @FunctionalInterface
    interface Held extends AutoCloseable {
        /**
         * Renews the lock before the next message is downloaded: its lease counts again from now.
         * The default does nothing and answers {@code true}, which is right for a lock without a
         * lease.
         *
         * @return {@code true} when this replica still holds the lock; {@code false} when it was
         *     lost (its lease ran out and another replica may hold it): the poll stops and leaves
         *     the remaining messages in the inbox. A lock store that throws counts as lost.
         */
        default boolean renew() {
            return true;
        }

        /** Releases the lock when the poll has ended, successfully or not. */
        @Override
        void close();
    }
}
