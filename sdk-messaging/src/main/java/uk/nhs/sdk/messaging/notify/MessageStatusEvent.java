package uk.nhs.sdk.messaging.notify;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message-status callback ({@code type: MessageStatus}, {@code callbacks/message_status.yaml}):
 * the message's new status and its channels' statuses.
 *
 * @param messageId the message id
 * @param messageReference the caller's message reference
 * @param messageStatus the new status
 * @param statusDescription extra information about the status
 * @param failureReasonCode the failure code, such as {@code MFR_PDSV_0002}
 * @param channels each channel's type and status
 * @param routingPlan the routing plan
 * @param timestamp when the status changed
 * @param idempotencyKey the de-duplication key
 */
public record MessageStatusEvent(
        String messageId,
        String messageReference,
        NotifyMessageStatus messageStatus,
        Optional<String> statusDescription,
        Optional<String> failureReasonCode,
        List<ChannelSummary> channels,
        Optional<NotifyRoutingPlanRef> routingPlan,
        Instant timestamp,
        String idempotencyKey)
        implements NotifyCallbackEvent {
    /**
     * Checks the components and copies the list.
     *
     * @param messageId the message id
     * @param messageReference the reference
     * @param messageStatus the status
     * @param statusDescription the description
     * @param failureReasonCode the failure code
     * @param channels the channels
     * @param routingPlan the routing plan
     * @param timestamp the time
     * @param idempotencyKey the key
     */
    public MessageStatusEvent {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(messageReference, "messageReference");
        Objects.requireNonNull(messageStatus, "messageStatus");
        Objects.requireNonNull(statusDescription, "statusDescription");
        Objects.requireNonNull(failureReasonCode, "failureReasonCode");
        channels = List.copyOf(channels);
        Objects.requireNonNull(routingPlan, "routingPlan");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }

    /**
     * One channel in a message-status callback.
     *
     * @param type the channel
     * @param channelStatus its status
     */
    public record ChannelSummary(NotifyChannelType type, NotifyChannelStatus channelStatus) {
        /**
         * Checks the components.
         *
         * @param type the channel
         * @param channelStatus its status
         */
        public ChannelSummary {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(channelStatus, "channelStatus");
        }
    }

    /**
     * The id, status and time only.
     *
     * @return such as {@code MessageStatusEvent[2WL3... delivered 2023-11-17T14:27:51.413Z]}
     */
    @Override
    public String toString() {
        return "MessageStatusEvent[" + messageId + " " + messageStatus + " " + timestamp + "]";
    }
}
