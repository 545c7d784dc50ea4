package uk.nhs.sdk.spring.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.testing.CapturingAppender;
import uk.nhs.sdk.messaging.mesh.MeshClient;
import uk.nhs.sdk.messaging.mesh.MeshMessageHandler;
import uk.nhs.sdk.messaging.mesh.MeshPollLock;
import uk.nhs.sdk.messaging.notify.NotifyCallbackDeduplicator;
import uk.nhs.sdk.messaging.notify.NotifyCallbackStore;
import uk.nhs.sdk.spring.autoconfigure.NhsAutoConfiguration;
import uk.nhs.sdk.testkit.NhsSandbox;

/**
 * What the cluster auto-configuration creates with and without a DataSource, the start-up line
 * that says which, and the start-up failures that name the property at fault.
 */
class ClusterAutoConfigurationTest {
    private static NhsSandbox sandbox;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NhsAutoConfiguration.class, NhsClusterAutoConfiguration.class));

    @BeforeAll
    static void startSandbox() {
        sandbox = NhsSandbox.start();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void clean() {
        TestDatabase.dropTables("shedlock", "other_locks", JdbcNotifyCallbackStore.DEFAULT_TABLE);
        CapturingAppender.clear();
    }

    private static MeshClient mesh() {
        return TwoReplicasTestSupport.mesh(
                sandbox,
                NhsClientOptions.builder().sleeper(d -> Thread.sleep(20)).build());
    }

    private static final MeshMessageHandler HANDLER = m -> m.content().readAllBytes();

    private ApplicationContextRunner withMesh() {
        return runner.withBean(MeshClient.class, ClusterAutoConfigurationTest::mesh)
                .withBean(MeshMessageHandler.class, () -> HANDLER);
    }

    private static boolean logged(String text) {
        return CapturingAppender.lines().stream().anyMatch(l -> l.contains(text));
    }

    private static String failure(org.springframework.context.ApplicationContext context) {
        Throwable t = ((org.springframework.boot.test.context.assertj.AssertableApplicationContext) context)
                .getStartupFailure();
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Test
    void nothingIsCreatedUnlessEnabled() {
        withMesh().withBean(DataSource.class, TestDatabase::dataSource).run(context -> {
            assertThat(context).doesNotHaveBean(MeshInboxPolling.class);
            assertThat(context).doesNotHaveBean(MeshPollLock.class);
            assertThat(context).doesNotHaveBean(NotifyCallbackStore.class);
        });
    }

    @Test
    void withoutADataSourceTheInstancePollsAloneAndSaysSo() {
        withMesh()
                .withPropertyValues("nhs.mesh.inbox.enabled=true", "nhs.notify.callbacks.deduplication.enabled=true")
                .run(context -> {
                    MeshInboxPolling polling = context.getBean(MeshInboxPolling.class);
                    assertThat(polling.isClusterLocked()).isFalse();
                    assertThat(polling.isRunning()).isTrue();
                    assertThat(context).doesNotHaveBean(MeshPollLock.class);
                    assertThat(context.getBean(NotifyCallbackStore.class))
                            .isInstanceOf(NotifyCallbackDeduplicator.class);
                    assertThat(logged(
                                    "MESH inbox X26ABC1: polling every PT5M from this instance alone (no DataSource)"))
                            .isTrue();
                    assertThat(logged("de-duplicated in this instance's memory only (no DataSource)"))
                            .isTrue();
                });
    }

    @Test
    void withADataSourceEachPollTakesTheMailboxsLockAndTheLoopStopsWithTheContext() {
        MeshInboxPolling[] polling = new MeshInboxPolling[1];
        withMesh()
                .withBean(DataSource.class, TestDatabase::dataSource)
                .withPropertyValues(
                        "nhs.mesh.inbox.enabled=true",
                        "nhs.mesh.inbox.interval=10m",
                        "nhs.mesh.inbox.lock.lease=20m",
                        "nhs.mesh.inbox.lock.table-name=other_locks")
                .run(context -> {
                    polling[0] = context.getBean(MeshInboxPolling.class);
                    assertThat(polling[0].isClusterLocked()).isTrue();
                    assertThat(polling[0].isRunning()).isTrue();
                    assertThat(polling[0].poller().interval()).hasMinutes(10);
                    assertThat(
                                    logged(
                                            "MESH inbox X26ABC1: polling every PT10M, one replica at a time under ShedLock "
                                                    + "on the application's DataSource (table other_locks, lease PT20M, database time)"))
                            .isTrue();
                    // the running poller holds the lock for the interval: another poll now is skipped
                    long deadline = System.nanoTime() + 20_000_000_000L;
                    Optional<?> polled = polling[0].poller().tryPoll();
                    while (polled.isPresent() && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                        polled = polling[0].poller().tryPoll();
                    }
                    assertThat(polled).isEmpty();
                });
        assertThat(polling[0].isRunning()).isFalse();
        assertThat(polling[0].poller().isStopped()).isTrue();
    }

    @Test
    void closingTheContextMidMessageFinishesAndAcknowledgesItBeforeAnyBeanIsDestroyed() throws Exception {
        sandbox.reset();
        String sent;
        try (MeshClient sender = TwoReplicasTestSupport.mesh(
                sandbox, "X26ABC2", NhsClientOptions.builder().build())) {
            sent = sender.send(
                            uk.nhs.sdk.messaging.mesh.MeshSendRequest.builder("X26ABC1", "TEST_WORKFLOW")
                                    .build(),
                            "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .messageId();
        }
        java.util.concurrent.CountDownLatch handling = new java.util.concurrent.CountDownLatch(1);
        java.util.List<String> handled = new java.util.concurrent.CopyOnWriteArrayList<>();
        MeshMessageHandler slow = m -> {
            handling.countDown();
            Thread.sleep(300); // the context is closing meanwhile
            m.content().readAllBytes();
            handled.add(m.messageId());
        };
        // destroyed with the MeshClient and the DataSource, after every lifecycle bean has stopped
        AutoCloseable beansDestroyed = () -> handled.add("beans destroyed");
        runner.withBean(MeshClient.class, ClusterAutoConfigurationTest::mesh)
                .withBean(MeshMessageHandler.class, () -> slow)
                .withBean("beansDestroyed", AutoCloseable.class, () -> beansDestroyed)
                .withBean(DataSource.class, TestDatabase::dataSource)
                .withPropertyValues("nhs.mesh.inbox.enabled=true")
                .run(context -> {
                    assertThat(handling.await(20, java.util.concurrent.TimeUnit.SECONDS))
                            .isTrue();
                    context.close();
                });

        assertThat(handled).containsExactly(sent, "beans destroyed");
        try (MeshClient check = mesh()) {
            assertThat(check.inboxMessageIds(uk.nhs.sdk.messaging.mesh.MeshInboxQuery.all()))
                    .isEmpty();
        }
    }

    @Test
    void withTheLockDisabledOrShedLockMissingTheInstancePollsAlone() {
        withMesh()
                .withBean(DataSource.class, TestDatabase::dataSource)
                .withPropertyValues("nhs.mesh.inbox.enabled=true", "nhs.mesh.inbox.lock.enabled=false")
                .run(context -> {
                    assertThat(context.getBean(MeshInboxPolling.class).isClusterLocked())
                            .isFalse();
                    assertThat(logged("alone (nhs.mesh.inbox.lock.enabled is false)"))
                            .isTrue();
                });
        withMesh()
                .withBean(DataSource.class, TestDatabase::dataSource)
                .withClassLoader(new FilteredClassLoader("net.javacrumbs.shedlock"))
                .withPropertyValues("nhs.mesh.inbox.enabled=true")
                .run(context -> {
                    assertThat(context.getBean(MeshInboxPolling.class).isClusterLocked())
                            .isFalse();
                    assertThat(logged("alone (ShedLock is not on the classpath"))
                            .isTrue();
                });
    }

    @Test
    void anApplicationsOwnLockReplacesShedLock() {
        MeshPollLock own = mailboxId -> Optional.empty();
        withMesh()
                .withBean(DataSource.class, TestDatabase::dataSource)
                .withBean(MeshPollLock.class, () -> own)
                .withPropertyValues("nhs.mesh.inbox.enabled=true")
                .run(context -> {
                    assertThat(context.getBean(MeshPollLock.class)).isSameAs(own);
                    assertThat(context.getBean(MeshInboxPolling.class).isClusterLocked())
                            .isTrue();
                    assertThat(context.getBean(MeshInboxPolling.class).poller().tryPoll())
                            .isEmpty();
                });
    }

    @Test
    void theNotifyStoreIsTheJdbcOneOnADataSource() {
        runner.withBean(DataSource.class, TestDatabase::dataSource)
                .withPropertyValues(
                        "nhs.notify.callbacks.deduplication.enabled=true",
                        "nhs.notify.callbacks.deduplication.retention=3h")
                .run(context -> {
                    NotifyCallbackStore store = context.getBean(NotifyCallbackStore.class);
                    assertThat(store).isInstanceOf(JdbcNotifyCallbackStore.class);
                    assertThat(((JdbcNotifyCallbackStore) store).retention()).hasHours(3);
                    assertThat(store.firstSeen("k")).isTrue();
                    assertThat(store.firstSeen("k")).isFalse();
                    assertThat(logged("de-duplicated across replicas in table nhs_notify_callback_seen"))
                            .isTrue();
                });
    }

    @Test
    void theNotifyStoreFollowsNotifyUnlessSetItself() {
        ApplicationContextRunner clusterOnly = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(NhsClusterAutoConfiguration.class))
                .withBean(DataSource.class, TestDatabase::dataSource);
        clusterOnly
                .withPropertyValues("nhs.notify.enabled=true")
                .run(context -> assertThat(context).hasSingleBean(JdbcNotifyCallbackStore.class));
        clusterOnly
                .withPropertyValues("nhs.notify.enabled=true", "nhs.notify.callbacks.deduplication.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(NotifyCallbackStore.class));
        clusterOnly.run(context -> assertThat(context).doesNotHaveBean(NotifyCallbackStore.class));
    }

    @Test
    void startUpFailsNamingThePropertyAtFault() {
        withMesh()
                .withPropertyValues("nhs.mesh.inbox.enabled=true", "nhs.mesh.inbox.interval=1m")
                .run(context -> assertThat(failure(context)).contains("nhs.mesh.inbox.interval"));
        withMesh()
                .withBean(DataSource.class, TestDatabase::dataSource)
                .withPropertyValues("nhs.mesh.inbox.enabled=true", "nhs.mesh.inbox.lock.lease=4m")
                .run(context -> assertThat(failure(context)).contains("nhs.mesh.inbox.lock.lease"));
        withMesh()
                .withBean(DataSource.class, TestDatabase::dataSource)
                .withPropertyValues("nhs.mesh.inbox.enabled=true", "nhs.mesh.inbox.lock.table-name=locks;drop")
                .run(context -> assertThat(failure(context)).contains("nhs.mesh.inbox.lock.table-name"));
        withMesh()
                .withPropertyValues("nhs.mesh.inbox.enabled=true", "nhs.mesh.inbox.max-attempts=0")
                .run(context -> assertThat(failure(context)).contains("nhs.mesh.inbox.max-attempts"));
        runner.withBean(MeshClient.class, ClusterAutoConfigurationTest::mesh)
                .withPropertyValues("nhs.mesh.inbox.enabled=true")
                .run(context -> assertThat(failure(context)).contains("no single MeshMessageHandler"));
        runner.withBean(MeshMessageHandler.class, () -> HANDLER)
                .withPropertyValues("nhs.mesh.inbox.enabled=true")
                .run(context -> assertThat(failure(context))
                        .contains("nhs.mesh.inbox.enabled")
                        .contains("no single MESH client"));
        runner.withBean(DataSource.class, TestDatabase::dataSource)
                .withPropertyValues(
                        "nhs.notify.callbacks.deduplication.enabled=true",
                        "nhs.notify.callbacks.deduplication.retention=1h")
                .run(context -> assertThat(failure(context)).contains("nhs.notify.callbacks.deduplication.retention"));
    }
}
