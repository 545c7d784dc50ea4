package uk.nhs.sdk.spring.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The MESH inbox poller's settings, under {@code nhs.mesh.inbox}.
 */
@ConfigurationProperties(prefix = NhsMeshInboxProperties.PREFIX)
public class NhsMeshInboxProperties {
    /** The prefix of these properties. */
    public static final String PREFIX = "nhs.mesh.inbox";

    /**
     * Whether the application polls its MESH inbox and hands each message to its
     * MeshMessageHandler bean.
     */
    private boolean enabled;

    /** The wait between polls: 5 minutes (MESH's shortest) to 24 hours. */
    private Duration interval = Duration.ofMinutes(5);

    /**
     * How many times a message's handler may fail before the message goes to the
     * MeshDeadLetterHandler bean (by default it is left in the inbox), 1 to 100.
     */
    private int maxAttempts = 5;

    /** How long context shutdown waits for a poll in progress to finish its current message. */
    private Duration shutdownTimeout = Duration.ofSeconds(30);

    /** The cluster lock that lets one replica poll at a time. */
    private final Lock lock = new Lock();

    /** Creates the properties with their defaults. */
    public NhsMeshInboxProperties() {
        // defaults are the field initialisers
    }

    /**
     * Whether the poller runs.
     *
     * @return {@code true} when enabled
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets whether the poller runs.
     *
     * @param enabled whether to poll
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * The wait between polls.
     *
     * @return the interval
     */
    public Duration getInterval() {
        return interval;
    }

    /**
     * Sets the wait between polls.
     *
     * @param interval 5 minutes to 24 hours
     */
    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    /**
     * How many handler failures dead-letter a message.
     *
     * @return the count
     */
    public int getMaxAttempts() {
        return maxAttempts;
    }

    /**
     * Sets how many handler failures dead-letter a message.
     *
     * @param maxAttempts 1 to 100
     */
    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /**
     * How long shutdown waits for a poll in progress.
     *
     * @return the timeout
     */
    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    /**
     * Sets how long shutdown waits for a poll in progress.
     *
     * @param shutdownTimeout the timeout
     */
    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    /**
     * The cluster lock's settings.
     *
     * @return the lock settings
     */
    public Lock getLock() {
        return lock;
    }

    /**
     * The cluster lock's settings, under {@code nhs.mesh.inbox.lock}: ShedLock on the
     * application's {@code DataSource}.
     */
    public static class Lock {
        /**
         * Whether polls take the cluster lock when the application has a DataSource (and ShedLock
         * is on the classpath); without it every replica polls.
         */
        private boolean enabled = true;

        /**
         * The lock's lease (ShedLock's lockAtMostFor): a replica that dies while polling holds the
         * lock this long, then another takes over. At least the interval, and longer than the
         * longest poll.
         */
        private Duration lease = Duration.ofMinutes(15);

        /** The ShedLock table (name, lock_until, locked_at, locked_by). */
        private String tableName = "shedlock";

        /** Whether the starter creates the ShedLock table when it does not exist. */
        private boolean createTable = true;

        /**
         * Whether lock times come from the database's clock (recommended: replicas' clocks may
         * differ) instead of each replica's.
         */
        private boolean useDbTime = true;

        /** Creates the settings with their defaults. */
        public Lock() {
            // defaults are the field initialisers
        }

        /**
         * Whether polls take the lock.
         *
         * @return {@code true} by default
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Sets whether polls take the lock.
         *
         * @param enabled whether to lock
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * The lock's lease.
         *
         * @return the lease
         */
        public Duration getLease() {
            return lease;
        }

        /**
         * Sets the lock's lease.
         *
         * @param lease at least the interval
         */
        public void setLease(Duration lease) {
            this.lease = lease;
        }

        /**
         * The ShedLock table's name.
         *
         * @return the name
         */
        public String getTableName() {
            return tableName;
        }

        /**
         * Sets the ShedLock table's name.
         *
         * @param tableName a table name, optionally schema-qualified
         */
        public void setTableName(String tableName) {
            this.tableName = tableName;
        }

        /**
         * Whether the starter creates the table.
         *
         * @return {@code true} by default
         */
        public boolean isCreateTable() {
            return createTable;
        }

        /**
         * Sets whether the starter creates the table.
         *
         * @param createTable whether to create it
         */
        public void setCreateTable(boolean createTable) {
            this.createTable = createTable;
        }

        /**
         * Whether lock times come from the database's clock.
         *
         * @return {@code true} by default
         */
        public boolean isUseDbTime() {
            return useDbTime;
        }

        /**
         * Sets whether lock times come from the database's clock.
         *
         * @param useDbTime whether to use the database's clock
         */
        public void setUseDbTime(boolean useDbTime) {
            this.useDbTime = useDbTime;
        }
    }
}
