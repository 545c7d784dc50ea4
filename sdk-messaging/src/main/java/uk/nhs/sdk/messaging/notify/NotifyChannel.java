package uk.nhs.sdk.messaging.notify;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One channel of a message ({@code channels[]} of {@code GET /v1/messages/{id}}), in the order
 * NHS Notify tries them.
 *
 * @param type the channel
 * @param cascadeType primary, or a fallback (secondary)
 * @param cascadeOrder the position in the cascade, from 1
 * @param status the channel's status
 * @param statusDescription extra information about the status (may quote the reason, never
 *     logged by the SDK)
 * @param failureReasonCode the failure code, such as {@code CFR_PDSV_0002}
 * @param supplierStatus the status the channel's supplier reported
 * @param retryCount how many times NHS Notify retried the channel
 * @param createdAt when the channel was created
 * @param deliveredAt when it was delivered
 * @param failedAt when it failed
 * @param routingPlan the routing plan the channel came from, when reported
 */
public record NotifyChannel(
        NotifyChannelType type,
        NotifyCascadeType cascadeType,
        int cascadeOrder,
        NotifyChannelStatus status,
        Optional<String> statusDescription,
        Optional<String> failureReasonCode,
        Optional<NotifySupplierStatus> supplierStatus,
        int retryCount,
        Optional<Instant> createdAt,
        Optional<Instant> deliveredAt,
        Optional<Instant> failedAt,
        Optional<NotifyRoutingPlanRef> routingPlan) {
    /**
     * Checks the components.
     *
     * @param type the type
     * @param cascadeType the cascade type
     * @param cascadeOrder the cascade order
     * @param status the status
     * @param statusDescription the description
     * @param failureReasonCode the failure code
     * @param supplierStatus the supplier status
     * @param retryCount the retry count
     * @param createdAt the creation time
     * @param deliveredAt the delivery time
     * @param failedAt the failure time
     * @param routingPlan the routing plan
     */
    public NotifyChannel {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(cascadeType, "cascadeType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusDescription, "statusDescription");
        Objects.requireNonNull(failureReasonCode, "failureReasonCode");
        Objects.requireNonNull(supplierStatus, "supplierStatus");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
        Objects.requireNonNull(failedAt, "failedAt");
        Objects.requireNonNull(routingPlan, "routingPlan");
    }

    /**
     * The statuses and codes only, not the description.
     *
     * @return such as {@code NotifyChannel[email primary 1 delivered]}
     */
    @Override
    public String toString() {
        return "NotifyChannel[" + type + " " + cascadeType + " " + cascadeOrder + " " + status
                + supplierStatus.map(s -> " supplier=" + s).orElse("")
                + failureReasonCode
                        .map(c -> " code=" + (c.matches("[A-Za-z0-9_]{1,64}") ? c : "?"))
                        .orElse("") + "]";
    }
}
