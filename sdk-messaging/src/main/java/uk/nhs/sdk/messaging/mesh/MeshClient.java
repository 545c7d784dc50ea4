package uk.nhs.sdk.messaging.mesh;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import uk.nhs.sdk.core.CallOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.messaging.mesh.internal.ChunkSource;
import uk.nhs.sdk.messaging.mesh.internal.DurableFiles;
import uk.nhs.sdk.messaging.mesh.internal.MeshValidation;

/**
 * The MESH API v2 client for one mailbox: handshake, send (streamed, chunked, optionally gzipped),
 * inbox listing and paging, lazy chunked receive, acknowledge, tracking and mailbox lookup.
 *
 * <pre>{@code
 * MeshClient mesh = MeshClient.builder().environment(NhsEnvironment.INTEGRATION)
 *     .mailbox("X26ABC1").password(Secret.of(pw)).sharedKey(Secret.of(key))
 *     .options(NhsClientOptions.builder().tls(TlsConfig.fromPkcs12(p12, p12Password, caBundle)).build())
 *     .build();
 * MeshSendResult sent = mesh.send(MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW").build(), Path.of("data.csv"));
 * }</pre>
 *
 * <p>Every call sends {@code Accept: application/vnd.mesh.v2+json} and a fresh NHSMESH
 * {@code Authorization} header per attempt. Errors are the SDK's typed exceptions with MESH's
 * error code in {@link NhsServiceException#errorCode()}; MESH-specific statuses have their own
 * types ({@link MeshRejectedException} 417, {@link MeshMessageGoneException} 410,
 * {@link MeshMessageFinalisedException} 423, {@link MeshLocalIdNotUniqueException} 300). A body
 * that cannot be read is an {@link NhsDecodeException} that never carries the body's text, not
 * even in its cause.
 *
 * <p><b>Retries.</b> Reads, the acknowledgement, the handshake and chunk uploads 2..n are retried
 * on connection failures, 408, 429, 502, 503 and 504. The message's first request is retried only
 * on 429 and 503, which prove MESH did not store it (honouring {@code Retry-After}, the backoff and
 * the deadline); it is never replayed otherwise once any byte was sent: an unknown outcome (no
 * answer, a 500, 502 or 504, or an answer without a message id) throws
 * {@link NhsTransportException} with {@code outcomeUnknown()} and the local id in
 * {@code reconcileId()}; check {@link #trackByLocalId(String)} before sending again. Once MESH has
 * accepted a message, a local clean-up failure (a spool file that cannot be deleted) is logged,
 * never thrown.
 *
 * <p><b>Memory.</b> Sending holds at most a 64 KiB copy buffer (plus the deflater when
 * compressing): uncompressed chunks of a file or array are read straight from their slice;
 * compressed chunks and chunks of a stream are staged one at a time in a temporary file in
 * {@link Builder#spoolDirectory(Path)} (so a chunk can be retried with a known length). A stream
 * of unknown length is first copied to a temporary file to learn its chunk count. Receiving
 * streams one chunk at a time.
 *
 * <p><b>Deadlines.</b> Each chunk transfer (a download read at the reader's pace, an upload with
 * its retries) has {@link Builder#transferDeadline(Duration)} (30 minutes by default) instead of
 * the options' deadline; every other call has the options' deadline. A chunk upload attempt must
 * also fit the options' attempt timeout: raise it for large chunks on slow links.
 *
 * <p>Immutable and thread-safe; build once per mailbox and share. The work is done by focused
 * package-private parts: sending ({@code MeshSender}), the inbox ({@code MeshInboxReader}),
 * receiving ({@code MeshReceiver}, {@code MeshInboxDrain}) and housekeeping ({@code MeshAdmin}).
 */
public final class MeshClient implements AutoCloseable {
    /** The service name in logs and errors. */
    public static final String SERVICE = "MESH";
    /** The default chunk size: 20 MiB. */
    public static final int DEFAULT_CHUNK_SIZE = 20 * 1024 * 1024;
    /** The default deadline of one chunk transfer ({@link Builder#transferDeadline}): 30 minutes. */
    public static final Duration DEFAULT_TRANSFER_DEADLINE = Duration.ofMinutes(30);

