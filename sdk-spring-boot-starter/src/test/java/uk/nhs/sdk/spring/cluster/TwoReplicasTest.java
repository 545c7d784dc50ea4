package uk.nhs.sdk.spring.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.messaging.mesh.MeshClient;
import uk.nhs.sdk.messaging.mesh.MeshMessageHandler;
import uk.nhs.sdk.messaging.mesh.MeshPollListener;
import uk.nhs.sdk.messaging.mesh.MeshSendRequest;
import uk.nhs.sdk.messaging.notify.NotifyCallbackEvent;
import uk.nhs.sdk.messaging.notify.NotifyCallbackResult;
import uk.nhs.sdk.messaging.notify.NotifyCallbackStore;
import uk.nhs.sdk.messaging.notify.NotifyCallbackVerifier;
import uk.nhs.sdk.testkit.NhsSandbox;

/**
 * Two application contexts ("replicas") sharing one PostgreSQL database and one embedded sandbox
 * MESH mailbox, each running the starter's poller for real on its own thread: one polls at a time,
 * the other takes over when the first stops or when a dead holder's lease expires, and every
 * message is handled exactly once. The same Notify callback delivered to both is handled once.
 *
 * <p>Lock times come from a clock the test moves (ShedLock's {@link ClockProvider}, with
 * {@code nhs.mesh.inbox.lock.use-db-time=false}), so the 5-minute interval and the lease pass
 * without waiting; each poller sleeps 20 ms of real time between polls.
 */
class TwoReplicasTest {
    private static final String MAILBOX = "X26ABC1";
    private static final String APP_ID = "cluster-test-app";
    private static final String API_KEY = "cluster-test-api-key-5f1d";
    private static NhsSandbox sandbox;

    /** What each replica handled, as "replica:messageId", in order. */
    static final List<String> HANDLED = new CopyOnWriteArrayList<>();
    /** How many polls each replica skipped because the other held the lock. */
    static final Map<String, AtomicInteger> SKIPS = new ConcurrentHashMap<>();

    private final MutableClock lockClock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

    @BeforeAll
    static void startSandbox() {
        sandbox = NhsSandbox.start();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
        HANDLED.clear();
        SKIPS.clear();
        TestDatabase.dropTables("shedlock", JdbcNotifyCallbackStore.DEFAULT_TABLE);
        ClockProvider.setClock(lockClock);
        LogGuard.forbid(API_KEY);
    }

    @AfterEach
    void stopReplicas() {
        replicas.forEach(ConfigurableApplicationContext::close);
        ClockProvider.setClock(Clock.systemUTC());
    }

