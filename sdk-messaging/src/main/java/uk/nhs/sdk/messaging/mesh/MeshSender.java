package uk.nhs.sdk.messaging.mesh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.error.ServerErrorException;
import uk.nhs.sdk.core.http.Idempotency;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsRequestBody;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.messaging.mesh.internal.ChunkSource;
import uk.nhs.sdk.messaging.mesh.internal.MeshJson;

/**
 * Sends messages: the message {@code POST /outbox} (chunk 1), the uploads of chunks 2..n, and
 * the resume of a send that stopped part-way.
 *
 * <p>The message request is MESH's one non-idempotent call. It is retried only on statuses that
 * prove MESH did not store the message ({@link #REFUSED}); any other failure after bytes went out
 * is an unknown outcome carrying the local id. Once MESH has the message, nothing that goes wrong
 * locally (closing the source, deleting a spool file) is thrown: the caller would send again and
 * the recipient would get the message twice. Such failures are logged at WARN without data.
 */
final class MeshSender {
    /**
     * The statuses to the message send that prove MESH did not store the message, on which the
     * send is retried (MESH fact sheet, sections 8 and 9): 429 (rate limited) and 503 (service
     * unavailable) are refusals before the request is handled. 425 is left out: RFC 8470 lets a
     * server send it only for a request in TLS early data, which this client never sends, so a 425
     * comes from something that does not follow that RFC and proves nothing. 500, 502 and 504 can
     * come after MESH committed the message, so they are unknown outcomes.
     */
    static final int[] REFUSED = {429, 503};

    private static final Logger LOG = LoggerFactory.getLogger(MeshClient.class);
    private static final String OUTBOX = "/messageexchange/{mailbox}/outbox";
    private static final String OUTBOX_CHUNK = "/messageexchange/{mailbox}/outbox/{messageId}/{chunk}";

    private final MeshCalls calls;
    private final MeshAdmin admin;

    MeshSender(MeshCalls calls, MeshAdmin admin) {
        this.calls = calls;
        this.admin = admin;
    }

    /** Opens the content as chunks of {@code chunkSize} uncompressed bytes, gzipped when asked. */
    @FunctionalInterface
    interface SourceOpener {
        ChunkSource open(int chunkSize, boolean gzip) throws IOException;
    }

    /**
     * Checks the content (not empty for a send; {@code fromChunk} within it for a resume), then
     * uploads it. The source is closed whatever happens; a failure to close it never turns a send
     * MESH accepted into an exception.
     */
    MeshSendResult send(MeshSendRequest request, SourceOpener opener, String resumeMessageId, int fromChunk) {
        Objects.requireNonNull(request, "request");
        ChunkSource source;
        try {
            source = opener.open(request.chunkSize().orElse(calls.chunkSize), request.compress());
        } catch (IOException e) {
            throw new UncheckedIOException("the message content could not be read", e);
        }
        MeshSendResult result;
        try {
            if (resumeMessageId == null) {
                if (source.length() < 1) {
                    throw new NhsValidationException("content", "must not be empty: MESH refuses an empty message");
                }
            } else if (fromChunk < 2 || fromChunk > source.chunkCount()) {
                throw new NhsValidationException("fromChunk", "must be between 2 and the message's chunk count");
            }
            result = upload(request, source, resumeMessageId, fromChunk);
        } catch (RuntimeException | Error e) {
            closeQuietly(source, null);
            throw e;
        }
        closeQuietly(source, result.messageId());
        return result;
    }

    /** Closes the source; a failure is logged (class only: a path or content must not leak). */
    private static void closeQuietly(ChunkSource source, String sentMessageId) {
        try {
            source.close();
        } catch (IOException | RuntimeException e) {
            if (sentMessageId != null) {
                LOG.warn(
                        "MESH message {} was sent, but a temporary file holding its content could not be removed "
                                + "from the spool directory: {}",
                        sentMessageId,
                        e.getClass().getName());
            } else {
                LOG.warn(
                        "a temporary file holding MESH message content could not be removed from the spool "
                                + "directory: {}",
                        e.getClass().getName());
            }
        }
    }

