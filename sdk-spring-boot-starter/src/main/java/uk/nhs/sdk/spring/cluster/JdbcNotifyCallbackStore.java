package uk.nhs.sdk.spring.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.messaging.notify.NotifyCallbackStore;

/**
 * A {@link NotifyCallbackStore} in a database table shared by every replica, so an NHS Notify
 * callback event delivered twice (to two replicas, or to one after a restart) is handled once.
 *
 * <p>The table holds the key as its primary key and the time it was first seen:
 * <pre>
 * CREATE TABLE nhs_notify_callback_seen (
 *     idempotency_key VARCHAR(255) NOT NULL PRIMARY KEY,
 *     first_seen      TIMESTAMP    NOT NULL)
 * CREATE INDEX nhs_notify_callback_seen_first_seen ON nhs_notify_callback_seen (first_seen)
 * </pre>
 * {@link #firstSeen(String)} inserts the key: the database's primary key decides, across replicas,
 * which caller is first; a unique-key violation means "seen" once the key's row is found (any other
 * integrity failure is an error). Keys longer than 200 bytes in UTF-8 are stored as their SHA-256,
 * so they fit a {@code VARCHAR(255)} counted in bytes (Oracle's default) as well as in characters. Keys older than the retention are deleted (by any replica, at most once
 * a minute, during {@code firstSeen}; or by {@link #purgeExpired()}).
 *
 * <pre>{@code
 * NotifyCallbackStore store = JdbcNotifyCallbackStore.builder(dataSource).build();
 * NotifyCallbackVerifier verifier = NotifyCallbackVerifier.builder()
 *     .applicationId(appId).apiKey(apiKey).deduplicator(store).build();
 * }</pre>
 *
 * <p>Thread-safe. Each call takes a connection from the {@code DataSource} and commits its own
 * work. A database that cannot answer makes {@code firstSeen} throw an {@link NhsSdkException}:
 * answer NHS Notify with a 5xx so it retries. Nothing is logged but a purge failure (its
 * exception's class only).
 */
public final class JdbcNotifyCallbackStore implements NotifyCallbackStore {
    /** The default table name. */
    public static final String DEFAULT_TABLE = "nhs_notify_callback_seen";
    /** The shortest retention: NHS Notify retries a callback for 2 hours. */
    public static final Duration MIN_RETENTION = Duration.ofHours(2);
    /** The default retention. */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(6);

    private static final Logger LOG = LoggerFactory.getLogger(JdbcNotifyCallbackStore.class);
    private static final int MAX_KEY = 200;
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final DataSource dataSource;
    private final String table;
    private final Duration retention;
    private final Clock clock;
    private final String insert;
    private final boolean postgres;
    private final Object purgeLock = new Object();
    private Instant nextPurge;

    private JdbcNotifyCallbackStore(Builder b) {
        this.dataSource = b.dataSource;
        this.table = b.table;
        this.retention = b.retention;
        this.clock = b.clock;
        if (b.createTable) {
            JdbcTables.createIfAbsent(dataSource, table, ddl(table), indexDdl(table));
        }
        this.postgres = isPostgres(dataSource);
        this.insert = "INSERT INTO " + table + " (idempotency_key, first_seen) VALUES (?, ?)"
                + (postgres ? " ON CONFLICT DO NOTHING" : "");
        this.nextPurge = clock.instant();
    }

    /**
     * Starts a builder.
     *
     * @param dataSource the database every replica shares
     * @return the builder
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /**
     * The table's {@code CREATE TABLE} statement.
     *
     * @param table the table name
     * @return the statement (standard SQL)
     */
    public static String ddl(String table) {
        return "CREATE TABLE " + table + " (idempotency_key VARCHAR(255) NOT NULL PRIMARY KEY, "
                + "first_seen TIMESTAMP NOT NULL)";
    }

    /**
     * The {@code CREATE INDEX} statement of the index on {@code first_seen} that keeps the purge
     * from scanning the whole table.
     *
     * @param table the table name
     * @return the statement (standard SQL); the index is named after the table
     */
    public static String indexDdl(String table) {
        String name = table.substring(table.lastIndexOf('.') + 1) + "_first_seen";
        return "CREATE INDEX " + (name.length() > 60 ? name.substring(0, 60) : name) + " ON " + table + " (first_seen)";
    }

