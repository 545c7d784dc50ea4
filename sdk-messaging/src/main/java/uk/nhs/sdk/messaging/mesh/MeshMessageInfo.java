package uk.nhs.sdk.messaging.mesh;

import java.time.LocalDateTime;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import uk.nhs.sdk.core.http.NhsHeaders;
import uk.nhs.sdk.messaging.mesh.internal.MeshTimestamps;

/**
 * A received message's metadata, from its {@code mex-*} response headers: sender, recipient,
 * workflow, type, chunk count, the sender's passthrough fields, and the status headers (which for
 * a {@link MeshMessageType#REPORT} carry the error, see {@link #report()}).
 *
 * <p>Every {@code mex-*} header is also available by name, case-insensitively, through
 * {@link #header(String)}.
 */
public final class MeshMessageInfo {
    private final String messageId;
    private final Map<String, String> mexHeaders;
    private final MeshMessageType messageType;
    private final int totalChunks;
    private final String contentEncoding;

    private MeshMessageInfo(String messageId, Map<String, String> mexHeaders, int totalChunks, String contentEncoding) {
        this.messageId = messageId;
        this.mexHeaders = Collections.unmodifiableMap(mexHeaders);
        this.messageType = MeshMessageType.parse(mexHeaders.get("mex-messagetype"));
        this.totalChunks = totalChunks;
        this.contentEncoding = contentEncoding;
    }

    /**
     * Reads the metadata from a download or HEAD response.
     *
     * @param requestedId the id that was asked for, used when the response does not repeat it
     * @param headers the response headers
     */
    static MeshMessageInfo fromHeaders(String requestedId, NhsHeaders headers) {
        Map<String, String> mex = new TreeMap<>();
        for (String name : headers.names()) {
            if (name.startsWith("mex-")) {
                headers.first(name).ifPresent(v -> mex.put(name, v));
            }
        }
        String id = Optional.ofNullable(mex.get("mex-messageid"))
                .filter(s -> !s.isBlank())
                .orElse(requestedId);
        return new MeshMessageInfo(
                id, mex, chunkCount(mex), headers.first("content-encoding").orElse(null));
    }

