package uk.nhs.sdk.messaging.mesh;

/**
 * What happens to a message after {@link MeshDeadLetterHandler} saw it.
 */
public enum MeshDeadLetterAction {
    /**
     * Acknowledge it: MESH removes it from the inbox and the sender sees it as delivered. Choose
     * this only when the dead-letter handler stored the message somewhere it will be dealt with.
     */
    ACKNOWLEDGE,
    /**
     * Leave it in the inbox, unacknowledged. The poller no longer downloads it; MESH removes it
     * after 5 days and sends its sender a non-delivery report (error 14), so the sender learns it
     * was not processed.
     */
    LEAVE_IN_INBOX
}
