package uk.nhs.sdk.messaging.notify;

import java.util.List;
import uk.nhs.sdk.core.error.NhsSdkException;

/**
 * A split batch failed part-way: the parts before {@link #failedPart()} were accepted (with their
 * ids and message results), that part failed for the reason in {@link #getCause()} (typically a
 * {@link NotifyRequestException} or an {@code NhsTransportException}), and the parts after it were
 * not sent. Parts are sent one at a time, in order, and the first failure stops the batch.
 *
 * <p>To finish the batch, call {@link NotifyClient#resumeBatch} with the same routing plan, batch
 * reference and messages: the parts are cut the same way with the same references, and the parts
 * NHS Notify already holds are reported as {@link NotifyBatchPart#alreadyAccepted()} instead of
 * failing as duplicates.
 */
public class NotifyBatchException extends NhsSdkException {
    private static final long serialVersionUID = 1L;

    /** The accepted parts (records: serialisable). */
    private final List<NotifyBatchPart> acceptedParts;
    /** The part that failed. */
    private final NotifyBatchPart failedPart;
    /** The parts not sent. */
    private final List<NotifyBatchPart> unsentParts;
    /** The results of the accepted parts' messages, in the caller's order. */
    private final List<NotifySendResult> acceptedResults;

    /**
     * Creates the exception.
     *
     * @param acceptedParts the parts NHS Notify accepted
     * @param failedPart the part that failed
     * @param unsentParts the parts not sent
     * @param acceptedResults the results of the accepted parts' messages
     * @param cause why the part failed
     */
    public NotifyBatchException(List<NotifyBatchPart> acceptedParts, NotifyBatchPart failedPart,
            List<NotifyBatchPart> unsentParts, List<NotifySendResult> acceptedResults, NhsSdkException cause) {
        super("NHS Notify batch: " + acceptedParts.size() + " of " + (acceptedParts.size() + 1 + unsentParts.size())
                + " parts accepted; part " + failedPart.number() + " failed (" + cause.getClass().getSimpleName()
                + "); " + unsentParts.size() + " not sent", cause.details(), cause);
        this.acceptedParts = List.copyOf(acceptedParts);
        this.failedPart = failedPart;
        this.unsentParts = List.copyOf(unsentParts);
        this.acceptedResults = List.copyOf(acceptedResults);
    }

    /**
     * The parts NHS Notify accepted, in order, with their batch ids.
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<NotifyBatchPart> acceptedParts() {
        return acceptedParts;
    }

    /**
     * The part that failed; {@link #getCause()} says why.
     *
     * @return the part
     */
    public NotifyBatchPart failedPart() {
        return failedPart;
    }

    /**
     * The parts after the failed one, which were not sent.
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<NotifyBatchPart> unsentParts() {
        return unsentParts;
    }

    /**
     * The results of the accepted parts' messages, in the caller's order (the first
     * {@code failedPart().firstMessage()} messages).
     *
     * @return an unmodifiable list
     */
    public List<NotifySendResult> acceptedResults() {
        return acceptedResults;
    }

    /**
     * Why the part failed.
     *
     * @return the failure as the SDK's exception
     */
    public NhsSdkException failure() {
        return (NhsSdkException) getCause();
    }
}
