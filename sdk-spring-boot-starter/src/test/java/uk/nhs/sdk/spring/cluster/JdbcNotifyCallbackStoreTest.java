package uk.nhs.sdk.spring.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.testing.MutableClock;

/**
 * The JDBC callback store against a real PostgreSQL: one first sighting per key across replicas
 * (two stores on one database, racing threads), forget, the age bound with an injected clock, and
 * a database that cannot answer.
 */
class JdbcNotifyCallbackStoreTest {
    private static final String TABLE = JdbcNotifyCallbackStore.DEFAULT_TABLE;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.dropTables(TABLE, "callbacks_elsewhere");
    }

    private JdbcNotifyCallbackStore store() {
        return JdbcNotifyCallbackStore.builder(TestDatabase.dataSource())
                .clock(clock)
                .build();
    }

    @Test
    void aKeyIsNewOnceAcrossReplicasSharingTheDatabase() {
        JdbcNotifyCallbackStore replicaA = store();
        JdbcNotifyCallbackStore replicaB = store();

        assertThat(replicaA.firstSeen("key-1")).isTrue();
        assertThat(replicaB.firstSeen("key-1")).isFalse();
        assertThat(replicaA.firstSeen("key-1")).isFalse();
        assertThat(replicaB.firstSeen("key-2")).isTrue();
        assertThat(replicaA.size()).isEqualTo(2);
    }

    @Test
    void racingReplicasSeeEachKeyFirstExactlyOnce() throws Exception {
        List<JdbcNotifyCallbackStore> replicas = List.of(store(), store(), store(), store());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> firsts = new ArrayList<>();
            for (JdbcNotifyCallbackStore replica : replicas) {
                Callable<Integer> delivery = () -> {
                    go.await();
                    int n = 0;
                    for (int i = 0; i < 50; i++) {
                        if (replica.firstSeen("event-" + i)) {
                            n++;
                        }
                    }
                    return n;
                };
                firsts.add(pool.submit(delivery));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> f : firsts) {
                total += f.get(30, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(50);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aForgottenKeyIsNewAgain() {
        JdbcNotifyCallbackStore store = store();
        assertThat(store.firstSeen("key-1")).isTrue();

        store.forget("key-1");
        store.forget("never-seen");

        assertThat(store.firstSeen("key-1")).isTrue();
    }

    @Test
    void keysOlderThanTheRetentionAreDeletedAndYoungerOnesKept() {
        JdbcNotifyCallbackStore store = JdbcNotifyCallbackStore.builder(TestDatabase.dataSource())
                .clock(clock)
                .retention(Duration.ofHours(3))
                .build();
        store.firstSeen("old");
        clock.advance(Duration.ofHours(2));
        store.firstSeen("young");
        clock.advance(Duration.ofMinutes(61));

        assertThat(store.purgeExpired()).isEqualTo(1);
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.firstSeen("young")).isFalse();
        assertThat(store.firstSeen("old")).isTrue();
    }

    @Test
    void firstSeenPurgesOldKeysAtMostOnceAMinute() {
        JdbcNotifyCallbackStore store = JdbcNotifyCallbackStore.builder(TestDatabase.dataSource())
                .clock(clock)
                .retention(Duration.ofHours(2))
                .build();
        store.firstSeen("a");
        store.firstSeen("b");
        clock.advance(Duration.ofHours(3));

        store.firstSeen("c"); // due: a and b go

        assertThat(store.size()).isEqualTo(1);
        TestDatabase.execute("INSERT INTO " + TABLE + " VALUES ('planted', TIMESTAMP '2000-01-01 00:00:00')");
        store.firstSeen("d"); // within the minute: no purge
        assertThat(store.size()).isEqualTo(3);
        clock.advance(Duration.ofMinutes(1));
        store.firstSeen("e");
        assertThat(store.size()).isEqualTo(3);
    }

    @Test
    void aLongKeyIsStoredAsItsHashAndStillDeduplicated() {
        JdbcNotifyCallbackStore store = store();
        String longKey = "k".repeat(1000);

        assertThat(store.firstSeen(longKey)).isTrue();
        assertThat(store.firstSeen(longKey)).isFalse();
        assertThat(store.firstSeen(longKey + "x")).isTrue();
        store.forget(longKey);
        assertThat(store.firstSeen(longKey)).isTrue();
    }

    @Test
    void theTableIsCreatedOnceAndCanBeLeftToTheApplication() {
        store();
        store(); // already there: nothing to do

        assertThatThrownBy(() -> JdbcNotifyCallbackStore.builder(TestDatabase.dataSource())
                        .createTable(false)
                        .tableName("callbacks_elsewhere")
                        .build()
                        .firstSeen("k"))
                .isInstanceOf(NhsSdkException.class)
                .hasMessageContaining("could not record a key");
        TestDatabase.execute(JdbcNotifyCallbackStore.ddl("callbacks_elsewhere"));
        assertThat(JdbcNotifyCallbackStore.builder(TestDatabase.dataSource())
                        .createTable(false)
                        .tableName("callbacks_elsewhere")
                        .build()
                        .firstSeen("k"))
                .isTrue();
    }

    @Test
    void theSettingsAreChecked() {
        JdbcNotifyCallbackStore.Builder b = JdbcNotifyCallbackStore.builder(TestDatabase.dataSource());
        assertThatThrownBy(() -> b.tableName("seen; DROP TABLE patients"))
                .isInstanceOf(NhsConfigurationException.class)
                .hasMessageContaining("tableName");
        assertThatThrownBy(() -> b.retention(Duration.ofMinutes(119)))
                .isInstanceOf(NhsConfigurationException.class)
                .hasMessageContaining("2 hours");
        assertThat(b.retention(Duration.ofHours(2)).tableName("app.seen_callbacks"))
                .isSameAs(b);
    }

    @Test
    void aDatabaseThatCannotAnswerIsAnErrorNeverAnswerSeen() {
        JdbcNotifyCallbackStore store = store();
        FailingDataSource down = new FailingDataSource();
        JdbcNotifyCallbackStore onDown = JdbcNotifyCallbackStore.builder(down)
                .createTable(false)
                .clock(clock)
                .build();
        down.failing = true;

        assertThatThrownBy(() -> onDown.firstSeen("key-1"))
                .isInstanceOf(NhsSdkException.class)
                .hasMessageContaining("08001");
        assertThatThrownBy(() -> onDown.forget("key-1")).isInstanceOf(NhsSdkException.class);
        assertThat(store.firstSeen("key-1")).isTrue();
    }

    @Test
    void anIntegrityFailureThatIsNotADuplicateKeyIsAnErrorNeverSeen() {
        // an application-made table with a NOT NULL column the store does not fill: every insert
        // fails with SQLState 23502, which must not read as "seen" (the event would be dropped)
        TestDatabase.execute("CREATE TABLE " + TABLE + " (idempotency_key VARCHAR(255) NOT NULL PRIMARY KEY, "
                + "first_seen TIMESTAMP NOT NULL, tenant VARCHAR(10) NOT NULL)");
        JdbcNotifyCallbackStore store = store();
        JdbcNotifyCallbackStore elsewhere = JdbcNotifyCallbackStore.builder(new ProductNamed("H2"))
                .clock(clock)
                .build();

        assertThatThrownBy(() -> store.firstSeen("key-1"))
                .isInstanceOf(NhsSdkException.class)
                .hasMessageContaining("23502");
        assertThatThrownBy(() -> elsewhere.firstSeen("key-1"))
                .isInstanceOf(NhsSdkException.class)
                .hasMessageContaining("23502");
    }

    @Test
    void onAnEngineWithoutOnConflictADuplicateKeyMeansSeen() {
        ProductNamed h2 = new ProductNamed("H2");
        JdbcNotifyCallbackStore replicaA =
                JdbcNotifyCallbackStore.builder(h2).clock(clock).build();
        JdbcNotifyCallbackStore replicaB =
                JdbcNotifyCallbackStore.builder(h2).clock(clock).build();

        assertThat(replicaA.firstSeen("key-1")).isTrue();
        assertThat(replicaB.firstSeen("key-1")).isFalse();
        assertThat(replicaB.firstSeen("key-2")).isTrue();
        assertThat(h2.prepared).anyMatch(sql -> sql.startsWith("INSERT")).noneMatch(sql -> sql.contains("ON CONFLICT"));
    }

    @Test
    void thePurgeUsesAnIndexOnTheFirstSeenTime() throws SQLException {
        store();
        try (Connection c = TestDatabase.dataSource().getConnection();
                java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs =
                        st.executeQuery("SELECT indexdef FROM pg_indexes WHERE tablename = '" + TABLE + "'")) {
            List<String> indexes = new ArrayList<>();
            while (rs.next()) {
                indexes.add(rs.getString(1));
            }
            assertThat(indexes).anyMatch(d -> d.endsWith("(first_seen)"));
        }
        assertThat(JdbcNotifyCallbackStore.indexDdl("app.seen"))
                .isEqualTo("CREATE INDEX seen_first_seen ON app.seen (first_seen)");
        assertThat(JdbcNotifyCallbackStore.indexDdl("t".repeat(63)))
                .startsWith("CREATE INDEX " + "t".repeat(60) + " ON ");
    }

    @Test
    void aKeyLongerThan200BytesIsStoredAsItsHash() throws SQLException {
        JdbcNotifyCallbackStore store = store();
        String key = "\u20ac".repeat(70); // 70 characters, 210 bytes in UTF-8

        assertThat(store.firstSeen(key)).isTrue();
        assertThat(store.firstSeen(key)).isFalse();
        try (Connection c = TestDatabase.dataSource().getConnection();
                java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT idempotency_key FROM " + TABLE)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("sha256:").hasSize(71);
        }
    }

    /**
     * The test database, its metadata naming another product, so the store takes the path of an
     * engine without {@code ON CONFLICT}; records the SQL it prepares.
     */
    static final class ProductNamed extends DelegatingDataSource {
        final List<String> prepared = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final String product;

        ProductNamed(String product) {
            this.product = product;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection real = TestDatabase.dataSource().getConnection();
            return (Connection) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getMetaData")) {
                            java.sql.DatabaseMetaData meta = real.getMetaData();
                            return java.lang.reflect.Proxy.newProxyInstance(
                                    getClass().getClassLoader(),
                                    new Class<?>[] {java.sql.DatabaseMetaData.class},
                                    (p, m, a) -> m.getName().equals("getDatabaseProductName")
                                            ? product
                                            : invoke(m, meta, a));
                        }
                        if (method.getName().equals("prepareStatement")) {
                            prepared.add((String) args[0]);
                        }
                        return invoke(method, real, args);
                    });
        }
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A DataSource whose connections come from {@link #getConnection()}. */
    abstract static class DelegatingDataSource implements DataSource {
        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // unused
        }

        @Override
        public void setLoginTimeout(int seconds) {
            // unused
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

    /** The test database until {@code failing}, then a refused connection. */
    static final class FailingDataSource implements DataSource {
        volatile boolean failing;

        @Override
        public Connection getConnection() throws SQLException {
            if (failing) {
                throw new SQLException("connection refused", "08001");
            }
            return TestDatabase.dataSource().getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // unused
        }

        @Override
        public void setLoginTimeout(int seconds) {
            // unused
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
