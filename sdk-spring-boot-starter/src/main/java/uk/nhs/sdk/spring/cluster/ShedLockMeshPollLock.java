package uk.nhs.sdk.spring.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.TimeZone;
import java.util.UUID;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.nhs.sdk.messaging.mesh.MeshPollLock;

/**
 * The poll lock through ShedLock: one lock per mailbox, named {@code nhs-mesh-inbox-MAILBOX},
 * held at most for the lease (a replica that dies while polling blocks the others that long) and
 * at least for the interval, so that the mailbox is polled once per interval across the cluster
 * however many replicas there are and whatever their phase: the replica that polled keeps polling
 * while it lives, and another takes over at its first poll after the lock expires.
 *
 * <p>The poller renews the lock before each message it downloads (the lease counts again from
 * then), so the lease bounds one message, not a whole poll; a renewal that finds the lease run out
 * stops the poll. The lock is released by renewing it and then unlocking, so a replica whose lease
 * ran out never ends the lock another replica took since ({@code locked_by} is unique per
 * replica, even for two on one host).
 */
final class ShedLockMeshPollLock implements MeshPollLock {
    static final String LOCK_NAME_PREFIX = "nhs-mesh-inbox-";
    private static final Logger LOG = LoggerFactory.getLogger(ShedLockMeshPollLock.class);
    private static final Duration SLOW_TO_TAKE = Duration.ofSeconds(1);

    private final LockProvider provider;
    private final Duration lease;
    private final Duration interval;
    private final String description;

    ShedLockMeshPollLock(LockProvider provider, Duration lease, Duration interval, String description) {
        this.provider = provider;
        this.lease = lease;
        this.interval = interval;
        this.description = description;
    }

    /**
     * The lock on a DataSource through ShedLock's JDBC provider.
     *
     * @param dataSource the application's database
     * @param table the ShedLock table
     * @param useDbTime whether times come from the database's clock
     * @param lease the lease
     * @param interval the poll interval
     * @return the lock
     */
    static ShedLockMeshPollLock jdbc(
            DataSource dataSource, String table, boolean useDbTime, Duration lease, Duration interval) {
        JdbcTemplateLockProvider.Configuration.Builder config = JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName(table)
                .withLockedByValue(lockedBy())
                .withThrowUnexpectedException(true);
        if (useDbTime) {
            config.usingDbTime();
        } else {
            config.withTimeZone(TimeZone.getTimeZone("UTC"));
        }
        return new ShedLockMeshPollLock(
                new JdbcTemplateLockProvider(config.build()),
                lease,
                interval,
                "ShedLock on the application's DataSource (table " + table + ", lease " + lease
                        + (useDbTime ? ", database time" : ", each replica's time") + ")");
    }

    /**
     * What this replica writes into {@code locked_by}: its host name and a random suffix, so that
     * two replicas on one host (or two application contexts in one JVM) never renew or release
     * each other's lock.
     */
    static String lockedBy() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            host = "unknown-host";
        }
        if (host.length() > 200) {
            host = host.substring(0, 200);
        }
        return host + "#" + UUID.randomUUID();
    }

    /**
     * The ShedLock table's {@code CREATE TABLE} statement, as ShedLock documents it.
     *
     * @param table the table name
     * @return the statement
     */
    static String ddl(String table) {
        return "CREATE TABLE " + table + " (name VARCHAR(64) NOT NULL, lock_until TIMESTAMP NOT NULL, "
                + "locked_at TIMESTAMP NOT NULL, locked_by VARCHAR(255) NOT NULL, PRIMARY KEY (name))";
    }

    @Override
    public Optional<Held> tryAcquire(String mailboxId) {
        Instant asked = ClockProvider.now();
        LockConfiguration config = new LockConfiguration(asked, LOCK_NAME_PREFIX + mailboxId, lease, interval);
        Optional<SimpleLock> lock = provider.lock(config);
        if (lock.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ShedLockHeld(recounted(lock.get(), asked), mailboxId));
    }

    /**
     * ShedLock counts the lock's times from when it was asked for. When taking it was slow (a
     * stalled thread, a slow database), the lock is extended so that its times count from now and
     * the next poll cluster-wide still comes a whole interval after this one.
     */
    private SimpleLock recounted(SimpleLock held, Instant asked) {
        if (Duration.between(asked, ClockProvider.now()).compareTo(SLOW_TO_TAKE) <= 0) {
            return held;
        }
        try {
            return held.extend(lease, interval).orElse(held);
        } catch (RuntimeException e) {
            return held;
        }
    }

    /**
     * One poll's hold on the lock. ShedLock's extension only succeeds while the lease runs and the
     * row names this replica ({@code locked_by}, unique per replica), so a renewal tells a lock
     * still held from one lost; a lost lock is never unlocked (that would end the new holder's).
     */
    private final class ShedLockHeld implements Held {
        private final String mailboxId;
        private SimpleLock current;

        ShedLockHeld(SimpleLock current, String mailboxId) {
            this.current = current;
            this.mailboxId = mailboxId;
        }

        @Override
        public synchronized boolean renew() {
            if (current == null) {
                return false;
            }
            SimpleLock old = current;
            current = null;
            Optional<SimpleLock> renewed;
            try {
                renewed = old.extend(lease, interval);
            } catch (RuntimeException e) {
                LOG.warn(
                        "MESH inbox {}: renewing the poll lock failed, so the poll stops: {}",
                        mailboxId,
                        e.getClass().getName());
                return false;
            }
            if (renewed.isEmpty()) {
                LOG.warn(
                        "MESH inbox {}: the poll lock's lease ({}) ran out during the poll, so another replica may "
                                + "have polled too; the poll stops. Raise nhs.mesh.inbox.lock.lease above the longest time "
                                + "one message takes",
                        mailboxId,
                        lease);
                return false;
            }
            current = renewed.get();
            return true;
        }

        @Override
        public synchronized void close() {
            if (!renew()) {
                return; // lost: the lock now belongs to another replica, or ends with its lease
            }
            try {
                current.unlock();
            } catch (RuntimeException e) {
                // the lease ends it anyway
                LOG.warn(
                        "MESH inbox {}: releasing the poll lock failed, it expires with its lease: {}",
                        mailboxId,
                        e.getClass().getName());
            } finally {
                current = null;
            }
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
