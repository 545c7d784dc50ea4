package uk.nhs.sdk.testkit.internal.mesh;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import uk.nhs.sdk.testkit.internal.mesh.MeshDirectory.Mailbox;
import uk.nhs.sdk.testkit.internal.mesh.MeshMessage.Status;

/**
 * How MESH shows a message: the {@code mex-*} headers of a download (captured exchanges 06, 07,
 * 16, 17, 29) and the tracking bodies, v2 (exchange 08) and v1 (exchange 09).
 */
final class MeshViews {
    private static final DateTimeFormatter COMPACT =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM uuuu HH:mm:ss 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private MeshViews() {}

    static String compact(Instant t) {
        return COMPACT.format(t);
    }

    /** ISO 8601 without a zone, as the public sandbox writes tracking times. */
    static String iso(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC).toString();
    }

    /** The headers of a download or HEAD of chunk {@code n}, in MESH's order; no body headers. */
    static Map<String, String> downloadHeaders(MeshMessage m, int n, Optional<String> contentEncoding) {
        Map<String, String> h = new LinkedHashMap<>();
        m.sender.ifPresent(s -> h.put("mex-from", s.id()));
        h.put("mex-to", m.recipient.id());
        put(h, "mex-workflowid", Optional.of(m.headers.workflowId()));
        h.put("mex-chunk-range", n + ":" + m.totalChunks);
        h.put("mex-total-chunks", String.valueOf(m.totalChunks));
        h.put("mex-addresstype", "ALL");
        put(h, "mex-localid", m.headers.localId());
        put(h, "mex-partnerid", m.headers.partnerId());
        h.put("mex-filename", m.fileName());
        put(h, "mex-subject", m.headers.subject());
        h.put("mex-version", "1.0");
        h.put("mex-messagetype", m.type.name());
        h.put("mex-messageid", m.id);
        if (m.type == MeshMessage.Type.DATA) {
            put(h, "content-encoding", contentEncoding);
        }
        Instant statusTime =
                m.report.map(MeshMessage.StatusReport::at).orElse(m.accepted == null ? m.statusChanged : m.accepted);
        if (m.type == MeshMessage.Type.REPORT) {
            MeshMessage.StatusReport r = m.report.orElseThrow();
            put(h, "mex-linkedmsgid", r.linkedMessageId());
            h.put("mex-statuscode", r.code());
            h.put("mex-statusevent", r.event());
            h.put("mex-statusdescription", r.description());
            h.put("mex-statussuccess", "ERROR");
        } else {
            h.put("mex-statuscode", "00");
            h.put("mex-statusevent", "TRANSFER");
            h.put("mex-statusdescription", "Transferred to recipient mailbox");
            h.put("mex-statussuccess", "SUCCESS");
        }
        h.put("mex-statustimestamp", compact(statusTime));
        put(h, "mex-content-compressed", m.headers.compressed());
        put(h, "mex-content-encrypted", m.headers.encrypted());
        put(h, "mex-content-checksum", m.headers.checksum());
        put(h, "mex-content-type", m.headers.contentType());
        h.put("last-modified", HTTP_DATE.format(m.statusChanged));
        return h;
    }

    private static void put(Map<String, String> h, String name, Optional<String> value) {
        value.filter(v -> !v.isEmpty()).ifPresent(v -> h.put(name, v));
    }

    static Map<String, Object> trackingV2(MeshMessage m) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("message_id", m.id);
        m.headers.localId().ifPresent(v -> b.put("local_id", v));
        b.put("workflow_id", m.headers.workflowId());
        b.put("filename", m.fileName());
        m.inboxExpiry().ifPresent(t -> b.put("expiry_time", iso(t)));
        b.put("upload_timestamp", iso(m.created));
        Mailbox r = m.recipient;
        b.put("recipient", r.id());
        b.put("recipient_name", r.name());
        b.put("recipient_ods_code", r.odsCode());
        b.put("recipient_org_code", r.orgCode());
        b.put("recipient_org_name", r.orgName());
        b.put("status_success", m.type == MeshMessage.Type.DATA && m.status != Status.UNDELIVERABLE);
        b.put("status", m.status.wire);
        m.report.ifPresent(rep -> {
            b.put("status_event", rep.event());
            b.put("status_timestamp", iso(rep.at()));
            b.put("status_description", rep.description());
            b.put("status_code", rep.code());
        });
        return b;
    }

    static Map<String, Object> trackingV1(MeshMessage m) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("addressType", "ALL");
        b.put("checksum", m.headers.checksum().orElse(""));
        b.put("chunkCount", m.totalChunks);
        b.put("compressFlag", "Y".equals(m.headers.compressed().orElse("")) ? "Y" : "");
        b.put("contentEncoding", m.contentEncoding);
        b.put("downloadTimestamp", m.acknowledged == null ? "" : compact(m.acknowledged));
        b.put("dtsId", m.id);
        b.put("encryptedFlag", "Y".equals(m.headers.encrypted().orElse("")) ? "Y" : "");
        b.put("expiryTime", m.inboxExpiry().map(MeshViews::compact).orElse(""));
        m.report.ifPresent(rep -> {
            b.put("failureDate", compact(rep.at()));
            b.put("failureDiagnostic", rep.description());
        });
        b.put("fileName", m.fileName());
        b.put("fileSize", m.storedSize());
        b.put("isCompressed", "Y".equals(m.headers.compressed().orElse("")) ? "Y" : "");
        m.headers.localId().ifPresent(v -> b.put("localId", v));
        b.put("meshRecipientOdsCode", m.recipient.odsCode());
        b.put("messageId", m.id);
        b.put("messageType", m.type == MeshMessage.Type.DATA ? "Data" : "Report");
        b.put("partnerId", m.headers.partnerId().orElse(""));
        b.put("recipient", m.recipient.id());
        b.put("recipientName", m.recipient.name());
        b.put("recipientOrgCode", m.recipient.orgCode());
        b.put("recipientOrgName", m.recipient.orgName());
        b.put("recipientSmtp", "");
        m.sender.ifPresent(s -> {
            b.put("sender", s.id());
            b.put("senderName", s.name());
            b.put("senderOdsCode", s.odsCode());
            b.put("senderOrgCode", s.orgCode());
            b.put("senderOrgName", s.orgName());
        });
        b.put("senderSmtp", "");
        String status = m.status.wire;
        b.put("status", Character.toUpperCase(status.charAt(0)) + status.substring(1));
        b.put(
                "statusSuccess",
                m.type == MeshMessage.Type.DATA && m.status != Status.UNDELIVERABLE ? "SUCCESS" : "ERROR");
        m.headers.subject().ifPresent(v -> b.put("subject", v));
        b.put("uploadTimestamp", compact(m.created));
        b.put("version", "1.0");
        b.put("workflowId", m.headers.workflowId());
        return b;
    }
}
