package uk.nhs.sdk.messaging.notify;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link NotifyClient#sendBatch}: the requests the batch was split into and one
 * result per message, in the caller's order.
 *
 * @param batchReference the caller's batch reference (each part's reference starts with it)
 * @param parts the requests sent, in order
 * @param results one result per message, in the order of the caller's list
 */
public record NotifyBatchResult(String batchReference, List<NotifyBatchPart> parts, List<NotifySendResult> results) {
    /**
     * Copies the lists.
     *
     * @param batchReference the batch reference
     * @param parts the parts
     * @param results the results
     */
    public NotifyBatchResult {
        Objects.requireNonNull(batchReference, "batchReference");
        parts = List.copyOf(parts);
        results = List.copyOf(results);
    }

    /**
     * Counts only.
     *
     * @return such as {@code NotifyBatchResult[3 parts, 100000 messages]}
     */
    @Override
    public String toString() {
        return "NotifyBatchResult[" + parts.size() + " parts, " + results.size() + " messages]";
    }
}
