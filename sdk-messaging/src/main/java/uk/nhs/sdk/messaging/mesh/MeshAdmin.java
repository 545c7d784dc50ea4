package uk.nhs.sdk.messaging.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import uk.nhs.sdk.core.NhsSdk;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.http.Idempotency;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.messaging.mesh.internal.MeshJson;
import uk.nhs.sdk.messaging.mesh.internal.MeshValidation;

/** The mailbox's housekeeping calls: handshake, tracking, endpoint lookup and workflow search. */
final class MeshAdmin {
    private static final String HANDSHAKE = "/messageexchange/{mailbox}";
    private static final String TRACKING = "/messageexchange/{mailbox}/outbox/tracking";
    private static final String TRACKING_LOCAL_ID = "/messageexchange/{mailbox}/outbox/tracking/{localId}";
    private static final String LOOKUP = "/messageexchange/endpointlookup/{odsCode}/{workflowId}";
    private static final String WORKFLOW_SEARCH = "/messageexchange/workflowsearch/{workflowId}";

    private final MeshCalls calls;

    MeshAdmin(MeshCalls calls) {
        this.calls = calls;
    }

    void handshake() {
        NhsRequest r = NhsRequest.builder("POST", HANDSHAKE)
                .pathParam("mailbox", calls.mailbox)
                .header("mex-ClientVersion", "nhs-sdk-java==" + headerSafe(sdkVersion()))
                .header("mex-OSName", headerSafe(System.getProperty("os.name")))
                .header("mex-OSVersion", headerSafe(System.getProperty("os.version")))
                .header("mex-OSArchitecture", headerSafe(System.getProperty("os.arch")))
                .header("mex-JavaVersion", headerSafe(System.getProperty("java.version")))
                .idempotency(Idempotency.KEYED)
                .build();
        calls.call(r).close();
    }

    /** The SDK version for {@code mex-ClientVersion} (to become the core's public version accessor). */
    private static String sdkVersion() {
        return NhsSdk.version();
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

    MeshTrackingInfo track(String messageId) {
        MeshValidation.messageId("messageId", messageId);
        try (NhsResponse r = calls.call(NhsRequest.builder("GET", TRACKING)
                .pathParam("mailbox", calls.mailbox)
                .query("messageID", messageId)
                .build())) {
            return MeshTrackingInfo.fromJson(MeshJson.object(r, "tracking"));
        }
    }

    MeshTrackingInfo trackByLocalId(String localId) {
        MeshValidation.localIdSegment("localId", localId);
        try (NhsResponse r = calls.call(NhsRequest.builder("GET", TRACKING_LOCAL_ID)
                .pathParam("mailbox", calls.mailbox)
                .pathParam("localId", localId)
                .build())) {
            return MeshTrackingInfo.fromJson(MeshJson.object(r, "tracking"));
        }
    }

    List<MeshMailbox> lookup(OdsCode odsCode, String workflowId) {
        Objects.requireNonNull(odsCode, "odsCode");
        MeshValidation.workflowId("workflowId", workflowId);
        try (NhsResponse r = calls.call(NhsRequest.builder("GET", LOOKUP)
                .pathParam("odsCode", odsCode.value())
                .pathParam("workflowId", workflowId)
                .build())) {
            return mailboxes(r);
        }
    }

    List<MeshMailbox> workflowSearch(String workflowId) {
        MeshValidation.workflowId("workflowId", workflowId);
        try (NhsResponse r = calls.call(NhsRequest.builder("GET", WORKFLOW_SEARCH)
                .pathParam("workflowId", workflowId)
                .build())) {
            return mailboxes(r);
        }
    }

    private static List<MeshMailbox> mailboxes(NhsResponse r) {
        JsonNode results = MeshJson.object(r, "lookup").get("results");
        if (results == null || !results.isArray()) {
            throw new NhsDecodeException("the MESH lookup response has no results list", r.details(), null);
        }
        List<MeshMailbox> out = new ArrayList<>();
        for (JsonNode n : results) {
            String id = MeshJson.text(n, "mailbox_id").orElse(null);
            String name = MeshJson.text(n, "mailbox_name").orElse(null);
            if (id == null) {
                id = MeshJson.text(n, "address").orElse(null);
                name = MeshJson.text(n, "description").orElse(null);
            }
            if (id != null) {
                out.add(new MeshMailbox(id, name));
            }
        }
        return List.copyOf(out);
    }
}