    private final MeshCalls calls;
    private final MeshAdmin admin;
    private final MeshSender sender;
    private final MeshInboxReader inbox;
    private final MeshReceiver receiver;

    MeshClient(MeshCalls calls) {
        this.calls = calls;
        this.admin = new MeshAdmin(calls);
        this.sender = new MeshSender(calls, admin);
        this.inbox = new MeshInboxReader(calls);
        this.receiver = new MeshReceiver(calls, DurableFiles.FSYNC);
    }

    /**
     * Starts a builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A view of this client whose calls use the given overrides (deadline, extra headers,
     * correlation id); it shares this client's connections, credentials, circuit breaker and retry
     * budget. When the overrides set a deadline, each chunk transfer gets it too, instead of the
     * client's transfer deadline.
     *
     * @param options the overrides
     * @return the view; closing it releases nothing
     */
    public MeshClient withCallOptions(CallOptions options) {
        return new MeshClient(calls.withCallOptions(options));
    }

    /**
     * Releases the connection pool this client created; a transport it was given is left open.
     */
    @Override
    public void close() {
        calls.http.close();
    }

    /**
     * This client's mailbox id (upper case).
     *
     * @return the mailbox id
     */
    public String mailbox() {
        return calls.mailbox;
    }

    /**
     * The base URL.
     *
     * @return the MESH host this client calls
     */
    public URI baseUrl() {
        return calls.http.baseUrl();
    }

    NhsClientOptions options() {
        return calls.options;
    }

    MeshCalls calls() {
        return calls;
    }

    // ---------------------------------------------------------------- handshake

    /**
     * Validates the mailbox ("handshake"): MESH asks for one every 24 hours to keep the mailbox
     * active. Sends {@code mex-ClientVersion}, {@code mex-OSName}, {@code mex-OSVersion},
     * {@code mex-OSArchitecture} and {@code mex-JavaVersion}.
     *
     * @throws NhsServiceException when MESH refuses (403 for bad credentials)
     * @throws NhsTransportException when MESH cannot be reached
     */
    public void handshake() {
        admin.handshake();
    }

    // ---------------------------------------------------------------- send

    /**
     * Sends a message whose content is in memory.
     *
     * @param request recipient, workflow and metadata
     * @param content the content (not copied; do not change it while sending); must not be empty
     * @return the message id and local id
     * @throws NhsValidationException when the content is empty, before any I/O
     * @throws MeshRejectedException when MESH refuses the message (417, such as code 12)
     * @throws NhsTransportException with {@code outcomeUnknown()} and the local id in
     *     {@code reconcileId()} when the first request's outcome is unknown (no answer, or a 500,
     *     502 or 504), or MESH accepted it without a readable message id
     * @throws MeshSendIncompleteException when a later chunk could not be uploaded
     */
    public MeshSendResult send(MeshSendRequest request, byte[] content) {
        Objects.requireNonNull(content, "content");
        return sender.send(
                request, (size, gzip) -> ChunkSource.ofBytes(content, size, gzip, calls.spoolDirectory), null, 1);
    }

    /**
     * Sends a file, reading it one chunk at a time.
     *
     * @param request recipient, workflow and metadata
     * @param content the file; must not be empty
     * @return the message id and local id
     * @throws NhsValidationException when the file is empty, before any I/O
     * @throws UncheckedIOException when the file cannot be read
     * @throws MeshRejectedException when MESH refuses the message
     * @throws NhsTransportException with {@code outcomeUnknown()} when the first request's outcome
     *     is unknown
     * @throws MeshSendIncompleteException when a later chunk could not be uploaded
     */
    public MeshSendResult send(MeshSendRequest request, Path content) {
        Objects.requireNonNull(content, "content");
        return sender.send(
                request, (size, gzip) -> ChunkSource.ofFile(content, size, gzip, calls.spoolDirectory), null, 1);
    }

