package uk.nhs.sdk.messaging.notify;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message as {@code GET /v1/messages/{messageId}} reports it: its status, its channels with
 * their supplier statuses and failure codes, its timestamps and the batch it was sent in.
 * Personalisation and contact details are never returned by NHS Notify.
 *
 * @param id the message id (a KSUID)
 * @param messageReference the caller's message reference
 * @param status the message's status
 * @param statusDescription extra information about the status (never logged by the SDK)
 * @param failureReasonCode the failure code, such as {@code MFR_PDSV_0002}
 * @param routingPlan the routing plan
 * @param channels the channels, in cascade order (empty until the message was enriched)
 * @param createdAt when the message was created
 * @param enrichedAt when the recipient's details were taken from PDS
 * @param deliveredAt when it was delivered
 * @param failedAt when it failed
 * @param batchId the id of the batch it was sent in ({@code relationships.messageBatch})
 */
public record NotifyMessageDetails(
        String id,
        String messageReference,
        NotifyMessageStatus status,
        Optional<String> statusDescription,
        Optional<String> failureReasonCode,
        NotifyRoutingPlanRef routingPlan,
        List<NotifyChannel> channels,
        Instant createdAt,
        Optional<Instant> enrichedAt,
        Optional<Instant> deliveredAt,
        Optional<Instant> failedAt,
        Optional<String> batchId) {
    /**
     * Checks the components and copies the list.
     *
     * @param id the id
     * @param messageReference the reference
     * @param status the status
     * @param statusDescription the description
     * @param failureReasonCode the failure code
     * @param routingPlan the routing plan
     * @param channels the channels
     * @param createdAt the creation time
     * @param enrichedAt the enrichment time
     * @param deliveredAt the delivery time
     * @param failedAt the failure time
     * @param batchId the batch id
     */
    public NotifyMessageDetails {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(messageReference, "messageReference");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusDescription, "statusDescription");
        Objects.requireNonNull(failureReasonCode, "failureReasonCode");
        Objects.requireNonNull(routingPlan, "routingPlan");
        channels = List.copyOf(channels);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(enrichedAt, "enrichedAt");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
        Objects.requireNonNull(failedAt, "failedAt");
        Objects.requireNonNull(batchId, "batchId");
    }

    /**
     * The id, statuses and channels only.
     *
     * @return such as {@code NotifyMessageDetails[2WL3qFTEFM0qMY8xjRbt1LIKCzM delivered [...]]}
     */
    @Override
    public String toString() {
        return "NotifyMessageDetails[" + id + " " + status + " " + channels + "]";
    }
}
