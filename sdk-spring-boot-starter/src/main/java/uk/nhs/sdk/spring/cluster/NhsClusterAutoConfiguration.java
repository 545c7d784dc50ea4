package uk.nhs.sdk.spring.cluster;

import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.messaging.mesh.MeshClient;
import uk.nhs.sdk.messaging.mesh.MeshDeadLetterHandler;
import uk.nhs.sdk.messaging.mesh.MeshInboxPoller;
import uk.nhs.sdk.messaging.mesh.MeshMessageHandler;
import uk.nhs.sdk.messaging.mesh.MeshPollListener;
import uk.nhs.sdk.messaging.mesh.MeshPollLock;
import uk.nhs.sdk.messaging.notify.NotifyCallbackDeduplicator;
import uk.nhs.sdk.messaging.notify.NotifyCallbackStore;
import uk.nhs.sdk.spring.autoconfigure.NhsAutoConfiguration;

/**
 * Running on several replicas: the MESH inbox poller (one replica polls a mailbox at a time,
 * under a ShedLock lock on the application's {@code DataSource}) and the NHS Notify callback
 * de-duplication store (a table on the same {@code DataSource}).
 *
 * <ul>
 *   <li>{@code nhs.mesh.inbox.enabled=true}: a {@link MeshInboxPolling} bean polls the
 *       {@link MeshClient} bean's mailbox every {@code nhs.mesh.inbox.interval} and hands each
 *       message to the application's {@link MeshMessageHandler} bean (and, when present, its
 *       {@link MeshDeadLetterHandler} and {@link MeshPollListener} beans). With a
 *       {@code DataSource} and ShedLock on the classpath each poll takes the mailbox's lock; a
 *       {@link MeshPollLock} bean of the application's own replaces it; otherwise the instance
 *       polls alone and says so at start-up.</li>
 *   <li>{@code nhs.notify.callbacks.deduplication.enabled=true} (by default, when
 *       {@code nhs.notify.enabled} is true): a {@link NotifyCallbackStore}
 *       bean, a {@link JdbcNotifyCallbackStore} with a {@code DataSource}, else the in-memory
 *       {@link NotifyCallbackDeduplicator} (per replica, said at start-up).</li>
 * </ul>
 */
@AutoConfiguration(
        after = NhsAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
        })
