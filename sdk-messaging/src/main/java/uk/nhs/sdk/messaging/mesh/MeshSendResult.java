package uk.nhs.sdk.messaging.mesh;

import java.util.Objects;

/**
 * What MESH accepted: the message id it gave, the local id that was sent (generated when the
 * request had none), and the number of chunks uploaded.
 */
public final class MeshSendResult {
    private final String messageId;
    private final String localId;
    private final int chunks;

    MeshSendResult(String messageId, String localId, int chunks) {
        this.messageId = Objects.requireNonNull(messageId, "messageId");
        this.localId = Objects.requireNonNull(localId, "localId");
        this.chunks = chunks;
    }

    /**
     * The message id MESH gave; keep it for tracking.
     *
     * @return the message id
     */
    public String messageId() {
        return messageId;
    }

    /**
     * The local id sent as {@code mex-LocalID}.
     *
     * @return the local id
     */
    public String localId() {
        return localId;
    }

    /**
     * The number of chunks the message was sent in.
     *
     * @return at least 1
     */
    public int chunks() {
        return chunks;
    }

    @Override
    public String toString() {
        return "MeshSendResult[messageId=" + messageId + ", chunks=" + chunks + "]";
    }
}