    /**
     * Sends a stream of known length, reading it one chunk at a time (each chunk is staged in the
     * spool directory so it can be retried). The stream is not closed.
     *
     * @param request recipient, workflow and metadata
     * @param content the content
     * @param length the exact number of bytes the stream holds; at least 1
     * @return the message id and local id
     * @throws NhsValidationException when the length is below 1, before any I/O
     * @throws UncheckedIOException when the stream fails or is shorter or longer than
     *     {@code length} before anything was sent
     * @throws MeshRejectedException when MESH refuses the message
     * @throws NhsTransportException with {@code outcomeUnknown()} when the first request's outcome
     *     is unknown
     * @throws MeshSendIncompleteException when a later chunk could not be read or uploaded
     */
    public MeshSendResult send(MeshSendRequest request, InputStream content, long length) {
        Objects.requireNonNull(content, "content");
        MeshSender.SourceOpener chunks =
                (size, gzip) -> ChunkSource.ofStream(content, length, size, gzip, calls.spoolDirectory);
        return sender.send(request, chunks, null, 1);
    }

    /**
     * Sends a stream of unknown length. MESH needs the chunk count in the first request, so the
     * stream is first copied to a temporary file in the spool directory (memory stays bounded;
     * disk holds the whole message until the send ends). The stream is not closed.
     *
     * @param request recipient, workflow and metadata
     * @param content the content, read to its end
     * @return the message id and local id
     * @throws NhsValidationException when the stream is empty, before any call to MESH
     * @throws UncheckedIOException when the stream or the temporary file fails
     * @throws MeshRejectedException when MESH refuses the message
     * @throws NhsTransportException with {@code outcomeUnknown()} when the first request's outcome
     *     is unknown
     * @throws MeshSendIncompleteException when a later chunk could not be uploaded
     */
    public MeshSendResult send(MeshSendRequest request, InputStream content) {
        Objects.requireNonNull(content, "content");
        MeshSender.SourceOpener chunks =
                (size, gzip) -> ChunkSource.ofStreamOfUnknownLength(content, size, gzip, calls.spoolDirectory);
        return sender.send(request, chunks, null, 1);
    }

    /**
     * Uploads the remaining chunks of a send that stopped part-way
     * ({@link MeshSendIncompleteException}). Pass the same request and the same file: chunks are
     * cut again with the request's chunk size (or the client's) and compression.
     *
     * @param request the request of the original send
     * @param content the same file
     * @param messageId the message id MESH gave ({@link MeshSendIncompleteException#messageId()})
     * @param fromChunk the first chunk to upload ({@link MeshSendIncompleteException#nextChunk()}), 2 or more
     * @return the result; its local id is the request's, or empty text when the request had none
     * @throws MeshMessageFinalisedException when the message no longer accepts chunks (423) and
     *     is not complete either (when the resume starts at the last chunk and tracking shows the
     *     message accepted, the interrupted send's last attempt arrived: this returns normally)
     * @throws MeshSendIncompleteException when a chunk fails again
     * @throws NhsValidationException when {@code fromChunk} is not between 2 and the chunk count
     * @throws UncheckedIOException when the file cannot be read
     */
    public MeshSendResult resumeSend(MeshSendRequest request, Path content, String messageId, int fromChunk) {
        Objects.requireNonNull(content, "content");
        MeshValidation.messageId("messageId", messageId);
        MeshSender.SourceOpener chunks = (size, gzip) -> ChunkSource.ofFile(content, size, gzip, calls.spoolDirectory);
        return sender.send(request, chunks, messageId, fromChunk);
    }

