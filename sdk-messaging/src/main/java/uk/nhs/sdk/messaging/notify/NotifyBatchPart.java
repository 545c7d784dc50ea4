package uk.nhs.sdk.messaging.notify;

import java.util.Objects;
import java.util.Optional;

/**
 * One request of a split batch: its {@code messageBatchReference}, which of the caller's messages
 * it carries, and, once NHS Notify accepted it, the batch id it gave.
 *
 * @param number the part's number, from 1
 * @param reference the part's {@code messageBatchReference}: the caller's batch reference plus
 *     {@code -part-0001}, {@code -part-0002}, ... (the same on every retry of the same batch)
 * @param firstMessage the index, in the caller's list, of the part's first message
 * @param messageCount how many messages the part carries
 * @param bodyBytes the size of the serialised request body, in bytes
 * @param batchId the id NHS Notify gave the part, when it accepted it and said so
 * @param alreadyAccepted {@code true} when NHS Notify answered that it already held this part
 */
public record NotifyBatchPart(
        int number,
        String reference,
        int firstMessage,
        int messageCount,
        long bodyBytes,
        Optional<String> batchId,
        boolean alreadyAccepted) {
    /**
     * Checks the components.
     *
     * @param number the number
     * @param reference the reference
     * @param firstMessage the first message's index
     * @param messageCount the message count
     * @param bodyBytes the body size
     * @param batchId the batch id, if known
     * @param alreadyAccepted whether it was already accepted
     */
    public NotifyBatchPart {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(batchId, "batchId");
    }

    /**
     * Numbers and sizes only.
     *
     * @return such as {@code NotifyBatchPart[1, messages 0..44999, 4123456 bytes, id=...]}
     */
    @Override
    public String toString() {
        return "NotifyBatchPart[" + number + ", messages " + firstMessage + ".." + (firstMessage + messageCount - 1)
                + ", " + bodyBytes + " bytes" + (alreadyAccepted ? ", already accepted" : "")
                + batchId.map(id -> ", id=" + id).orElse("") + "]";
    }
}
