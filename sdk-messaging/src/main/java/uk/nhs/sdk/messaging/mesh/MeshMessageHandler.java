package uk.nhs.sdk.messaging.mesh;

/**
 * Processes one received message for {@link MeshClient#receiveAll(MeshMessageHandler)} and
 * {@link MeshInboxPoller}. Returning normally after reading the content to its end means "stored
 * safely": the message is then acknowledged and leaves the inbox. Throwing leaves it
 * unacknowledged, so it is offered again on the next poll (at-least-once delivery: make the
 * handler idempotent, for example by message id). Returning without reading the content to its
 * end also leaves it, unless the handler called {@link MeshMessage#accept()} to say the content is
 * not needed.
 */
@FunctionalInterface
public interface MeshMessageHandler {
    /**
     * Handles a message. Read {@link MeshMessage#content()} here; the stream is closed when this
     * method returns.
     *
     * @param message the message (a DATA message, or a REPORT with {@link MeshMessageInfo#report()})
     * @throws Exception to leave the message in the inbox
     */
    void handle(MeshMessage message) throws Exception;
}
