package uk.nhs.sdk.messaging.mesh;

import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsSdkException;

/**
 * A chunked send stopped part-way: MESH accepted the message's first request (so it has a
 * message id) but a later chunk could not be uploaded, even after retries. MESH delivers the
 * message only once every chunk has arrived; until then tracking shows it as uploading.
 *
 * <p>Upload the rest with {@link MeshClient#resumeSend(MeshSendRequest, java.nio.file.Path, String, int)}
 * (same request, same content) starting at {@link #nextChunk()}. The cause is the failure of that
 * chunk ({@link uk.nhs.sdk.core.error.NhsServiceException}, a transport failure, or an
 * {@link java.io.UncheckedIOException} when the content could not be read).
 */
public class MeshSendIncompleteException extends NhsSdkException {
    private static final long serialVersionUID = 1L;

    /** The message id MESH gave. */
    private final String messageId;
    /** The local id sent with the message. */
    private final String localId;
    /** The first chunk not uploaded. */
    private final int nextChunk;
    /** The message's chunk count. */
    private final int totalChunks;

    /**
     * Creates the exception.
     *
     * @param messageId the message id MESH gave
     * @param localId the local id sent with the message
     * @param nextChunk the first chunk that was not uploaded
     * @param totalChunks the message's chunk count
     * @param cause why the chunk failed
     */
    public MeshSendIncompleteException(
            String messageId, String localId, int nextChunk, int totalChunks, Throwable cause) {
        super(
                "MESH send incomplete: chunk " + nextChunk + " of " + totalChunks
                        + " was not uploaded; the message is not delivered until its remaining chunks are uploaded"
                        + (cause instanceof NhsSdkException
                                ? ((NhsSdkException) cause).details().describe()
                                : ""),
                cause instanceof NhsSdkException ? ((NhsSdkException) cause).details() : CallDetails.none(),
                cause);
        this.messageId = messageId;
        this.localId = localId;
        this.nextChunk = nextChunk;
        this.totalChunks = totalChunks;
    }

    /**
     * The message id MESH gave the message.
     *
     * @return the message id
     */
    public String messageId() {
        return messageId;
    }

    /**
     * The local id sent with the message.
     *
     * @return the local id
     */
    public String localId() {
        return localId;
    }

    /**
     * The first chunk that was not uploaded (chunks before it were accepted).
     *
     * @return the chunk number, from 2
     */
    public int nextChunk() {
        return nextChunk;
    }

    /**
     * The message's chunk count.
     *
     * @return the total
     */
    public int totalChunks() {
        return totalChunks;
    }
}