    @Override
    public boolean firstSeen(String idempotencyKey) {
        String key = stored(Objects.requireNonNull(idempotencyKey, "idempotencyKey"));
        Instant now = clock.instant();
        purgeIfDue(now);
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(insert)) {
            st.setString(1, key);
            st.setObject(2, LocalDateTime.ofInstant(now, ZoneOffset.UTC));
            try {
                int inserted = st.executeUpdate();
                commit(c);
                return inserted == 1;
            } catch (SQLException e) {
                JdbcTables.rollback(c);
                if (isIntegrityViolation(e) && holds(c, key)) {
                    return false; // another replica recorded it first
                }
                throw e; // a NOT NULL or CHECK failure, or no such row: never "seen"
            }
        } catch (SQLException e) {
            throw new NhsSdkException(
                    "the NHS Notify callback store could not record a key (SQLState " + e.getSQLState() + ")",
                    CallDetails.none(),
                    e);
        }
    }

    @Override
    public void forget(String idempotencyKey) {
        String key = stored(Objects.requireNonNull(idempotencyKey, "idempotencyKey"));
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("DELETE FROM " + table + " WHERE idempotency_key = ?")) {
            st.setString(1, key);
            st.executeUpdate();
            commit(c);
        } catch (SQLException e) {
            throw new NhsSdkException(
                    "the NHS Notify callback store could not forget a key (SQLState " + e.getSQLState() + ")",
                    CallDetails.none(),
                    e);
        }
    }

    /**
     * Deletes the keys first seen longer ago than the retention.
     *
     * @return how many were deleted
     * @throws NhsSdkException when the database cannot answer
     */
    public int purgeExpired() {
        LocalDateTime cutoff = LocalDateTime.ofInstant(clock.instant().minus(retention), ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("DELETE FROM " + table + " WHERE first_seen < ?")) {
            st.setObject(1, cutoff);
            int deleted = st.executeUpdate();
            commit(c);
            return deleted;
        } catch (SQLException e) {
            throw new NhsSdkException(
                    "the NHS Notify callback store could not delete old keys (SQLState " + e.getSQLState() + ")",
                    CallDetails.none(),
                    e);
        }
    }

    /**
     * How many keys the table holds (expired ones not yet deleted included).
     *
     * @return the count
     * @throws NhsSdkException when the database cannot answer
     */
    public long size() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM " + table);
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new NhsSdkException(
                    "the NHS Notify callback store could not count its keys (SQLState " + e.getSQLState() + ")",
                    CallDetails.none(),
                    e);
        }
    }

    /**
     * How long keys are kept.
     *
     * @return the retention
     */
    public Duration retention() {
        return retention;
    }

    private void purgeIfDue(Instant now) {
        synchronized (purgeLock) {
            if (now.isBefore(nextPurge)) {
                return;
            }
            nextPurge = now.plus(PURGE_EVERY);
        }
        try {
            purgeExpired();
        } catch (NhsSdkException e) {
            LOG.warn(
                    "NHS Notify callback store: deleting old keys failed, trying again later: {}",
                    e.getCause().getClass().getName());
        }
    }

    private static String stored(String key) {
        if (key.getBytes(StandardCharsets.UTF_8).length <= MAX_KEY) {
            return key;
        }
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(
                                    MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Whether the table holds the key. SQLState class 23 covers every integrity constraint (a
     * NOT NULL column the application added, a CHECK), and MySQL, Oracle and SQL Server report a
     * duplicate key as the generic 23000: only the row itself proves the key was seen.
     */
    private boolean holds(Connection c, String key) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM " + table + " WHERE idempotency_key = ?")) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
                boolean found = rs.next();
                commit(c);
                return found;
            }
        }
    }

    private static boolean isIntegrityViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLIntegrityConstraintViolationException) {
                return true;
            }
            if (t instanceof SQLException s
                    && s.getSQLState() != null
                    && s.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    private static void commit(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase(Locale.ROOT)
                    .contains("postgres");
        } catch (SQLException e) {
            throw new NhsConfigurationException(
                    "the NHS Notify callback store cannot reach its database (SQLState " + e.getSQLState() + ")", e);
        }
    }

    @Override
    public String toString() {
        return "JdbcNotifyCallbackStore[" + table + ", retention=" + retention + "]";
    }

    /**
     * Builds a {@link JdbcNotifyCallbackStore}.
     */
    public static final class Builder {
        private final DataSource dataSource;
        private String table = DEFAULT_TABLE;
        private Duration retention = DEFAULT_RETENTION;
        private Clock clock = Clock.systemUTC();
        private boolean createTable = true;

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /**
         * Sets the table (default {@value JdbcNotifyCallbackStore#DEFAULT_TABLE}).
         *
         * @param value a table name, optionally schema-qualified
         * @return this builder
         * @throws NhsConfigurationException when it is not a plain table name
         */
        public Builder tableName(String value) {
            this.table = JdbcTables.checkName("tableName", value);
            return this;
        }

        /**
         * Sets how long keys are kept (default 6 hours).
         *
         * @param value at least 2 hours, the time NHS Notify retries a callback
         * @return this builder
         * @throws NhsConfigurationException when shorter
         */
        public Builder retention(Duration value) {
            Objects.requireNonNull(value, "retention");
            if (value.compareTo(MIN_RETENTION) < 0) {
                throw new NhsConfigurationException(
                        "retention must be at least 2 hours: NHS Notify retries a " + "callback for 2 hours");
            }
            this.retention = value;
            return this;
        }

        /**
         * Sets the clock of the first-seen times and the purge (default UTC system clock).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Whether {@link #build()} creates the table when it does not exist (default yes).
         *
         * @param value whether to create it
         * @return this builder
         */
        public Builder createTable(boolean value) {
            this.createTable = value;
            return this;
        }

        /**
         * Builds the store, creating its table when asked.
         *
         * @return the store
         * @throws NhsConfigurationException when the database cannot be reached or the table
         *     cannot be created
         */
        public JdbcNotifyCallbackStore build() {
            return new JdbcNotifyCallbackStore(this);
        }
    }
}