    /** A replica: the application's DataSource, MESH client and handler; the rest is the starter's. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Replica {
        @Bean
        DataSource dataSource() {
            return TestDatabase.dataSource();
        }

        @Bean
        MeshClient meshClient() {
            return mesh(
                    MAILBOX,
                    NhsClientOptions.builder().sleeper(d -> Thread.sleep(20)).build());
        }

        @Bean
        MeshMessageHandler handler(@Value("${replica}") String replica) {
            return m -> {
                m.content().readAllBytes();
                HANDLED.add(replica + ":" + m.messageId());
            };
        }

        @Bean
        MeshPollListener listener(@Value("${replica}") String replica) {
            return new MeshPollListener() {
                @Override
                public void pollSkipped(String mailboxId) {
                    SKIPS.computeIfAbsent(replica, r -> new AtomicInteger()).incrementAndGet();
                }
            };
        }
    }

    static MeshClient mesh(String mailboxId, NhsClientOptions options) {
        return TwoReplicasTestSupport.mesh(sandbox, mailboxId, options);
    }

    private ConfigurableApplicationContext start(String name, String... more) {
        List<String> properties = new ArrayList<>(List.of(
                "replica=" + name,
                "logging.level.org.springframework=INFO",
                "logging.level.io.zonky=INFO",
                "nhs.mesh.inbox.enabled=true",
                "nhs.mesh.inbox.lock.use-db-time=false",
                "nhs.mesh.inbox.lock.lease=10m",
                "nhs.notify.callbacks.deduplication.enabled=true"));
        properties.addAll(List.of(more));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Replica.class)
                .web(WebApplicationType.NONE)
                .properties(properties.toArray(String[]::new))
                .run();
        replicas.add(context);
        return context;
    }

    /** Sends messages from X26ABC2 to the polled mailbox; returns their ids. */
    private static List<String> send(int count) {
        List<String> ids = new ArrayList<>();
        try (MeshClient sender = mesh("X26ABC2", NhsClientOptions.builder().build())) {
            for (int i = 0; i < count; i++) {
                ids.add(sender.send(
                                MeshSendRequest.builder(MAILBOX, "TEST_WORKFLOW")
                                        .build(),
                                ("message " + i).getBytes(StandardCharsets.UTF_8))
                        .messageId());
            }
        }
        return ids;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "timed out waiting until " + what + "; handled " + HANDLED + ", skips " + SKIPS);
            }
            Thread.sleep(10);
        }
    }

    private static int skips(String replica) {
        AtomicInteger n = SKIPS.get(replica);
        return n == null ? 0 : n.get();
    }

    /** Waits until the replica has been refused the lock a few more times: it is polling, not handling. */
    private static void awaitRefusals(String replica) throws InterruptedException {
        int before = skips(replica);
        await(replica + " is refused the lock", () -> skips(replica) >= before + 3);
    }

    private static List<String> ids(List<String> handled) {
        return handled.stream().map(h -> h.substring(h.indexOf(':') + 1)).toList();
    }

    private static String replicaOf(String handled) {
        return handled.substring(0, handled.indexOf(':'));
    }

    @Test
    void onePollsAtATimeTheOtherTakesOverWhenItStopsAndEveryMessageIsHandledOnce() throws Exception {
        List<String> sent = new ArrayList<>(send(3));
        ConfigurableApplicationContext a = start("A");
        ConfigurableApplicationContext b = start("B");
        assertThat(a.getBean(MeshInboxPolling.class).isClusterLocked()).isTrue();

        await("the first poll handled the inbox", () -> HANDLED.size() == 3);
        String first = replicaOf(HANDLED.get(0));
        String other = first.equals("A") ? "B" : "A";
        assertThat(HANDLED).allMatch(h -> replicaOf(h).equals(first));

        // within the interval nobody polls again, though both keep trying
        sent.addAll(send(2));
        awaitRefusals(first);
        awaitRefusals(other);
        assertThat(HANDLED).hasSize(3);

        // an interval later one replica (either) polls, once
        lockClock.advance(Duration.ofMinutes(5));
        await("the second poll handled the new messages", () -> HANDLED.size() == 5);
        String leader = replicaOf(HANDLED.get(4));
        String survivor = leader.equals("A") ? "B" : "A";

        // the replica that polled last stops; the survivor takes over at the next interval
        (leader.equals("A") ? a : b).close();
        sent.addAll(send(2));
        awaitRefusals(survivor);
        assertThat(HANDLED).hasSize(5);
        lockClock.advance(Duration.ofMinutes(5));
        await("the survivor took over", () -> HANDLED.size() == 7);
        assertThat(HANDLED.subList(5, 7)).allMatch(h -> replicaOf(h).equals(survivor));

        assertThat(ids(HANDLED)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void aReplicaThatDiedHoldingTheLockIsReplacedWhenItsLeaseExpires() throws Exception {
        start("B"); // creates the lock table
        awaitRefusals("B"); // B polled the empty inbox and holds the lock for the interval
        lockClock.advance(Duration.ofMinutes(5));
        // replica A takes the lock for a poll and dies: nothing ever releases it
        TestDatabase.execute("DELETE FROM shedlock");
        JdbcTemplateLockProvider dead = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(TestDatabase.dataSource()))
                .withTimeZone(java.util.TimeZone.getTimeZone("UTC"))
                .build());
        assertThat(dead.lock(new LockConfiguration(
                        lockClock.instant(), "nhs-mesh-inbox-" + MAILBOX, Duration.ofMinutes(10), Duration.ZERO)))
                .isPresent();
        List<String> sent = send(2);

        awaitRefusals("B");
        lockClock.advance(Duration.ofMinutes(9));
        awaitRefusals("B");
        assertThat(HANDLED).isEmpty();

        lockClock.advance(Duration.ofMinutes(2)); // the dead replica's lease (10 minutes) is over
        await("B took over", () -> HANDLED.size() == 2);
        assertThat(HANDLED).allMatch(h -> replicaOf(h).equals("B"));
        assertThat(ids(HANDLED)).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void aCallbackDeliveredToBothReplicasIsHandledOnceAndOldKeysArePurged() throws Exception {
        ConfigurableApplicationContext a = start("A", "nhs.mesh.inbox.enabled=false");
        ConfigurableApplicationContext b = start("B", "nhs.mesh.inbox.enabled=false");
        NotifyCallbackStore storeA = a.getBean(NotifyCallbackStore.class);
        NotifyCallbackStore storeB = b.getBean(NotifyCallbackStore.class);
        assertThat(storeA).isInstanceOf(JdbcNotifyCallbackStore.class);
        byte[] body;
        try (InputStream in = TwoReplicasTest.class.getResourceAsStream("/cluster/message-status.json")) {
            body = in.readAllBytes();
        }
        String signature = sign(body);

        NotifyCallbackResult atA = verifier(storeA).verify(API_KEY, signature, body);
        NotifyCallbackResult atB = verifier(storeB).verify(API_KEY, signature, body);

        assertThat(atA.status()).isEqualTo(202);
        assertThat(atB.status()).isEqualTo(202);
        List<NotifyCallbackEvent> handled = new ArrayList<>(atA.events());
        handled.addAll(atB.events());
        assertThat(handled).hasSize(1);
        assertThat(atB.duplicates()).isEqualTo(1);

        // a key first seen 7 hours ago (the retention is 6) goes; the fresh one stays
        TestDatabase.execute("INSERT INTO " + JdbcNotifyCallbackStore.DEFAULT_TABLE
                + " VALUES ('old-key', (now() AT TIME ZONE 'UTC') - INTERVAL '7 hours')");
        JdbcNotifyCallbackStore jdbc = (JdbcNotifyCallbackStore) storeB;
        assertThat(jdbc.size()).isEqualTo(2);
        assertThat(jdbc.purgeExpired()).isEqualTo(1);
        assertThat(storeA.firstSeen("old-key")).isTrue();
        assertThat(verifier(storeA).verify(API_KEY, signature, body).events()).isEmpty();
    }

    private static NotifyCallbackVerifier verifier(NotifyCallbackStore store) {
        return NotifyCallbackVerifier.builder()
                .applicationId(APP_ID)
                .apiKey(Secret.of(API_KEY))
                .deduplicator(store)
                .build();
    }

    private static String sign(byte[] body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec((APP_ID + "." + API_KEY).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
