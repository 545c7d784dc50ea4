package uk.nhs.sdk.spring.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The NHS Notify callback de-duplication store's settings, under
 * {@code nhs.notify.callbacks.deduplication}.
 */
@ConfigurationProperties(prefix = NhsNotifyCallbackStoreProperties.PREFIX)
public class NhsNotifyCallbackStoreProperties {
    /** The prefix of these properties. */
    public static final String PREFIX = "nhs.notify.callbacks.deduplication";

    /**
     * Whether the starter provides a NotifyCallbackStore bean: on the application's DataSource when
     * it has one (shared by every replica), else in memory (per replica). When not set, it follows
     * nhs.notify.enabled.
     */
    private Boolean enabled;

    /**
     * How long a callback's idempotency key is remembered; older keys are deleted. At least 2
     * hours, the time NHS Notify retries a callback.
     */
    private Duration retention = Duration.ofHours(6);

    /** The table of seen keys (idempotency_key primary key, first_seen). */
    private String tableName = "nhs_notify_callback_seen";

    /** Whether the starter creates the table when it does not exist. */
    private boolean createTable = true;

    /** How many keys the in-memory store keeps when there is no DataSource. */
    private int capacity = 100_000;

    /** Creates the properties with their defaults. */
    public NhsNotifyCallbackStoreProperties() {
        // defaults are the field initialisers
    }

    /**
     * Whether the store bean is provided.
     *
     * @return the setting, or {@code null} to follow {@code nhs.notify.enabled}
     */
    public Boolean getEnabled() {
        return enabled;
    }

    /**
     * Sets whether the store bean is provided.
     *
     * @param enabled whether to provide it
     */
    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * How long keys are remembered.
     *
     * @return the retention
     */
    public Duration getRetention() {
        return retention;
    }

    /**
     * Sets how long keys are remembered.
     *
     * @param retention at least 2 hours
     */
    public void setRetention(Duration retention) {
        this.retention = retention;
    }

    /**
     * The table's name.
     *
     * @return the name
     */
    public String getTableName() {
        return tableName;
    }

    /**
     * Sets the table's name.
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
     * The in-memory store's capacity.
     *
     * @return the number of keys
     */
    public int getCapacity() {
        return capacity;
    }

    /**
     * Sets the in-memory store's capacity.
     *
     * @param capacity 1 to 10,000,000
     */
    public void setCapacity(int capacity) {
        this.capacity = capacity;
    }
}
