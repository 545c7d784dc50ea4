package uk.nhs.sdk.messaging.mesh;

import java.io.Closeable;
import java.io.InputStream;
import java.util.Objects;
import uk.nhs.sdk.messaging.mesh.internal.ChunkedDownloadStream;

/**
 * A received message: its metadata and its content as one lazy stream across all chunks. Chunk n
 * is downloaded only when reading has used up chunk n-1, and gzip transport encoding is undone
 * chunk by chunk, so memory stays small whatever the message size.
 *
 * <p>Close it when done (try-with-resources): that releases the connection. Receiving does not
 * acknowledge: call {@link MeshClient#acknowledge(String)} once the content is safely stored, or
 * use {@link MeshClient#receiveAll(MeshMessageHandler)} or {@link MeshInboxPoller}, which do so
 * after your handler returns.
 *
 * <pre>{@code
 * try (MeshMessage m = mesh.receive(id)) {
 *     Files.copy(m.content(), target);
 * }
 * mesh.acknowledge(id);
 * }</pre>
 *
 * <p><b>Read to the end, or accept.</b> {@code receiveAll} and the poller acknowledge a message
 * only when its handler returned normally <em>and</em> the content was read to its end (a stream
 * read until it returned -1, as {@code Files.copy}, {@code transferTo} and {@code readAllBytes}
 * do, or whose every byte was read before it was closed, as a parser in try-with-resources does),
 * so a handler that stopped early, or swallowed a failed read, never causes a message to be
 * acknowledged that was not stored whole. A handler that does not need the content (it routes by
 * metadata, or deliberately drops the message) says so with {@link #accept()}. A REPORT has no
 * content, so it counts as read.
 */
public final class MeshMessage implements Closeable {
    private final MeshMessageInfo info;
    private final InputStream content;
    private final ChunkedDownloadStream chunked;
    private volatile boolean accepted;

    /** A message without content (a REPORT). */
    MeshMessage(MeshMessageInfo info) {
        this(info, InputStream.nullInputStream(), null);
    }

    /** A message whose content is the chunks of {@code content}. */
    MeshMessage(MeshMessageInfo info, ChunkedDownloadStream content) {
        this(info, content, Objects.requireNonNull(content, "content"));
    }

    private MeshMessage(MeshMessageInfo info, InputStream content, ChunkedDownloadStream chunked) {
        this.info = Objects.requireNonNull(info, "info");
        this.content = content;
        this.chunked = chunked;
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
     * the SDK's unchecked exceptions: {@link uk.nhs.sdk.core.error.NhsTimeoutException} when a
     * chunk is not read within the client's transfer deadline
     * ({@link MeshClient.Builder#transferDeadline}) or keeps stalling, and others when MESH refuses
     * a later chunk or answers it with a chunk range that does not fit
     * ({@link uk.nhs.sdk.core.error.NhsDecodeException}). After any such failure every read throws.
     *
     * @return the stream (the same one on every call)
     */
    public InputStream content() {
        return content;
    }

    /**
     * Marks the message as handled although its content was not (or not wholly) read, so that
     * {@link MeshClient#receiveAll(MeshMessageHandler)} and {@link MeshInboxPoller} acknowledge it
     * when the handler returns normally. Call it only when the content is not needed: an
     * acknowledged message is gone from MESH. Has no effect when the handler throws, and none on
     * {@link MeshClient#receive(String)} (which never acknowledges).
     */
    public void accept() {
        accepted = true;
    }

    /**
     * Whether the handler may be taken to have handled the message: it called {@link #accept()}
     * or the content was read to its end.
     */
    boolean handled() {
        return accepted || chunked == null || chunked.readToEnd();
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
