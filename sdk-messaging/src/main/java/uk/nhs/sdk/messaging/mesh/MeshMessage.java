package uk.nhs.sdk.messaging.mesh;

import java.io.Closeable;
import java.io.InputStream;
import java.util.Objects;

/**
 * A received message: its metadata and its content as one lazy stream across all chunks. Chunk n
 * is downloaded only when reading has used up chunk n-1, and gzip transport encoding is undone
 * chunk by chunk, so memory stays small whatever the message size.
 *
 * <p>Close it when done (try-with-resources): that releases the connection. Receiving does not
 * acknowledge: call {@link MeshClient#acknowledge(String)} once the content is safely stored, or
 * use {@link MeshInboxPoller}, which does so after your handler returns.
 *
 * <pre>{@code
 * try (MeshMessage m = mesh.receive(id)) {
 *     Files.copy(m.content(), target);
 * }
 * mesh.acknowledge(id);
 * }</pre>
 */
public final class MeshMessage implements Closeable {
    private final MeshMessageInfo info;
    private final InputStream content;

    MeshMessage(MeshMessageInfo info, InputStream content) {
        this.info = Objects.requireNonNull(info, "info");
        this.content = Objects.requireNonNull(content, "content");
    }

    /**
     * The metadata.
     *
     * @return the info
     */
    public MeshMessageInfo info() {
        return info;
    }

    /**
     * The message id.
     *
     * @return the id
     */
    public String messageId() {
        return info.messageId();
    }

    /**
     * The content, decoded, across all chunks. A REPORT's content is empty. Reading may throw an
     * {@link java.io.IOException} when a chunk's connection breaks beyond the retries, or one of
     * the SDK's unchecked exceptions when MESH refuses a later chunk.
     *
     * @return the stream (the same one on every call)
     */
    public InputStream content() {
        return content;
    }

    /**
     * Releases the connection; unread content is discarded.
     */
    @Override
    public void close() {
        try {
            content.close();
        } catch (java.io.IOException e) {
            // the connection is discarded either way
        }
    }

    @Override
    public String toString() {
        return "MeshMessage[" + info + "]";
    }
}
