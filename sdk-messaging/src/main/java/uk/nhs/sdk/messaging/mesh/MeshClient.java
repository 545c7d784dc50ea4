package uk.nhs.sdk.messaging.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.NhsEnvironment;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.AuthProvider;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.error.ServerErrorException;
import uk.nhs.sdk.core.http.Idempotency;
import uk.nhs.sdk.core.http.NhsHttpClient;
import uk.nhs.sdk.core.http.NhsHttpTransport;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsRequestBody;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.core.internal.http.UserAgent;
import uk.nhs.sdk.core.internal.json.Json;
import uk.nhs.sdk.messaging.mesh.internal.ChunkSource;
import uk.nhs.sdk.messaging.mesh.internal.ChunkedDownloadStream;
import uk.nhs.sdk.messaging.mesh.internal.MeshAuthProvider;
import uk.nhs.sdk.messaging.mesh.internal.MeshErrorDecoder;
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
 * {@link MeshMessageFinalisedException} 423, {@link MeshLocalIdNotUniqueException} 300).
 *
 * <p><b>Retries.</b> Reads, the acknowledgement, the handshake and chunk uploads 2..n are retried
 * on connection failures, 408, 429, 502, 503 and 504. The message's first request is never
 * replayed once any byte was sent: an unknown outcome (no answer, a 5xx other than 503, or an
 * answer without a message id) throws {@link NhsTransportException} with
 * {@code outcomeUnknown()} and the local id in {@code reconcileId()}; check
 * {@link #trackByLocalId(String)} before sending again.
 *
 * <p><b>Memory.</b> Sending holds at most a 64 KiB copy buffer (plus the deflater when
 * compressing): uncompressed chunks of a file or array are read straight from their slice;
 * compressed chunks and chunks of a stream are staged one at a time in a temporary file in
 * {@link Builder#spoolDirectory(Path)} (so a chunk can be retried with a known length). A stream
 * of unknown length is first copied to a temporary file to learn its chunk count. Receiving
 * streams one chunk at a time.
 *
 * <p>Immutable and thread-safe; build once per mailbox and share.
 */
public final class MeshClient {
    /** The service name in logs and errors. */
    public static final String SERVICE = "MESH";
    /** The default chunk size: 20 MiB. */
    public static final int DEFAULT_CHUNK_SIZE = 20 * 1024 * 1024;
    static final String ACCEPT_V2 = "application/vnd.mesh.v2+json";
    private static final String OCTET_STREAM = "application/octet-stream";
    private static final Logger LOG = LoggerFactory.getLogger(MeshClient.class);

    private static final String HANDSHAKE = "/messageexchange/{mailbox}";
    private static final String INBOX = "/messageexchange/{mailbox}/inbox";
    private static final String COUNT = "/messageexchange/{mailbox}/count";
    private static final String MESSAGE = "/messageexchange/{mailbox}/inbox/{messageId}";
    private static final String CHUNK = "/messageexchange/{mailbox}/inbox/{messageId}/{chunk}";
    private static final String ACKNOWLEDGE = "/messageexchange/{mailbox}/inbox/{messageId}/status/acknowledged";
    private static final String OUTBOX = "/messageexchange/{mailbox}/outbox";
    private static final String OUTBOX_CHUNK = "/messageexchange/{mailbox}/outbox/{messageId}/{chunk}";
    private static final String TRACKING = "/messageexchange/{mailbox}/outbox/tracking";
    private static final String TRACKING_LOCAL_ID = "/messageexchange/{mailbox}/outbox/tracking/{localId}";
    private static final String LOOKUP = "/messageexchange/endpointlookup/{odsCode}/{workflowId}";
    private static final String WORKFLOW_SEARCH = "/messageexchange/workflowsearch/{workflowId}";

    private final NhsHttpClient http;
    private final String mailbox;
    private final int chunkSize;
    private final boolean acceptGzip;
    private final Path spoolDirectory;
    private final NhsClientOptions options;

    private MeshClient(Builder b, URI baseUrl, AuthProvider auth) {
        this.mailbox = b.mailbox;
        this.chunkSize = b.chunkSize;
        this.acceptGzip = b.acceptCompressedDownloads;
        this.spoolDirectory = b.spoolDirectory;
        this.options = b.options;
        this.http = NhsHttpClient.builder()
                .serviceName(SERVICE)
                .baseUrl(baseUrl)
                .options(b.options)
                .transport(b.transport)
                .auth(auth)
                .errorDecoder(MeshErrorDecoder.INSTANCE)
                .replayOnConnectionFailure(false)
                .defaultHeader("Accept", ACCEPT_V2)
                .build();
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
     * This client's mailbox id (upper case).
     *
     * @return the mailbox id
     */
    public String mailbox() {
        return mailbox;
    }

    /**
     * The base URL.
     *
     * @return the MESH host this client calls
     */
    public URI baseUrl() {
        return http.baseUrl();
    }

    NhsClientOptions options() {
        return options;
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
        NhsRequest r = NhsRequest.builder("POST", HANDSHAKE)
                .pathParam("mailbox", mailbox)
                .header("mex-ClientVersion", "nhs-sdk-java==" + headerSafe(UserAgent.sdkVersion()))
                .header("mex-OSName", headerSafe(System.getProperty("os.name")))
                .header("mex-OSVersion", headerSafe(System.getProperty("os.version")))
                .header("mex-OSArchitecture", headerSafe(System.getProperty("os.arch")))
                .header("mex-JavaVersion", headerSafe(System.getProperty("java.version")))
                .idempotency(Idempotency.KEYED)
                .build();
        call(r).close();
    }

    private static String headerSafe(String value) {
        if (value == null || value.isBlank()) {
            return "unknown";
        }
        StringBuilder sb = new StringBuilder();
        for (char c : value.strip().toCharArray()) {
            sb.append(c >= 0x20 && c <= 0x7E ? c : '?');
        }
        return sb.length() > 100 ? sb.substring(0, 100) : sb.toString();
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
     *     {@code reconcileId()} when the first request's outcome is unknown (no answer, or a 5xx
     *     other than 503), or MESH accepted it without a readable message id
     * @throws MeshSendIncompleteException when a later chunk could not be uploaded
     */
    public MeshSendResult send(MeshSendRequest request, byte[] content) {
        Objects.requireNonNull(content, "content");
        return sendFrom(request, (size, gzip) -> ChunkSource.ofBytes(content, size, gzip, spoolDirectory), null, 1);
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
        return sendFrom(request, (size, gzip) -> ChunkSource.ofFile(content, size, gzip, spoolDirectory), null, 1);
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
        return sendFrom(request, (size, gzip) -> ChunkSource.ofStream(content, length, size, gzip, spoolDirectory),
                null, 1);
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
        return sendFrom(request, (size, gzip) -> ChunkSource.ofStreamOfUnknownLength(content, size, gzip,
                spoolDirectory), null, 1);
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
     */
    public MeshSendResult resumeSend(MeshSendRequest request, Path content, String messageId, int fromChunk) {
        Objects.requireNonNull(content, "content");
        MeshValidation.messageId("messageId", messageId);
        return sendFrom(request, (size, gzip) -> ChunkSource.ofFile(content, size, gzip, spoolDirectory), messageId,
                fromChunk);
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
     */
    public MeshSendResult resumeSend(MeshSendRequest request, byte[] content, String messageId, int fromChunk) {
        Objects.requireNonNull(content, "content");
        MeshValidation.messageId("messageId", messageId);
        return sendFrom(request, (size, gzip) -> ChunkSource.ofBytes(content, size, gzip, spoolDirectory), messageId,
                fromChunk);
    }

    /** Opens the content as chunks of {@code chunkSize} uncompressed bytes, gzipped when asked. */
    @FunctionalInterface
    private interface SourceOpener {
        ChunkSource open(int chunkSize, boolean gzip) throws IOException;
    }

    /**
     * Checks the content (not empty for a send; {@code fromChunk} within it for a resume), then
     * uploads it; the source and its spool files are closed whatever happens.
     */
    private MeshSendResult sendFrom(MeshSendRequest request, SourceOpener opener, String resumeMessageId,
            int fromChunk) {
        Objects.requireNonNull(request, "request");
        try (ChunkSource source = opener.open(chunkSize(request), request.compress())) {
            if (resumeMessageId == null) {
                requireContent(source.length());
            } else if (fromChunk < 2 || fromChunk > source.chunkCount()) {
                throw new NhsValidationException("fromChunk", "must be between 2 and the message's chunk count");
            }
            return upload(request, source, resumeMessageId, fromChunk);
        } catch (IOException e) {
            throw new UncheckedIOException("the message content or its spool file could not be read or removed", e);
        }
    }

    private int chunkSize(MeshSendRequest request) {
        return request.chunkSize().orElse(chunkSize);
    }

    private static void requireContent(long length) {
        if (length < 1) {
            throw new NhsValidationException("content", "must not be empty: MESH refuses an empty message");
        }
    }

    private MeshSendResult upload(MeshSendRequest request, ChunkSource source, String resumeMessageId,
            int fromChunk) {
        int total = source.chunkCount();
        String localId = request.localId().orElse(resumeMessageId == null ? UUID.randomUUID().toString() : "");
        String messageId = resumeMessageId;
        if (messageId == null) {
            messageId = sendFirst(request, source, localId, total);
            fromChunk = 2;
        }
        for (int k = fromChunk; k <= total; k++) {
            try {
                NhsRequest.Builder rb = NhsRequest.builder("POST", OUTBOX_CHUNK)
                        .pathParam("mailbox", mailbox)
                        .pathParam("messageId", messageId)
                        .pathParam("chunk", Integer.toString(k))
                        .header("mex-Chunk-Range", k + ":" + total)
                        .idempotency(Idempotency.KEYED)
                        .body(source.chunk(k, OCTET_STREAM));
                if (source.gzip()) {
                    rb.header("Content-Encoding", "gzip");
                }
                call(rb.build()).close();
                LOG.debug("MESH chunk {}/{} of message {} uploaded", k, total, messageId);
            } catch (IOException e) {
                throw new MeshSendIncompleteException(messageId, localId, k, total, new UncheckedIOException(
                        "chunk " + k + " of the content could not be read", e));
            } catch (MeshMessageFinalisedException e) {
                // MESH locks a message when its last chunk arrives. A 423 on a retry of the last
                // chunk means an earlier attempt of it arrived and its answer was lost. A 423 when
                // a resume starts at the last chunk can mean the same of the interrupted send's
                // last attempt, or that the message expired: tracking tells them apart.
                boolean retried = e.attempts() > 1;
                boolean resumedHere = resumeMessageId != null && k == fromChunk;
                if (k == total && (retried || resumedHere && uploadCompleted(messageId, e))) {
                    LOG.debug("MESH chunk {}/{} of message {} was already received (423)", k, total, messageId);
                    continue;
                }
                throw e;
            } catch (NhsSdkException e) {
                throw new MeshSendIncompleteException(messageId, localId, k, total, e);
            }
        }
        return new MeshSendResult(messageId, localId, total);
    }

    /**
     * Sends the message's first request. A 5xx other than 503 does not say whether MESH stored the
     * message (a gateway's 502 or 504, an internal error after the commit), so it becomes an
     * unknown outcome carrying the local id; 503 means the request was not handled.
     */
    private NhsResponse sendMessageRequest(NhsRequest request, String localId) {
        try {
            return call(request);
        } catch (ServerErrorException e) {
            if (e.status() == 503) {
                throw e;
            }
            throw new NhsTransportException("MESH answered the message send with HTTP " + e.status()
                    + ", which does not say whether it accepted the message; track it by its local id before "
                    + "sending it again", e.details(), true, localId, e);
        }
    }

    /** Whether tracking shows the message complete; a tracking failure is added to {@code refusal}. */
    private boolean uploadCompleted(String messageId, MeshMessageFinalisedException refusal) {
        try {
            MeshTrackingStatus status = track(messageId).status();
            return status == MeshTrackingStatus.ACCEPTED || status == MeshTrackingStatus.ACKNOWLEDGED;
        } catch (NhsSdkException e) {
            refusal.addSuppressed(e);
            return false;
        }
    }

    private String sendFirst(MeshSendRequest request, ChunkSource source, String localId, int total) {
        String type = request.contentType().orElse(OCTET_STREAM);
        NhsRequestBody body;
        try {
            body = source.chunk(1, total == 1 ? type : OCTET_STREAM);
        } catch (IOException e) {
            throw new UncheckedIOException("the first chunk of the content could not be read", e);
        }
        NhsRequest.Builder rb = NhsRequest.builder("POST", OUTBOX)
                .pathParam("mailbox", mailbox)
                .header("mex-To", request.to())
                .header("mex-WorkflowID", request.workflowId())
                .header("mex-LocalID", localId)
                .idempotency(Idempotency.NONE)
                .reconcileId(localId)
                .body(body);
        if (total > 1) {
            rb.header("mex-Chunk-Range", "1:" + total);
        }
        if (source.gzip()) {
            rb.header("Content-Encoding", "gzip");
        }
        request.subject().ifPresent(v -> rb.header("mex-Subject", v));
        request.fileName().ifPresent(v -> rb.header("mex-FileName", v));
        request.contentType().ifPresent(v -> rb.header("mex-Content-Type", v));
        request.checksum().ifPresent(v -> rb.header("mex-Content-Checksum", v));
        if (request.contentCompressed()) {
            rb.header("mex-Content-Compressed", "Y");
        }
        if (request.contentEncrypted()) {
            rb.header("mex-Content-Encrypted", "Y");
        }
        try (NhsResponse r = sendMessageRequest(rb.build(), localId)) {
            String id = null;
            NhsDecodeException unreadable = null;
            try {
                JsonNode json = json(r);
                id = text(json, "message_id");
                if (id == null) {
                    id = text(json, "messageID");
                }
            } catch (NhsDecodeException e) {
                unreadable = e;
            }
            if (id == null) {
                // accepted, but without the id nothing more can be done with it: the caller must
                // find it by its local id rather than send it again
                throw new NhsTransportException("MESH accepted the message (HTTP " + r.status()
                        + ") but its answer has no readable message id; track it by its local id", r.details(),
                        true, localId, unreadable);
            }
            LOG.debug("MESH message {} accepted ({} chunk(s))", id, total);
            return id;
        }
    }

    // ---------------------------------------------------------------- inbox

    /**
     * Lists the first inbox page in MESH's default page size.
     *
     * @return the page
     */
    public MeshInboxPage inbox() {
        return inbox(MeshInboxQuery.all());
    }

    /**
     * Lists one inbox page.
     *
     * @param query page size, workflow filter and continuation
     * @return the page; {@link MeshInboxPage#nextPage()} gives the query for the next one
     */
    public MeshInboxPage inbox(MeshInboxQuery query) {
        Objects.requireNonNull(query, "query");
        NhsRequest.Builder rb = NhsRequest.builder("GET", INBOX).pathParam("mailbox", mailbox);
        query.maxResults().ifPresent(n -> rb.query("max_results", Integer.toString(n)));
        query.workflowFilter().ifPresent(f -> rb.query("workflow_filter", f));
        query.continueFrom().ifPresent(c -> rb.query("continue_from", c));
        try (NhsResponse r = call(rb.build())) {
            JsonNode json = json(r);
            JsonNode messages = json.get("messages");
            List<String> ids = new ArrayList<>();
            if (messages != null && messages.isArray()) {
                for (JsonNode m : messages) {
                    if (m.isTextual() && !m.asText().isBlank()) {
                        ids.add(m.asText());
                    }
                }
            } else {
                throw new NhsDecodeException("the MESH inbox response has no messages list", r.details(), null);
            }
            JsonNode count = json.get("approx_inbox_count");
            Long approx = count != null && count.isNumber() ? count.asLong() : null;
            String token = continueFrom(json.path("links").path("next").asText(null));
            MeshInboxQuery next = token == null || token.equals(query.continueFrom().orElse(null)) ? null
                    : query.continuingFrom(token);
            return new MeshInboxPage(ids, approx, next);
        }
    }

    private static String continueFrom(String nextLink) {
        if (nextLink == null || nextLink.isBlank()) {
            return null;
        }
        int q = nextLink.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : nextLink.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (name.equals("continue_from") && eq > 0) {
                String v = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    /**
     * Every inbox page, fetched lazily as the iteration advances (following {@code links.next},
     * including past empty pages).
     *
     * @param query the first page's query
     * @return the pages
     */
    public Iterable<MeshInboxPage> inboxPages(MeshInboxQuery query) {
        Objects.requireNonNull(query, "query");
        return () -> new Iterator<>() {
            private MeshInboxQuery next = query;

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public MeshInboxPage next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                MeshInboxPage page = inbox(next);
                next = page.nextPage().orElse(null);
                return page;
            }
        };
    }

    /**
     * Every inbox message id across all pages, fetched lazily.
     *
     * @param query the first page's query
     * @return the ids
     */
    public Iterable<String> inboxMessageIds(MeshInboxQuery query) {
        Iterable<MeshInboxPage> pages = inboxPages(query);
        return () -> new Iterator<>() {
            private final Iterator<MeshInboxPage> p = pages.iterator();
            private Iterator<String> current = List.<String>of().iterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && p.hasNext()) {
                    current = p.next().messageIds().iterator();
                }
                return current.hasNext();
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /**
     * The number of messages ready to download (MESH marks this endpoint deprecated: prefer
     * {@link MeshInboxPage#approximateInboxCount()}).
     *
     * @return the count
     */
    public long inboxCount() {
        try (NhsResponse r = call(NhsRequest.builder("GET", COUNT).pathParam("mailbox", mailbox).build())) {
            JsonNode count = json(r).get("count");
            if (count == null || !count.isNumber()) {
                throw new NhsDecodeException("the MESH count response has no count", r.details(), null);
            }
            return count.asLong();
        }
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
        MeshValidation.messageId("messageId", messageId);
        try (NhsResponse r = call(NhsRequest.builder("HEAD", MESSAGE).pathParam("mailbox", mailbox)
                .pathParam("messageId", messageId).build())) {
            return MeshMessageInfo.fromHeaders(messageId, r.headers());
        }
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
     */
    public MeshMessage receive(String messageId) {
        MeshValidation.messageId("messageId", messageId);
        NhsResponse first = call(download(MESSAGE, messageId, 0));
        MeshMessageInfo info;
        try {
            info = MeshMessageInfo.fromHeaders(messageId, first.headers());
        } catch (RuntimeException e) {
            first.close();
            throw e;
        }
        if (info.isReport() || info.totalChunks() == 0) {
            first.close();
            return new MeshMessage(info, InputStream.nullInputStream());
        }
        InputStream content = new ChunkedDownloadStream(first, info.totalChunks(),
                n -> openChunk(messageId, n), options.retry().maxAttempts() - 1);
        return new MeshMessage(info, content);
    }

    private NhsResponse openChunk(String messageId, int number) {
        NhsResponse r = call(number == 1 ? download(MESSAGE, messageId, 0) : download(CHUNK, messageId, number));
        String range = r.header("mex-chunk-range").orElse(null);
        if (range != null && !range.strip().startsWith(number + ":")) {
            r.close();
            throw new NhsDecodeException("MESH returned another chunk than chunk " + number, r.details(), null);
        }
        return r;
    }

    private NhsRequest download(String template, String messageId, int chunk) {
        NhsRequest.Builder rb = NhsRequest.builder("GET", template)
                .pathParam("mailbox", mailbox)
                .pathParam("messageId", messageId)
                .header("Accept-Encoding", acceptGzip ? "gzip" : "identity")
                .streamingResponse(true);
        if (chunk > 0) {
            rb.pathParam("chunk", Integer.toString(chunk));
        }
        return rb.build();
    }

    /**
     * Receives a message into a file: the content is streamed to a temporary file next to
     * {@code target}, which then replaces {@code target}. Does not acknowledge.
     *
     * @param messageId the message id
     * @param target the file to write (replaced if it exists)
     * @return the metadata
     * @throws NhsValidationException when the message id is invalid or the target's directory
     *     does not exist, before any call to MESH
     * @throws NhsTransportException when the download breaks beyond its retries
     * @throws UncheckedIOException when the file cannot be written
     */
    public MeshMessageInfo receiveTo(String messageId, Path target) {
        Objects.requireNonNull(target, "target");
        MeshValidation.messageId("messageId", messageId);
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NhsValidationException("target", "must be a file in an existing directory");
        }
        try (MeshMessage m = receive(messageId)) {
            Path tmp;
            try {
                tmp = Files.createTempFile(dir, ".mesh-", ".part");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a file next to the target", e);
            }
            try {
                copy(m.content(), tmp);
                try {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the target file", e);
            } finally {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.debug("could not delete a temporary download file: {}", e.getClass().getSimpleName());
                }
            }
            return m.info();
        }
    }

    private static void copy(InputStream in, Path file) throws IOException {
        byte[] buf = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (IOException e) {
                    throw new NhsTransportException("the MESH download broke and could not be resumed",
                            CallDetails.of(SERVICE, null, null, 0, null), false, null, e);
                }
                if (n == -1) {
                    return;
                }
                out.write(buf, 0, n);
            }
        }
    }

    /**
     * Acknowledges a message: MESH removes it from the inbox and it cannot be downloaded again.
     * Call it only after the content is stored.
     *
     * @param messageId the message id
     */
    public void acknowledge(String messageId) {
        MeshValidation.messageId("messageId", messageId);
        call(NhsRequest.builder("PUT", ACKNOWLEDGE).pathParam("mailbox", mailbox).pathParam("messageId", messageId)
                .idempotency(Idempotency.KEYED).build()).close();
    }

    /**
     * Drains the inbox once: every page, each message handed to {@code handler} and acknowledged
     * only after it returned normally (at-least-once). A message whose download, handler or
     * acknowledgement fails stays in the inbox and is listed in {@link MeshPollResult#failures()}.
     *
     * @param handler processes each message
     * @return what was acknowledged and what was left
     * @throws NhsSdkException when listing the inbox fails
     */
    public MeshPollResult receiveAll(MeshMessageHandler handler) {
        return receiveAll(MeshInboxQuery.all(), handler);
    }

    /**
     * Drains the inbox once with a query (page size, workflow filter).
     *
     * @param query the first page's query
     * @param handler processes each message
     * @return what was acknowledged and what was left
     * @throws NhsSdkException when listing the inbox fails
     */
    public MeshPollResult receiveAll(MeshInboxQuery query, MeshMessageHandler handler) {
        Objects.requireNonNull(handler, "handler");
        List<String> acked = new ArrayList<>();
        Map<String, Exception> failures = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (String id : inboxMessageIds(query)) {
            if (!seen.add(id)) {
                continue;
            }
            try (MeshMessage m = receive(id)) {
                handler.handle(m);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.put(id, e);
                break;
            } catch (Exception e) {
                failures.put(id, e);
                continue;
            }
            try {
                acknowledge(id);
                acked.add(id);
            } catch (NhsSdkException e) {
                failures.put(id, e);
            }
        }
        return new MeshPollResult(acked, failures);
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
        MeshValidation.messageId("messageId", messageId);
        try (NhsResponse r = call(NhsRequest.builder("GET", TRACKING).pathParam("mailbox", mailbox)
                .query("messageID", messageId).build())) {
            return MeshTrackingInfo.fromJson(json(r));
        }
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
        MeshValidation.localIdSegment("localId", localId);
        try (NhsResponse r = call(NhsRequest.builder("GET", TRACKING_LOCAL_ID).pathParam("mailbox", mailbox)
                .pathParam("localId", localId).build())) {
            return MeshTrackingInfo.fromJson(json(r));
        }
    }

    /**
     * Finds the mailboxes of an organisation that receive a workflow.
     *
     * @param odsCode the organisation's ODS code
     * @param workflowId the workflow id
     * @return the mailboxes, possibly none (unmodifiable)
     */
    public List<MeshMailbox> lookup(OdsCode odsCode, String workflowId) {
        Objects.requireNonNull(odsCode, "odsCode");
        MeshValidation.workflowId("workflowId", workflowId);
        try (NhsResponse r = call(NhsRequest.builder("GET", LOOKUP).pathParam("odsCode", odsCode.value())
                .pathParam("workflowId", workflowId).build())) {
            return mailboxes(r);
        }
    }

    /**
     * Finds the mailboxes that receive a workflow.
     *
     * @param workflowId the workflow id
     * @return the mailboxes, possibly none (unmodifiable)
     */
    public List<MeshMailbox> workflowSearch(String workflowId) {
        MeshValidation.workflowId("workflowId", workflowId);
        try (NhsResponse r = call(NhsRequest.builder("GET", WORKFLOW_SEARCH).pathParam("workflowId", workflowId)
                .build())) {
            return mailboxes(r);
        }
    }

    private static List<MeshMailbox> mailboxes(NhsResponse r) {
        JsonNode results = json(r).get("results");
        if (results == null || !results.isArray()) {
            throw new NhsDecodeException("the MESH lookup response has no results list", r.details(), null);
        }
        List<MeshMailbox> out = new ArrayList<>();
        for (JsonNode n : results) {
            String id = text(n, "mailbox_id");
            String name = text(n, "mailbox_name");
            if (id == null) {
                id = text(n, "address");
                name = text(n, "description");
            }
            if (id != null) {
                out.add(new MeshMailbox(id, name));
            }
        }
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- plumbing

    private NhsResponse call(NhsRequest request) {
        try {
            return http.execute(request);
        } catch (NhsServiceException e) {
            throw meshException(e);
        }
    }

    /** Gives MESH's own statuses their own types; everything else keeps the core's type. */
    static NhsServiceException meshException(NhsServiceException e) {
        String code = e.errorCode().orElse(null);
        switch (e.status()) {
            case 300:
                return new MeshLocalIdNotUniqueException(e.status(), code, e.details());
            case 410:
                return new MeshMessageGoneException(e.status(), code, e.details());
            case 417:
                return new MeshRejectedException(e.status(), code, e.details());
            case 423:
                return new MeshMessageFinalisedException(e.status(), code, e.details());
            default:
                return e;
        }
    }

    private static JsonNode json(NhsResponse r) {
        try {
            JsonNode n = Json.tree(r.body());
            if (n == null || !n.isObject()) {
                throw new NhsDecodeException("the MESH response is not a JSON object", r.details(), null);
            }
            return n;
        } catch (IOException | UncheckedIOException e) {
            throw new NhsDecodeException("the MESH response is not valid JSON", r.details(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    @Override
    public String toString() {
        return "MeshClient[" + mailbox + " " + http.baseUrl() + "]";
    }

    /**
     * Builds a {@link MeshClient}.
     */
    public static final class Builder {
        private NhsEnvironment environment;
        private URI baseUrl;
        private String mailbox;
        private Secret password;
        private Secret sharedKey;
        private AuthProvider auth;
        private NhsClientOptions options = NhsClientOptions.defaults();
        private NhsHttpTransport transport;
        private int chunkSize = DEFAULT_CHUNK_SIZE;
        private boolean acceptCompressedDownloads = true;
        private Path spoolDirectory;

        private Builder() {
        }

        /**
         * Uses an environment's MESH host ({@link NhsEnvironment#meshBaseUrl()}).
         *
         * @param value INTEGRATION or PRODUCTION (SANDBOX has no public MESH host: use
         *     {@link #baseUrl(URI)} for a local sandbox or fake)
         * @return this builder
         */
        public Builder environment(NhsEnvironment value) {
            this.environment = Objects.requireNonNull(value, "environment");
            return this;
        }

        /**
         * Sets the base URL, which wins over the environment.
         *
         * @param value such as {@code https://localhost:8700}
         * @return this builder
         */
        public Builder baseUrl(URI value) {
            this.baseUrl = Objects.requireNonNull(value, "baseUrl");
            return this;
        }

        /**
         * Sets the mailbox id (required); it is upper-cased as MESH requires.
         *
         * @param value such as {@code X26ABC1}
         * @return this builder
         * @throws NhsValidationException when it is not a valid mailbox id
         */
        public Builder mailbox(String value) {
            this.mailbox = MeshValidation.mailbox("mailbox", value);
            return this;
        }

        /**
         * Sets the mailbox password (required unless {@link #auth(AuthProvider)} is set).
         *
         * @param value the password
         * @return this builder
         */
        public Builder password(Secret value) {
            this.password = Objects.requireNonNull(value, "password");
            return this;
        }

        /**
         * Sets the environment's shared key, issued during onboarding (required unless
         * {@link #auth(AuthProvider)} is set; there is no default).
         *
         * @param value the key
         * @return this builder
         */
        public Builder sharedKey(Secret value) {
            this.sharedKey = Objects.requireNonNull(value, "sharedKey");
            return this;
        }

        /**
         * Replaces the NHSMESH header with another auth provider (for a fake that needs none).
         *
         * @param value the provider
         * @return this builder
         */
        public Builder auth(AuthProvider value) {
            this.auth = Objects.requireNonNull(value, "auth");
            return this;
        }

        /**
         * Sets the client options: timeouts, retries, TLS (the client certificate for mutual TLS
         * and the NHS CA bundle), proxy, clock and sleeper. Large chunks may need a longer
         * {@code attemptTimeout} than the default 30 s on slow links.
         *
         * @param value the options
         * @return this builder
         */
        public Builder options(NhsClientOptions value) {
            this.options = Objects.requireNonNull(value, "options");
            return this;
        }

        /**
         * Shares a transport (connection pool) with other clients.
         *
         * @param value the transport
         * @return this builder
         */
        public Builder transport(NhsHttpTransport value) {
            this.transport = Objects.requireNonNull(value, "transport");
            return this;
        }

        /**
         * Sets the default chunk size: uncompressed bytes per chunk (default 20 MiB). MESH asks
         * for chunks above 5 MB except the last, and accepts at most 100 MB per request.
         *
         * @param bytes 1 byte to 100 MB
         * @return this builder
         * @throws NhsValidationException outside that range
         */
        public Builder chunkSize(int bytes) {
            this.chunkSize = MeshValidation.chunkSize(bytes);
            return this;
        }

        /**
         * Whether downloads ask for gzip ({@code Accept-Encoding: gzip}, the default, as the
         * reference client does) or identity. Gzip saves bandwidth; some servers compress on the
         * fly, which can be slower on fast links. Either way the content stream is decoded.
         *
         * @param value {@code true} to ask for gzip
         * @return this builder
         */
        public Builder acceptCompressedDownloads(boolean value) {
            this.acceptCompressedDownloads = value;
            return this;
        }

        /**
         * Sets where chunks are staged while sending (default: {@code java.io.tmpdir}). Files are
         * created owner-only and deleted when the send ends; they hold message content.
         *
         * @param value an existing directory
         * @return this builder
         */
        public Builder spoolDirectory(Path value) {
            this.spoolDirectory = Objects.requireNonNull(value, "spoolDirectory");
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client
         * @throws NhsConfigurationException when the mailbox, the host, or the password and shared
         *     key are missing
         */
        public MeshClient build() {
            if (mailbox == null) {
                throw new NhsConfigurationException("MESH: a mailbox id is required");
            }
            URI url = baseUrl;
            if (url == null && environment != null) {
                url = environment.meshBaseUrl().orElseThrow(() -> new NhsConfigurationException(
                        "MESH has no public sandbox host: set baseUrl to a local MESH sandbox or the embedded fake"));
            }
            if (url == null) {
                throw new NhsConfigurationException("MESH: a base URL or environment is required");
            }
            AuthProvider a = auth;
            if (a == null) {
                if (password == null || sharedKey == null) {
                    throw new NhsConfigurationException("MESH: the mailbox password and the shared key are required");
                }
                a = new MeshAuthProvider(mailbox, password, sharedKey, options.clock());
            }
            if (spoolDirectory != null && !Files.isDirectory(spoolDirectory)) {
                throw new NhsConfigurationException("MESH: the spool directory does not exist");
            }
            return new MeshClient(this, url, a);
        }
    }
}
