package uk.nhs.sdk.spring.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.javacrumbs.shedlock.core.ClockProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.messaging.mesh.MeshPollLock;

/**
 * The ShedLock poll lock against a real PostgreSQL, with two replicas in one JVM (so on one host):
 * a poll that outlasts its lease keeps the lock while it renews it, and a replica whose lease ran
 * out neither renews nor releases the lock another replica has taken since.
 */
class ShedLockMeshPollLockTest {
    private static final String MAILBOX = "X26ABC1";
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final Duration INTERVAL = Duration.ofMinutes(5);
    private final MutableClock lockClock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));

    @BeforeEach
    void emptyTable() {
        TestDatabase.dropTables("shedlock");
        JdbcTables.createIfAbsent(TestDatabase.dataSource(), "shedlock", ShedLockMeshPollLock.ddl("shedlock"));
        ClockProvider.setClock(lockClock);
    }

    @AfterEach
    void systemClock() {
        ClockProvider.setClock(Clock.systemUTC());
    }

    private static ShedLockMeshPollLock replica(boolean dbTime, Duration interval) {
        return ShedLockMeshPollLock.jdbc(TestDatabase.dataSource(), "shedlock", dbTime, LEASE, interval);
    }

    @Test
    void aPollLongerThanTheLeaseKeepsTheLockWhileItRenewsIt() {
        ShedLockMeshPollLock a = replica(false, INTERVAL);
        ShedLockMeshPollLock b = replica(false, INTERVAL);
        MeshPollLock.Held held = a.tryAcquire(MAILBOX).orElseThrow();

        lockClock.advance(Duration.ofMinutes(8)); // one message took 8 minutes
        assertThat(held.renew()).isTrue();
        lockClock.advance(Duration.ofMinutes(8)); // 16 minutes into the poll, past the first lease

        assertThat(b.tryAcquire(MAILBOX)).isEmpty();
        held.close();
    }

    @Test
    void aReplicaWhoseLeaseRanOutDoesNotReleaseTheLockAnotherReplicaTookSince() {
        ShedLockMeshPollLock a = replica(false, INTERVAL);
        ShedLockMeshPollLock b = replica(false, INTERVAL);
        ShedLockMeshPollLock c = replica(false, INTERVAL);
        MeshPollLock.Held heldByA = a.tryAcquire(MAILBOX).orElseThrow();

        lockClock.advance(Duration.ofMinutes(11)); // A is stuck on one message past its lease
        Optional<MeshPollLock.Held> heldByB = b.tryAcquire(MAILBOX);
        assertThat(heldByB).isPresent();

        heldByA.close(); // A's poll ends: B's lock must survive it
        assertThat(c.tryAcquire(MAILBOX)).isEmpty();
        assertThat(heldByA.renew()).isFalse();
        heldByB.get().close();
    }

    @Test
    void withTheDatabaseClockTheLockIsRenewedAndReleasedByItsHolderOnly() {
        ShedLockMeshPollLock a = replica(true, Duration.ZERO);
        ShedLockMeshPollLock b = replica(true, Duration.ZERO);
        MeshPollLock.Held held = a.tryAcquire(MAILBOX).orElseThrow();

        assertThat(b.tryAcquire(MAILBOX)).isEmpty();
        assertThat(held.renew()).isTrue();
        assertThat(b.tryAcquire(MAILBOX)).isEmpty();
        held.close();

        MeshPollLock.Held next = b.tryAcquire(MAILBOX).orElseThrow();
        assertThat(next.renew()).isTrue();
        next.close();
    }
}