    /**
     * Uploads the remaining chunks of a send of in-memory content that stopped part-way.
     *
     * @param request the request of the original send
     * @param content the same content
     * @param messageId the message id MESH gave
     * @param fromChunk the first chunk to upload, 2 or more
     * @return the result
     * @throws MeshMessageFinalisedException when the message no longer accepts chunks (423) and
     *     is not complete either (see {@link #resumeSend(MeshSendRequest, Path, String, int)})
     * @throws MeshSendIncompleteException when a chunk fails again
     * @throws NhsValidationException when {@code fromChunk} is not between 2 and the chunk count
     */
    public MeshSendResult resumeSend(MeshSendRequest request, byte[] content, String messageId, int fromChunk) {
        Objects.requireNonNull(content, "content");
        MeshValidation.messageId("messageId", messageId);
        MeshSender.SourceOpener chunks = (size, gzip) -> ChunkSource.ofBytes(content, size, gzip, calls.spoolDirectory);
        return sender.send(request, chunks, messageId, fromChunk);
    }

    // ---------------------------------------------------------------- inbox

    /**
     * Lists the first inbox page in MESH's default page size.
     *
     * @return the page
     */
    public MeshInboxPage inbox() {
        return inbox.inbox(MeshInboxQuery.all());
    }

    /**
     * Lists one inbox page.
     *
     * @param query page size, workflow filter and continuation
     * @return the page; {@link MeshInboxPage#nextPage()} gives the query for the next one
     */
    public MeshInboxPage inbox(MeshInboxQuery query) {
        return inbox.inbox(query);
    }

    /**
     * Every inbox page, fetched lazily as the iteration advances (following {@code links.next},
     * including past empty pages, and ending where a next link leads back to a page already listed).
     *
     * @param query the first page's query
     * @return the pages
     */
    public Iterable<MeshInboxPage> inboxPages(MeshInboxQuery query) {
        return inbox.inboxPages(query);
    }

    /**
     * Every inbox message id across all pages, fetched lazily.
     *
     * @param query the first page's query
     * @return the ids
     */
    public Iterable<String> inboxMessageIds(MeshInboxQuery query) {
        return inbox.inboxMessageIds(query);
    }

    /**
     * The number of messages ready to download (MESH marks this endpoint deprecated: prefer
     * {@link MeshInboxPage#approximateInboxCount()}).
     *
     * @return the count
     */
    public long inboxCount() {
        return inbox.inboxCount();
    }

    // ---------------------------------------------------------------- receive

    /**
     * A message's metadata without its content ({@code HEAD}).
     *
     * @param messageId the message id
     * @return the metadata
     * @throws uk.nhs.sdk.core.error.ResourceNotFoundException when there is no such message (404)
     * @throws MeshMessageGoneException when it expired (410)
     */
    public MeshMessageInfo metadata(String messageId) {
        return receiver.metadata(messageId);
    }

    /**
     * Receives a message: its metadata now, its content as a lazy stream across all chunks
     * (chunk n is fetched when chunk n-1 has been read; gzip transport encoding is undone). A
     * REPORT message has empty content and its error in {@link MeshMessageInfo#report()}. Does
     * not acknowledge.
     *
     * @param messageId the message id
     * @return the message; close it
     * @throws uk.nhs.sdk.core.error.ResourceNotFoundException when there is no such message (404)
     * @throws MeshMessageGoneException when it expired (410)
     * @throws NhsDecodeException when a DATA message's {@code mex-chunk-range} is missing,
     *     malformed, zero, does not start at chunk 1, disagrees with {@code mex-total-chunks} or
     *     with the status (206 while more chunks follow, 200 for the last); reading the content
     *     throws it too when a later chunk answers with another range or a status that disagrees
     */
    public MeshMessage receive(String messageId) {
        return receiver.receive(messageId);
    }

    /**
     * Receives a message into a file: the content is streamed to a temporary file next to
     * {@code target}, forced to the storage device, and then moved over {@code target}
     * (atomically where the file system can), so a crash leaves the old file or the whole new one.
     * Does not acknowledge.
     *
     * @param messageId the message id
     * @param target the file to write (replaced if it exists)
     * @return the metadata
     * @throws NhsValidationException when the message id is invalid or the target's directory
     *     does not exist, before any call to MESH
     * @throws NhsDecodeException when the chunk ranges do not fit (see {@link #receive(String)})
     * @throws NhsTransportException when the download breaks beyond its retries
     * @throws UncheckedIOException when the file cannot be written
     */
    public MeshMessageInfo receiveTo(String messageId, Path target) {
        return receiver.receiveTo(messageId, target);
    }

