package uk.nhs.sdk.messaging.mesh;

import org.slf4j.LoggerFactory;

/**
 * Takes the messages a {@link MeshInboxPoller}'s handler keeps failing on, so one poison message
 * is not retried forever. When a message's handler has failed
 * {@link MeshInboxPoller.Builder#maxAttempts(int)} times, the poller gives that message, at its
 * next delivery, to this handler instead of the message handler, and then does what it returns:
 * {@link MeshDeadLetterAction#ACKNOWLEDGE} acknowledges it, {@link MeshDeadLetterAction#LEAVE_IN_INBOX}
 * leaves it unacknowledged and stops downloading it. A dead-letter handler that throws leaves the
 * message unacknowledged and is asked again at the next poll.
 *
 * <p>Nothing is acknowledged unless this handler says so: the default,
 * {@link #leaveInInbox()}, logs the message id and the last failure's class at WARN and leaves
 * the message in the inbox.
 *
 * <pre>{@code
 * .deadLetter((message, attempts, lastFailure) -> {
 *     quarantine.store(message.messageId(), message.content());   // read it to keep it
 *     return MeshDeadLetterAction.ACKNOWLEDGE;
 * })
 * }</pre>
 */
@FunctionalInterface
public interface MeshDeadLetterHandler {
    /**
     * Deals with a message whose handler kept failing. The message is freshly downloaded; its
     * content can be read (it need not be: the returned action alone decides).
     *
     * @param message the message; closed when this method returns
     * @param failedAttempts how many times the message handler failed on it
     * @param lastFailure the last failure (the handler's exception, or
     *     {@link MeshMessageNotReadException})
     * @return whether to acknowledge the message or leave it in the inbox
     * @throws Exception to leave the message in the inbox and be asked again at the next poll
     */
    MeshDeadLetterAction deadLetter(MeshMessage message, int failedAttempts, Exception lastFailure) throws Exception;

    /**
     * The default: log at WARN (message id, attempts and the failure's class only) and leave the
     * message in the inbox, unacknowledged.
     *
     * @return the handler
     */
    static MeshDeadLetterHandler leaveInInbox() {
        return (message, failedAttempts, lastFailure) -> {
            LoggerFactory.getLogger(MeshInboxPoller.class)
                    .warn(
                            "MESH message {} dead-lettered after {} failed attempts and left in the inbox unacknowledged: {}",
                            message.messageId(),
                            failedAttempts,
                            lastFailure.getClass().getName());
            return MeshDeadLetterAction.LEAVE_IN_INBOX;
        };
    }
}
