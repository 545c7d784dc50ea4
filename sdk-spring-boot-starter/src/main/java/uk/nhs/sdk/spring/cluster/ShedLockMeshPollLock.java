package uk.nhs.sdk.spring.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.TimeZone;
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
    static ShedLockMeshPollLock jdbc(DataSource dataSource, String table, boolean useDbTime, Duration lease,
            Duration interval) {
        JdbcTemplateLockProvider.Configuration.Builder config = JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withTableName(table)
                .withThrowUnexpectedException(true);
        if (useDbTime) {
            config.usingDbTime();
        } else {
            config.withTimeZone(TimeZone.getTimeZone("UTC"));
        }
        return new ShedLockMeshPollLock(new JdbcTemplateLockProvider(config.build()), lease, interval,
                "ShedLock on the application's DataSource (table " + table + ", lease " + lease
                        + (useDbTime ? ", database time" : ", each replica's time") + ")");
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
        long started = System.nanoTime();
        SimpleLock held = recounted(lock.get(), asked);
        return Optional.of(() -> release(held, mailboxId, Duration.ofNanos(System.nanoTime() - started)));
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

    private void release(SimpleLock held, String mailboxId, Duration took) {
        if (took.compareTo(lease) > 0) {
            LOG.warn("MESH inbox {}: a poll took {}, longer than the lock's lease {}, so another replica may have "
                    + "polled at the same time: raise nhs.mesh.inbox.lock.lease", mailboxId, took, lease);
        }
        try {
            held.unlock();
        } catch (RuntimeException e) {
            // the lease ends it anyway
            LOG.warn("MESH inbox {}: releasing the poll lock failed, it expires with its lease: {}", mailboxId,
                    e.getClass().getName());
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
