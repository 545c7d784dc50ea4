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
     * A message was left in the inbox: receiving it, its handler, or its acknowledgement failed.
     * It is offered again on the next poll.
     *
     * @param messageId the message id
     * @param error what failed
     */
    default void messageFailed(String messageId, Exception error) {
        Logger log = LoggerFactory.getLogger(MeshInboxPoller.class);
        log.warn("MESH message {} left in the inbox: {}", messageId, error.getClass().getName());
    }

    /**
     * A poll failed with a transient error (connection, 429, 5xx); the poller tries again after its
     * interval.
     *
     * @param error the failure
     */
    default void pollFailed(NhsSdkException error) {
        Logger log = LoggerFactory.getLogger(MeshInboxPoller.class);
        log.warn("MESH inbox poll failed, retrying after the interval: {}", error.getClass().getName());
    }
}
