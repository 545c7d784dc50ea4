package uk.nhs.sdk.messaging.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Optional;
import uk.nhs.sdk.messaging.mesh.internal.MeshTimestamps;

/**
 * Tracking information about a message this mailbox sent. Read leniently from either body MESH
 * returns (v2 {@code snake_case} from tracking by message id, v1 {@code camelCase} from the older
 * tracking by local id); timestamps are accepted in both {@code yyyyMMddHHmmss} and ISO form.
 */
public final class MeshTrackingInfo {
    private final String messageId;
    private final String localId;
    private final String workflowId;
    private final String fileName;
    private final String recipient;
    private final String recipientName;
    private final String recipientOdsCode;
    private final String recipientOrgName;
    private final String status;
    private final Boolean statusSuccess;
    private final String statusCode;
    private final String statusEvent;
    private final String statusDescription;
    private final String statusTimestamp;
    private final String uploadTimestamp;
    private final String expiryTime;

    private MeshTrackingInfo(JsonNode n) {
        this.messageId = first(n, "message_id", "messageId", "dtsId");
        this.localId = first(n, "local_id", "localId");
        this.workflowId = first(n, "workflow_id", "workflowId");
        this.fileName = first(n, "filename", "fileName");
        this.recipient = first(n, "recipient");
        this.recipientName = first(n, "recipient_name", "recipientName");
        this.recipientOdsCode = first(n, "recipient_ods_code", "meshRecipientOdsCode", "recipientOdsCode");
        this.recipientOrgName = first(n, "recipient_org_name", "recipientOrgName");
        this.status = first(n, "status");
        JsonNode success = n.has("status_success") ? n.get("status_success") : n.get("statusSuccess");
        if (success != null && success.isBoolean()) {
            this.statusSuccess = success.asBoolean();
        } else if (success != null && success.isTextual() && !success.asText().isBlank()) {
            String s = success.asText().strip().toUpperCase(Locale.ROOT);
            this.statusSuccess = s.equals("SUCCESS") || s.equals("TRUE");
        } else {
            this.statusSuccess = null;
        }
        this.statusCode = first(n, "status_code", "statusCode");
        this.statusEvent = first(n, "status_event", "statusEvent");
        this.statusDescription = first(n, "status_description", "statusDescription");
        this.statusTimestamp = first(n, "status_timestamp", "statusTimestamp");
        this.uploadTimestamp = first(n, "upload_timestamp", "uploadTimestamp");
        this.expiryTime = first(n, "expiry_time", "expiryTime");
    }

    static MeshTrackingInfo fromJson(JsonNode body) {
        return new MeshTrackingInfo(body);
    }

    private static String first(JsonNode n, String... names) {
        for (String name : names) {
            JsonNode v = n.get(name);
            if (v != null
                    && !v.isNull()
                    && (v.isTextual() || v.isNumber())
                    && !v.asText().isBlank()) {
                return v.asText();
            }
        }
        return null;
    }

    /**
     * The message id.
     *
     * @return the id, when given
     */
    public Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    /**
     * The local id the message was sent with.
     *
     * @return the local id, when given
     */
    public Optional<String> localId() {
        return Optional.ofNullable(localId);
    }

    /**
     * The workflow id.
     *
     * @return the workflow id, when given
     */
    public Optional<String> workflowId() {
        return Optional.ofNullable(workflowId);
    }

    /**
     * The file name the message was sent with.
     *
     * @return the name, when given
     */
    public Optional<String> fileName() {
        return Optional.ofNullable(fileName);
    }

    /**
     * The recipient mailbox.
     *
     * @return the mailbox id, when given
     */
    public Optional<String> recipient() {
        return Optional.ofNullable(recipient);
    }

    /**
     * The recipient mailbox's name.
     *
     * @return the name, when given
     */
    public Optional<String> recipientName() {
        return Optional.ofNullable(recipientName);
    }

    /**
     * The recipient organisation's ODS code.
     *
     * @return the code, when given
     */
    public Optional<String> recipientOdsCode() {
        return Optional.ofNullable(recipientOdsCode);
    }

    /**
     * The recipient organisation's name.
     *
     * @return the name, when given
     */
    public Optional<String> recipientOrganisationName() {
        return Optional.ofNullable(recipientOrgName);
    }

    /**
     * The status.
     *
     * @return the status; {@link MeshTrackingStatus#OTHER} when absent or unknown
     */
    public MeshTrackingStatus status() {
        return MeshTrackingStatus.parse(status);
    }

    /**
     * The status exactly as MESH gave it ({@code accepted} in v2, {@code Accepted} in v1).
     *
     * @return the text, when given
     */
    public Optional<String> statusText() {
        return Optional.ofNullable(status);
    }

    /**
     * Whether the last status was a success.
     *
     * @return the flag, when given
     */
    public Optional<Boolean> statusSuccess() {
        return Optional.ofNullable(statusSuccess);
    }

    /**
     * The status code.
     *
     * @return the code, when given
     */
    public Optional<String> statusCode() {
        return Optional.ofNullable(statusCode);
    }

    /**
     * The status event.
     *
     * @return the event, when given
     */
    public Optional<String> statusEvent() {
        return Optional.ofNullable(statusEvent);
    }

    /**
     * The status description.
     *
     * @return the text, when given
     */
    public Optional<String> statusDescription() {
        return Optional.ofNullable(statusDescription);
    }

    /**
     * When the status last changed.
     *
     * @return the time as MESH gives it
     */
    public Optional<LocalDateTime> statusTimestamp() {
        return MeshTimestamps.parse(statusTimestamp);
    }

    /**
     * When MESH accepted the message.
     *
     * @return the time as MESH gives it
     */
    public Optional<LocalDateTime> uploadTimestamp() {
        return MeshTimestamps.parse(uploadTimestamp);
    }

    /**
     * When the message expires from the recipient's inbox.
     *
     * @return the time as MESH gives it
     */
    public Optional<LocalDateTime> expiryTime() {
        return MeshTimestamps.parse(expiryTime);
    }

    @Override
    public String toString() {
        return "MeshTrackingInfo[messageId=" + messageId + ", status=" + status() + ", recipient=" + recipient + "]";
    }
}
