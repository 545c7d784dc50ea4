package uk.nhs.sdk.messaging.mesh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.http.Idempotency;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.messaging.mesh.internal.ChunkRange;
import uk.nhs.sdk.messaging.mesh.internal.ChunkedDownloadStream;
import uk.nhs.sdk.messaging.mesh.internal.DurableFiles;
import uk.nhs.sdk.messaging.mesh.internal.MeshValidation;

/**
 * Receives messages: metadata, the lazy chunked download, download into a file, and the
 * acknowledgement.
 *
 * <p>Fails closed on chunk ranges: the first response of a DATA message must say {@code 1:N}
 * with {@code N >= 1} (and agree with {@code mex-total-chunks} when that is sent), and chunk
 * {@code k}'s response must say exactly {@code k:N} with the same {@code N}, and each status must
 * agree (206 while more chunks follow, 200 for the last). Anything else (absent, malformed, zero,
 * another chunk, another total, a status that disagrees) is an {@link NhsDecodeException}: a
 * guess could hand over a truncated or misassembled message, and a handler that stored it would
 * have it acknowledged. A REPORT carries no content, so its range (the sandbox sends {@code 1:0})
 * is not used.
 */
final class MeshReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(MeshClient.class);
    /**
     * The system property that turns on read-ahead for downloads opened after it is set: chunk
     * n+1 fetched into a spool file while the caller reads chunk n. Off by default: on loopback
     * it cost client CPU (the extra file write and read) and gained no throughput; it can hide
     * the per-chunk round trip on a high-latency link.
     */
    static final String READ_AHEAD_PROPERTY = "nhs.mesh.readAhead";

    private static final String MESSAGE = "/messageexchange/{mailbox}/inbox/{messageId}";
    private static final String CHUNK = "/messageexchange/{mailbox}/inbox/{messageId}/{chunk}";
    private static final String ACKNOWLEDGE = "/messageexchange/{mailbox}/inbox/{messageId}/status/acknowledged";

    private final MeshCalls calls;
    private final DurableFiles.Forcer forcer;

    MeshReceiver(MeshCalls calls, DurableFiles.Forcer forcer) {
        this.calls = calls;
        this.forcer = forcer;
    }

    MeshMessageInfo metadata(String messageId) {
        MeshValidation.messageId("messageId", messageId);
        try (NhsResponse r = calls.call(NhsRequest.builder("HEAD", MESSAGE)
                .pathParam("mailbox", calls.mailbox)
                .pathParam("messageId", messageId)
                .build())) {
            return MeshMessageInfo.fromHeaders(messageId, r.headers());
        }
    }

    MeshMessage receive(String messageId) {
        MeshValidation.messageId("messageId", messageId);
        NhsResponse first = calls.transfer(download(MESSAGE, messageId, 0));
        MeshMessageInfo info;
        int total;
        try {
            info = MeshMessageInfo.fromHeaders(messageId, first.headers());
            if (info.isReport()) {
                first.close();
                return new MeshMessage(info);
            }
            total = firstRange(first).total();
        } catch (RuntimeException e) {
            first.close();
            throw e;
        }
        ChunkedDownloadStream content = new ChunkedDownloadStream(
                first,
                total,
                n -> openChunk(messageId, n, total),
                calls.options.retry().maxAttempts() - 1,
                Boolean.getBoolean(READ_AHEAD_PROPERTY),
                calls.spoolDirectory);
        return new MeshMessage(info, content);
    }

    /** The first response's range: {@code 1:N}, {@code N >= 1}, agreeing with {@code mex-total-chunks}. */
    private static ChunkRange firstRange(NhsResponse first) {
        ChunkRange range = ChunkRange.parse(first.header("mex-chunk-range").orElse(null))
                .orElseThrow(() -> new NhsDecodeException(
                        "the MESH download has no valid mex-chunk-range (n:N, 1 <= n <= N)", first.details(), null));
        if (range.number() != 1) {
            throw new NhsDecodeException(
                    "the MESH download's mex-chunk-range does not start at chunk 1", first.details(), null);
        }
        Optional<String> stated = first.header("mex-total-chunks").map(String::strip);
        if (stated.isPresent() && !stated.get().equals(Integer.toString(range.total()))) {
            throw new NhsDecodeException(
                    "the MESH download's mex-total-chunks disagrees with its mex-chunk-range", first.details(), null);
        }
        checkStatus(first, range);
        return range;
    }

    /**
     * MESH answers 206 for a chunk that more chunks follow and 200 for the last one (or a whole
     * message); a status that says the opposite of the range (206 on the last chunk: "more
     * follows") means one of them is wrong, and a guess could hand over a truncated message.
     */
    private static void checkStatus(NhsResponse r, ChunkRange range) {
        boolean last = range.number() == range.total();
        if (last ? r.status() == 206 : r.status() == 200) {
            throw new NhsDecodeException(
                    "MESH answered chunk " + range.number() + " of " + range.total()
                            + " with HTTP " + r.status()
                            + ", which disagrees with its mex-chunk-range about whether more "
                            + "chunks follow",
                    r.details(),
                    null);
        }
    }

    private NhsResponse openChunk(String messageId, int number, int total) {
        NhsResponse r =
                calls.transfer(number == 1 ? download(MESSAGE, messageId, 0) : download(CHUNK, messageId, number));
        Optional<ChunkRange> range =
                ChunkRange.parse(r.header("mex-chunk-range").orElse(null));
        if (range.isEmpty() || range.get().number() != number || range.get().total() != total) {
            r.close();
            throw new NhsDecodeException(
                    "MESH answered chunk " + number + " of " + total + " with a missing or different mex-chunk-range",
                    r.details(),
                    null);
        }
        try {
            checkStatus(r, range.get());
        } catch (NhsDecodeException e) {
            r.close();
            throw e;
        }
        return r;
    }

    private NhsRequest download(String template, String messageId, int chunk) {
        NhsRequest.Builder rb = NhsRequest.builder("GET", template)
                .pathParam("mailbox", calls.mailbox)
                .pathParam("messageId", messageId)
                .header("Accept-Encoding", calls.acceptGzip ? "gzip" : "identity")
                .streamingResponse(true);
        if (chunk > 0) {
            rb.pathParam("chunk", Integer.toString(chunk));
        }
        return rb.build();
    }

    MeshMessageInfo receiveTo(String messageId, Path target) {
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
                writeAndForce(m.content(), tmp);
                DurableFiles.moveIntoPlace(tmp, target);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the target file", e);
            } finally {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.debug(
                            "could not delete a temporary download file: {}",
                            e.getClass().getSimpleName());
                }
            }
            return m.info();
        }
    }

    /** Copies the content to the file and forces it to the device; a broken download is a transport error. */
    private void writeAndForce(InputStream in, Path file) throws IOException {
        byte[] buf = new byte[64 * 1024];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                OutputStream out = Channels.newOutputStream(ch)) {
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (IOException e) {
                    throw new NhsTransportException(
                            "the MESH download broke and could not be resumed",
                            CallDetails.of(MeshClient.SERVICE, null, null, 0, null),
                            false,
                            null,
                            e);
                }
                if (n == -1) {
                    break;
                }
                out.write(buf, 0, n);
            }
            out.flush();
            forcer.force(ch);
        }
    }

    void acknowledge(String messageId) {
        MeshValidation.messageId("messageId", messageId);
        calls.call(NhsRequest.builder("PUT", ACKNOWLEDGE)
                        .pathParam("mailbox", calls.mailbox)
                        .pathParam("messageId", messageId)
                        .idempotency(Idempotency.KEYED)
                        .build())
                .close();
    }
}
