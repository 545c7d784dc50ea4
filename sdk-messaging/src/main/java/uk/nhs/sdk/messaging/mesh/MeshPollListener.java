package uk.nhs.sdk.messaging.mesh;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.sdk.core.error.NhsSdkException;

/**
 * Told by a running {@link MeshInboxPoller} what went wrong, since nobody else sees it. The
 * default implementation logs at WARN the message id and the exception's class only (exception
 * messages from a handler can carry patient data).
 */
public interface MeshPollListener {
    /**
     * A message was left in the inbox: receiving it, its handler, or its acknowledgement failed,
     * or the handler returned without reading its content ({@link MeshMessageNotReadException}).
     * It is offered again on the next poll (or to the dead-letter handler once its handler has
     * failed too often).
     *
     * @param messageId the message id
     * @param error what failed
     */
    default void messageFailed(String messageId, Exception error) {
        Logger log = LoggerFactory.getLogger(MeshInboxPoller.class);
        log.warn(
                "MESH message {} left in the inbox: {}",
                messageId,
                error.getClass().getName());
    }

    /**
     * A poll was skipped because another replica holds the mailbox's {@link MeshPollLock}. Nothing
     * is logged by default: with several replicas this is the normal case.
     *
     * @param mailboxId the mailbox
     */
    default void pollSkipped(String mailboxId) {
        // the normal case for every replica but one
    }

    /**
     * A poll failed (connection, 429, 5xx, 401, 403, a body that cannot be read); the poller tries
     * again after its backoff. Repeated 401 or 403 need new credentials: alert on them.
     *
     * @param error the failure
     */
    default void pollFailed(NhsSdkException error) {
        Logger log = LoggerFactory.getLogger(MeshInboxPoller.class);
        log.warn(
                "MESH inbox poll failed, polling again after a backoff: {}",
                error.getClass().getName());
    }
}