    /**
     * Acknowledges a message: MESH removes it from the inbox and it cannot be downloaded again.
     * Call it only after the content is stored.
     *
     * @param messageId the message id
     */
    public void acknowledge(String messageId) {
        receiver.acknowledge(messageId);
    }

    /**
     * Drains the inbox once: every page, each message handed to {@code handler} and acknowledged
     * only when the handler returned normally <em>and</em> it read the content to its end or
     * called {@link MeshMessage#accept()} (at-least-once). A message whose download, handler or
     * acknowledgement fails, or whose content the handler left unread
     * ({@link MeshMessageNotReadException}), stays in the inbox and is listed in
     * {@link MeshPollResult#failures()}.
     *
     * @param handler processes each message
     * @return what was acknowledged and what was left
     * @throws NhsSdkException when listing the inbox fails
     */
    public MeshPollResult receiveAll(MeshMessageHandler handler) {
        return receiveAll(MeshInboxQuery.all(), handler);
    }

    /**
     * Drains the inbox once with a query (page size, workflow filter), by the rule of
     * {@link #receiveAll(MeshMessageHandler)}.
     *
     * @param query the first page's query
     * @param handler processes each message
     * @return what was acknowledged and what was left
     * @throws NhsSdkException when listing the inbox fails
     */
    public MeshPollResult receiveAll(MeshInboxQuery query, MeshMessageHandler handler) {
        return new MeshInboxDrain(this, handler, MeshInboxDrain.UNLIMITED, MeshDeadLetterHandler.leaveInInbox())
                .drain(query);
    }

    // ---------------------------------------------------------------- tracking and lookup

    /**
     * Tracks a sent message by its message id. MESH asks that this is not polled frequently.
     *
     * @param messageId the message id {@link #send(MeshSendRequest, byte[])} returned
     * @return the tracking information
     * @throws uk.nhs.sdk.core.error.ResourceNotFoundException when the message is unknown or not
     *     this mailbox's
     */
    public MeshTrackingInfo track(String messageId) {
        return admin.track(messageId);
    }

    /**
     * Tracks a sent message by its local id: how to find out whether a send with an unknown
     * outcome reached MESH. MESH marks this endpoint deprecated but keeps it for this purpose.
     *
     * @param localId the local id
     * @return the tracking information
     * @throws uk.nhs.sdk.core.error.ResourceNotFoundException when no message has that local id
     * @throws MeshLocalIdNotUniqueException when several do (300)
     */
    public MeshTrackingInfo trackByLocalId(String localId) {
        return admin.trackByLocalId(localId);
    }

    /**
     * Finds the mailboxes of an organisation that receive a workflow.
     *
     * @param odsCode the organisation's ODS code
     * @param workflowId the workflow id
     * @return the mailboxes, possibly none (unmodifiable)
     */
    public List<MeshMailbox> lookup(OdsCode odsCode, String workflowId) {
        return admin.lookup(odsCode, workflowId);
    }

    /**
     * Finds the mailboxes that receive a workflow.
     *
     * @param workflowId the workflow id
     * @return the mailboxes, possibly none (unmodifiable)
     */
    public List<MeshMailbox> workflowSearch(String workflowId) {
        return admin.workflowSearch(workflowId);
    }

    @Override
    public String toString() {
        return "MeshClient[" + calls.mailbox + " " + calls.http.baseUrl() + "]";
    }

    /**
     * Builds a {@link MeshClient}: the host ({@code environment(...)} or {@code baseUrl(...)},
     * from {@link uk.nhs.sdk.core.NhsClientBuilder}), the mailbox and its credentials, the client
     * options and the MESH settings.
     */
    public static final class Builder extends MeshClientBuilder {
        private Builder() {}
    }
}