    private MeshSendResult upload(MeshSendRequest request, ChunkSource source, String resumeMessageId, int fromChunk) {
        int total = source.chunkCount();
        String localId = request.localId()
                .orElse(resumeMessageId == null ? UUID.randomUUID().toString() : "");
        String messageId = resumeMessageId;
        int from = fromChunk;
        if (messageId == null) {
            messageId = sendFirst(request, source, localId, total);
            from = 2;
        }
        for (int k = from; k <= total; k++) {
            try {
                NhsRequest.Builder rb = NhsRequest.builder("POST", OUTBOX_CHUNK)
                        .pathParam("mailbox", calls.mailbox)
                        .pathParam("messageId", messageId)
                        .pathParam("chunk", Integer.toString(k))
                        .header("mex-Chunk-Range", k + ":" + total)
                        .idempotency(Idempotency.KEYED)
                        .body(source.chunk(k, MeshCalls.OCTET_STREAM));
                if (source.gzip()) {
                    rb.header("Content-Encoding", "gzip");
                }
                calls.transfer(rb.build()).close();
                LOG.debug("MESH chunk {}/{} of message {} uploaded", k, total, messageId);
            } catch (IOException e) {
                throw new MeshSendIncompleteException(
                        messageId,
                        localId,
                        k,
                        total,
                        new UncheckedIOException("chunk " + k + " of the content could not be read", e));
            } catch (MeshMessageFinalisedException e) {
                // MESH locks a message when its last chunk arrives. A 423 on a retry of the last
                // chunk means an earlier attempt of it arrived and its answer was lost. A 423 when
                // a resume starts at the last chunk can mean the same of the interrupted send's
                // last attempt, or that the message expired: tracking tells them apart.
                boolean retried = e.attempts() > 1;
                boolean resumedHere = resumeMessageId != null && k == from;
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

    /** Whether tracking shows the message complete; a tracking failure is added to {@code refusal}. */
    private boolean uploadCompleted(String messageId, MeshMessageFinalisedException refusal) {
        try {
            MeshTrackingStatus status = admin.track(messageId).status();
            return status == MeshTrackingStatus.ACCEPTED || status == MeshTrackingStatus.ACKNOWLEDGED;
        } catch (NhsSdkException e) {
            refusal.addSuppressed(e);
            return false;
        }
    }

    private String sendFirst(MeshSendRequest request, ChunkSource source, String localId, int total) {
        String type = request.contentType().orElse(MeshCalls.OCTET_STREAM);
        NhsRequestBody body;
        try {
            body = source.chunk(1, total == 1 ? type : MeshCalls.OCTET_STREAM);
        } catch (IOException e) {
            throw new UncheckedIOException("the first chunk of the content could not be read", e);
        }
        NhsRequest.Builder rb = NhsRequest.builder("POST", OUTBOX)
                .pathParam("mailbox", calls.mailbox)
                .header("mex-To", request.to())
                .header("mex-WorkflowID", request.workflowId())
                .header("mex-LocalID", localId)
                .idempotency(Idempotency.NONE)
                .retryOnStatus(REFUSED)
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
                var json = MeshJson.object(r, "send");
                id = MeshJson.text(json, "message_id")
                        .or(() -> MeshJson.text(json, "messageID"))
                        .orElse(null);
            } catch (NhsDecodeException e) {
                unreadable = e;
            }
            if (id == null) {
                // accepted, but without the id nothing more can be done with it: the caller must
                // find it by its local id rather than send it again
                throw new NhsTransportException(
                        "MESH accepted the message (HTTP " + r.status()
                                + ") but its answer has no readable message id; track it by its local id",
                        r.details(),
                        true,
                        localId,
                        unreadable);
            }
            LOG.debug("MESH message {} accepted ({} chunk(s))", id, total);
            return id;
        }
    }

    /**
     * Sends the message's first request. Refusals ({@link #REFUSED}) were retried by the
     * pipeline; when they persist they are thrown as they are, since MESH did not store the
     * message. Any other 5xx does not say whether MESH stored it (a gateway's 502 or 504, an
     * internal error after the commit), so it becomes an unknown outcome carrying the local id.
     */
    private NhsResponse sendMessageRequest(NhsRequest request, String localId) {
        try {
            return calls.transfer(request);
        } catch (ServerErrorException e) {
            if (request.retryOnStatuses().contains(e.status())) {
                throw e;
            }
            throw new NhsTransportException(
                    "MESH answered the message send with HTTP " + e.status()
                            + ", which does not say whether it accepted the message; track it by its local id before "
                            + "sending it again",
                    e.details(),
                    true,
                    localId,
                    e);
        }
    }
}
