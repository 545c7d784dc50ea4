package uk.nhs.sdk.messaging.mesh;

import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A non-delivery report: MESH tells the sender, through a {@link MeshMessageType#REPORT} message
 * in its own inbox, that a message it sent was not delivered (for example code {@code 14}, not
 * collected within 5 days). The report has no content; everything is in its headers.
 */
public final class MeshNonDeliveryReport {
    private final MeshMessageInfo info;

    MeshNonDeliveryReport(MeshMessageInfo info) {
        this.info = Objects.requireNonNull(info, "info");
    }

    /**
     * The error code ({@code mex-statuscode}), such as {@code 14}.
     *
     * @return the code, or an empty string when the report had none
     */
    public String errorCode() {
        return info.statusCode().orElse("");
    }

    /**
     * MESH's description of the error ({@code mex-statusdescription}).
     *
     * @return the description, when given
     */
    public Optional<String> description() {
        return info.statusDescription();
    }

    /**
     * What the error code means per the MESH API specification.
     *
     * @return the meaning, when the code is known
     */
    public Optional<String> meaning() {
        return MeshErrorCodes.meaning(errorCode());
    }

    /**
     * The step where delivery failed ({@code mex-statusevent}), such as {@code TRANSFER}.
     *
     * @return the event, when given
     */
    public Optional<String> event() {
        return info.statusEvent();
    }

    /**
     * The id of the message that was not delivered ({@code mex-linkedmsgid}).
     *
     * @return the id, when given
     */
    public Optional<String> undeliveredMessageId() {
        return info.linkedMessageId();
    }

    /**
     * The local id of the message that was not delivered.
     *
     * @return {@code mex-localid}, when given
     */
    public Optional<String> undeliveredLocalId() {
        return info.localId();
    }

    /**
     * The workflow of the message that was not delivered.
     *
     * @return {@code mex-workflowid}, when given
     */
    public Optional<String> workflowId() {
        return info.workflowId();
    }

    /**
     * When the failure was recorded ({@code mex-statustimestamp}).
     *
     * @return the time as MESH gives it
     */
    public Optional<LocalDateTime> timestamp() {
        return info.statusTimestamp();
    }

    /**
     * The report message's own id.
     *
     * @return the report's message id (acknowledge this one)
     */
    public String reportMessageId() {
        return info.messageId();
    }

    @Override
    public String toString() {
        return "MeshNonDeliveryReport[errorCode=" + errorCode() + ", event=" + event().orElse("-")
                + ", undeliveredMessageId=" + undeliveredMessageId().orElse("-") + "]";
    }
}
