/**
 * Running on several replicas: the MESH inbox poller that polls one mailbox from one replica at a
 * time under a ShedLock lock on the application's {@code DataSource}
 * ({@link uk.nhs.sdk.spring.cluster.MeshInboxPolling}), and the JDBC store that de-duplicates NHS
 * Notify callbacks across replicas ({@link uk.nhs.sdk.spring.cluster.JdbcNotifyCallbackStore}),
 * configured by {@link uk.nhs.sdk.spring.cluster.NhsClusterAutoConfiguration}.
 */
package uk.nhs.sdk.spring.cluster;
