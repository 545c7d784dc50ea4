package uk.nhs.sdk.messaging.notify;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A channel-status callback ({@code type: ChannelStatus}, {@code callbacks/channel_status.yaml}):
 * one channel's new status and its supplier's.
 *
 * @param messageId the message id
 * @param messageReference the caller's message reference
 * @param cascadeType primary or secondary
 * @param cascadeOrder the channel's position in the cascade, from 1
 * @param channel the channel
 * @param channelStatus the channel's new status
 * @param statusDescription extra information about the status
 * @param failureReasonCode the failure code, such as {@code CFR_PDSV_0002}
 * @param supplierStatus the supplier's status, when reported
 * @param retryCount how many times NHS Notify retried the channel
 * @param timestamp when the status changed
 * @param idempotencyKey the de-duplication key
 */
public record ChannelStatusEvent(
        String messageId,
        String messageReference,
        NotifyCascadeType cascadeType,
        int cascadeOrder,
        NotifyChannelType channel,
        NotifyChannelStatus channelStatus,
        Optional<String> statusDescription,
        Optional<String> failureReasonCode,
        Optional<NotifySupplierStatus> supplierStatus,
        int retryCount,
        Instant timestamp,
        String idempotencyKey)
        implements NotifyCallbackEvent {
    /**
     * Checks the components.
     *
     * @param messageId the message id
     * @param messageReference the reference
     * @param cascadeType the cascade type
     * @param cascadeOrder the cascade order
     * @param channel the channel
     * @param channelStatus the status
     * @param statusDescription the description
     * @param failureReasonCode the failure code
     * @param supplierStatus the supplier status
     * @param retryCount the retry count
     * @param timestamp the time
     * @param idempotencyKey the key
     */
    public ChannelStatusEvent {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(messageReference, "messageReference");
        Objects.requireNonNull(cascadeType, "cascadeType");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(channelStatus, "channelStatus");
        Objects.requireNonNull(statusDescription, "statusDescription");
        Objects.requireNonNull(failureReasonCode, "failureReasonCode");
        Objects.requireNonNull(supplierStatus, "supplierStatus");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }

    /**
     * The id, channel, statuses and time only.
     *
     * @return such as {@code ChannelStatusEvent[2WL3... email delivered 2023-11-17T14:27:51.413Z]}
     */
    @Override
    public String toString() {
        return "ChannelStatusEvent[" + messageId + " " + channel + " " + channelStatus
                + supplierStatus.map(s -> " supplier=" + s).orElse("") + " " + timestamp + "]";
    }
}