    private static int chunkCount(Map<String, String> mex) {
        String range = mex.get("mex-chunk-range");
        if (range != null) {
            String[] p = range.strip().split(":");
            if (p.length == 2) {
                try {
                    return Math.max(0, Integer.parseInt(p[1].strip()));
                } catch (NumberFormatException e) {
                    // fall through
                }
            }
        }
        String total = mex.get("mex-total-chunks");
        if (total != null) {
            try {
                return Math.max(0, Integer.parseInt(total.strip()));
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        return 1;
    }

    /**
     * The message id.
     *
     * @return {@code mex-messageid}
     */
    public String messageId() {
        return messageId;
    }

    /**
     * The message type.
     *
     * @return DATA, REPORT or OTHER ({@code mex-messagetype}; DATA when absent)
     */
    public MeshMessageType messageType() {
        return messageType;
    }

    /**
     * Whether this is a non-delivery report.
     *
     * @return {@code true} for {@link MeshMessageType#REPORT}
     */
    public boolean isReport() {
        return messageType == MeshMessageType.REPORT;
    }

    /**
     * The non-delivery report this message carries.
     *
     * @return the report, for REPORT messages
     */
    public Optional<MeshNonDeliveryReport> report() {
        return isReport() ? Optional.of(new MeshNonDeliveryReport(this)) : Optional.empty();
    }

    /**
     * The number of chunks, from {@code mex-chunk-range} ({@code i:n}) or {@code mex-total-chunks}.
     *
     * @return the chunk count; 0 for a report without content
     */
    public int totalChunks() {
        return totalChunks;
    }

    /**
     * The sending mailbox.
     *
     * @return {@code mex-from}, when given (reports have none)
     */
    public Optional<String> sender() {
        return header("mex-from");
    }

    /**
     * The recipient mailbox.
     *
     * @return {@code mex-to}
     */
    public Optional<String> recipient() {
        return header("mex-to");
    }

    /**
     * The workflow id.
     *
     * @return {@code mex-workflowid}
     */
    public Optional<String> workflowId() {
        return header("mex-workflowid");
    }

    /**
     * The sender's local id.
     *
     * @return {@code mex-localid}
     */
    public Optional<String> localId() {
        return header("mex-localid");
    }

    /**
     * The subject.
     *
     * @return {@code mex-subject}
     */
    public Optional<String> subject() {
        return header("mex-subject");
    }

    /**
     * The file name the sender gave.
     *
     * @return {@code mex-filename}
     */
    public Optional<String> fileName() {
        return header("mex-filename");
    }

    /**
     * The content's media type as the sender gave it.
     *
     * @return {@code mex-content-type}
     */
    public Optional<String> contentType() {
        return header("mex-content-type");
    }

    /**
     * The sender's checksum (not verified by MESH or this client: its format is the sender's).
     *
     * @return {@code mex-content-checksum}
     */
    public Optional<String> checksum() {
        return header("mex-content-checksum");
    }

    /**
     * The raw {@code mex-content-compressed} flag. It is meant to say the sender compressed the
     * content itself, but some servers also set it when they gzip the download; this client
     * already undoes transport gzip, so treat the content as still compressed only if you know
     * the sender's convention.
     *
     * @return the flag as sent, such as {@code Y}
     */
    public Optional<String> contentCompressedFlag() {
        return header("mex-content-compressed");
    }

    /**
     * Whether the sender flagged the content as encrypted ({@code mex-content-encrypted} Y/TRUE).
     *
     * @return the flag
     */
    public boolean contentEncrypted() {
        return header("mex-content-encrypted")
                .map(v -> {
                    String u = v.strip().toUpperCase(Locale.ROOT);
                    return u.equals("Y") || u.equals("TRUE") || u.equals("YES") || u.equals("1");
                })
                .orElse(false);
    }

    /**
     * The transport encoding of the first chunk's download.
     *
     * @return {@code Content-Encoding}, when the download was encoded (the content stream is
     *     already decoded)
     */
    public Optional<String> contentEncoding() {
        return Optional.ofNullable(contentEncoding);
    }

    /**
     * The status code; {@code 00} is success, anything else an error (see {@link MeshErrorCodes}).
     *
     * @return {@code mex-statuscode}
     */
    public Optional<String> statusCode() {
        return header("mex-statuscode");
    }

    /**
     * The step the status refers to, such as {@code TRANSFER}.
     *
     * @return {@code mex-statusevent}
     */
    public Optional<String> statusEvent() {
        return header("mex-statusevent");
    }

    /**
     * The status text.
     *
     * @return {@code mex-statusdescription}
     */
    public Optional<String> statusDescription() {
        return header("mex-statusdescription");
    }

    /**
     * Whether the status is a success ({@code mex-statussuccess: SUCCESS}).
     *
     * @return the flag, when the header is present
     */
    public Optional<Boolean> statusSuccess() {
        return header("mex-statussuccess").map(v -> v.strip().equalsIgnoreCase("SUCCESS"));
    }

    /**
     * When the status was set.
     *
     * @return {@code mex-statustimestamp} ({@code yyyyMMddHHmmss}, as MESH gives it)
     */
    public Optional<LocalDateTime> statusTimestamp() {
        return header("mex-statustimestamp").flatMap(MeshTimestamps::parse);
    }

    /**
     * For a report, the id of the message it is about.
     *
     * @return {@code mex-linkedmsgid}
     */
    public Optional<String> linkedMessageId() {
        return header("mex-linkedmsgid");
    }

    /**
     * Any {@code mex-*} header.
     *
     * @param name the name, any case, such as {@code Mex-PartnerID}
     * @return the value, when present and not blank
     */
    public Optional<String> header(String name) {
        return Optional.ofNullable(mexHeaders.get(name.toLowerCase(Locale.ROOT)))
                .filter(v -> !v.isBlank());
    }

    /**
     * Every {@code mex-*} header.
     *
     * @return an unmodifiable map, names in lower case, sorted
     */
    public Map<String, String> headers() {
        return mexHeaders;
    }

    /**
     * Ids, type and chunk count only: subject, file name and local id can carry identifying text.
     *
     * @return a summary
     */
    @Override
    public String toString() {
        return "MeshMessageInfo[messageId=" + messageId + ", type=" + messageType + ", workflowId="
                + workflowId().orElse("-") + ", chunks=" + totalChunks + "]";
    }
}