@EnableConfigurationProperties({NhsMeshInboxProperties.class, NhsNotifyCallbackStoreProperties.class})
public class NhsClusterAutoConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(NhsClusterAutoConfiguration.class);
    private static final String SHEDLOCK_JDBC =
            "net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider";
    private static final String SPRING_JDBC = "org.springframework.jdbc.core.JdbcTemplate";
    private static final String INBOX = NhsMeshInboxProperties.PREFIX;

    /** Created by Spring. */
    public NhsClusterAutoConfiguration() {
        // nothing to set up
    }

    /**
     * The MESH inbox poller.
     *
     * @param properties {@code nhs.mesh.inbox.*}
     * @param clients the MESH client (required)
     * @param handlers the application's handler (required)
     * @param deadLetters the application's dead-letter handler, if any
     * @param listeners the application's poll listener, if any
     * @param locks the poll lock, if any
     * @param dataSources the application's database, if any (for the start-up line)
     * @param context the application context (its class loader, for the start-up line)
     * @return the poller, started with the context
     */
    @Bean
    @ConditionalOnProperty(prefix = INBOX, name = "enabled", havingValue = "true")
    MeshInboxPolling nhsMeshInboxPolling(
            NhsMeshInboxProperties properties,
            ObjectProvider<MeshClient> clients,
            ObjectProvider<MeshMessageHandler> handlers,
            ObjectProvider<MeshDeadLetterHandler> deadLetters,
            ObjectProvider<MeshPollListener> listeners,
            ObjectProvider<MeshPollLock> locks,
            ObjectProvider<DataSource> dataSources,
            ApplicationContext context) {
        Duration interval = checkInterval(properties.getInterval());
        int maxAttempts = properties.getMaxAttempts();
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new NhsConfigurationException(INBOX + ".max-attempts must be between 1 and 100");
        }
        MeshClient client = clients.getIfUnique();
        if (client == null) {
            throw new NhsConfigurationException(INBOX + ".enabled is true but there is no single MESH client: "
                    + "configure the MESH client under nhs.mesh or define one MeshClient bean");
        }
        MeshMessageHandler handler = handlers.getIfUnique();
        if (handler == null) {
            throw new NhsConfigurationException(INBOX + ".enabled is true but there is no single MeshMessageHandler "
                    + "bean to hand the messages to");
        }
        MeshPollLock lock = locks.getIfUnique();
        String mailbox = client.mailbox();
        if (lock != null) {
            LOG.info("MESH inbox {}: polling every {}, one replica at a time under {}", mailbox, interval, lock);
        } else {
            LOG.info(
                    "MESH inbox {}: polling every {} from this instance alone ({}); replicas sharing this mailbox "
                            + "would each poll it",
                    mailbox,
                    interval,
                    whyAlone(properties, dataSources, context.getClassLoader()));
        }
        MeshDeadLetterHandler deadLetter = deadLetters.getIfUnique();
        MeshPollListener listener = listeners.getIfUnique();
        MeshPollLock pollLock = lock != null ? lock : MeshPollLock.none();
        return new MeshInboxPolling(
                () -> {
                    MeshInboxPoller.Builder b = MeshInboxPoller.builder(client)
                            .handler(handler)
                            .interval(interval)
                            .maxAttempts(maxAttempts)
                            .lock(pollLock);
                    if (deadLetter != null) {
                        b.deadLetter(deadLetter);
                    }
                    if (listener != null) {
                        b.listener(listener);
                    }
                    return b.build();
                },
                mailbox,
                lock != null,
                properties.getShutdownTimeout());
    }

    private static Duration checkInterval(Duration interval) {
        if (interval == null
                || interval.compareTo(MeshInboxPoller.MIN_INTERVAL) < 0
                || interval.compareTo(MeshInboxPoller.MAX_INTERVAL) > 0) {
            throw new NhsConfigurationException(
                    INBOX + ".interval must be between 5 minutes and 24 hours, as MESH " + "asks");
        }
        return interval;
    }

    private static String whyAlone(
            NhsMeshInboxProperties properties, ObjectProvider<DataSource> dataSources, ClassLoader loader) {
        if (!properties.getLock().isEnabled()) {
            return INBOX + ".lock.enabled is false";
        }
        if (dataSources.getIfUnique() == null) {
            return "no DataSource";
        }
        if (!ClassUtils.isPresent(SHEDLOCK_JDBC, loader) || !ClassUtils.isPresent(SPRING_JDBC, loader)) {
            return "ShedLock is not on the classpath: add net.javacrumbs.shedlock:shedlock-provider-jdbc-template "
                    + "and spring-jdbc";
        }
        return "no MeshPollLock";
    }

    /**
     * The NHS Notify callback de-duplication store.
     *
     * @param properties {@code nhs.notify.callbacks.deduplication.*}
     * @param dataSources the application's database, if any
     * @return the JDBC store with a database, else the in-memory one
     */
    @Bean
    @Conditional(NotifyCallbackStoreEnabled.class)
    @ConditionalOnMissingBean(NotifyCallbackStore.class)
    NotifyCallbackStore nhsNotifyCallbackStore(
            NhsNotifyCallbackStoreProperties properties, ObjectProvider<DataSource> dataSources) {
        String prefix = NhsNotifyCallbackStoreProperties.PREFIX;
        DataSource dataSource = dataSources.getIfUnique();
        if (dataSource == null) {
            int capacity = properties.getCapacity();
            if (capacity < 1 || capacity > 10_000_000) {
                throw new NhsConfigurationException(prefix + ".capacity must be between 1 and 10,000,000");
            }
            LOG.info("NHS Notify callbacks: de-duplicated in this instance's memory only (no DataSource), so a "
                    + "callback delivered to another replica, or after a restart, is handled again");
            return NotifyCallbackDeduplicator.bounded(capacity);
        }
        Duration retention = properties.getRetention();
        if (retention == null || retention.compareTo(JdbcNotifyCallbackStore.MIN_RETENTION) < 0) {
            throw new NhsConfigurationException(
                    prefix + ".retention must be at least 2 hours: NHS Notify retries a " + "callback for 2 hours");
        }
        String table = JdbcTables.checkName(prefix + ".table-name", properties.getTableName());
        JdbcNotifyCallbackStore store = JdbcNotifyCallbackStore.builder(dataSource)
                .tableName(table)
                .retention(retention)
                .createTable(properties.isCreateTable())
                .build();
        LOG.info(
                "NHS Notify callbacks: de-duplicated across replicas in table {} on the application's DataSource, "
                        + "keys kept {}",
                table,
                retention);
        return store;
    }

    /**
     * {@code nhs.notify.callbacks.deduplication.enabled}, or when it is not set
     * {@code nhs.notify.enabled}.
     */
    static final class NotifyCallbackStoreEnabled implements Condition {
        NotifyCallbackStoreEnabled() {}

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String own = context.getEnvironment().getProperty(NhsNotifyCallbackStoreProperties.PREFIX + ".enabled");
            String notify = context.getEnvironment().getProperty("nhs.notify.enabled", "false");
            return Boolean.parseBoolean((own != null ? own : notify).trim());
        }
    }

    /**
     * The poll lock through ShedLock on the application's {@code DataSource}, when ShedLock's JDBC
     * provider and Spring JDBC are on the classpath.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {SHEDLOCK_JDBC, SPRING_JDBC})
    @ConditionalOnProperty(prefix = INBOX, name = "enabled", havingValue = "true")
    @ConditionalOnSingleCandidate(DataSource.class)
    static class ShedLockConfiguration {
        ShedLockConfiguration() {}

        /**
         * The lock, one per mailbox, its table created unless {@code nhs.mesh.inbox.lock.create-table}
         * is false.
         *
         * @param dataSource the application's database
         * @param properties {@code nhs.mesh.inbox.*}
         * @return the lock
         */
        @Bean
        @ConditionalOnProperty(prefix = INBOX + ".lock", name = "enabled", havingValue = "true", matchIfMissing = true)
        @ConditionalOnMissingBean(MeshPollLock.class)
        MeshPollLock nhsMeshPollLock(DataSource dataSource, NhsMeshInboxProperties properties) {
            NhsMeshInboxProperties.Lock lock = properties.getLock();
            Duration interval = checkInterval(properties.getInterval());
            Duration lease = lock.getLease();
            if (lease == null || lease.compareTo(interval) < 0) {
                throw new NhsConfigurationException(INBOX + ".lock.lease must be at least " + INBOX + ".interval: the "
                        + "lock is held for the interval after each poll");
            }
            String table = JdbcTables.checkName(INBOX + ".lock.table-name", lock.getTableName());
            if (lock.isCreateTable()) {
                JdbcTables.createIfAbsent(dataSource, table, ShedLockMeshPollLock.ddl(table));
            }
            return ShedLockMeshPollLock.jdbc(dataSource, table, lock.isUseDbTime(), lease, interval);
        }
    }
}
