package uk.nhs.sdk.messaging.notify;

import java.util.List;
import java.util.Optional;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.error.NhsTransportException;

/**
 * A split batch failed part-way: the parts before {@link #failedPart()} were accepted (with their
 * ids and message results), that part failed for the reason in {@link #getCause()} (typically a
 * {@link NotifyRequestException} or an {@code NhsTransportException}), and the parts after it were
 * not sent. Parts are sent one at a time, in order, and the first failure stops the batch. A
 * failed part may still have been accepted when its answer never came (an
 * {@code NhsTransportException} after bytes were sent), was unreadable ({@code NhsDecodeException}),
 * was 408, 425 (an earlier attempt is still being processed) or a 5xx:
 * {@link #failedPartOutcomeUnknown()} says so, and the message says "outcome unknown". Reconcile
 * it by its {@code messageBatchReference}, {@code failedPart().reference()}; resuming settles it.
 *
 * <p>To finish the batch, call {@link NotifyClient#resumeBatch} with the same routing plan, batch
 * reference and messages: the parts are cut the same way with the same references, and the parts
 * NHS Notify already holds are reported as {@link NotifyBatchPart#alreadyAccepted()} instead of
 * failing as duplicates.
 */
public class NotifyBatchException extends NhsSdkException {
    private static final long serialVersionUID = 1L;

    // The parts and results are not serialised (like the core's OperationOutcome): after Java
    // deserialisation the lists are empty and the failed part keeps only its numbers.
    /** The accepted parts. */
    private final transient List<NotifyBatchPart> acceptedParts;
    /** The part that failed. */
    private final transient NotifyBatchPart failedPart;
    /** The parts not sent. */
    private final transient List<NotifyBatchPart> unsentParts;
    /** The results of the accepted parts' messages, in the caller's order. */
    private final transient List<NotifySendResult> acceptedResults;
    /** The failed part's number. */
    private final int failedNumber;
    /** The failed part's reference. */
    private final String failedReference;
    /** The failed part's first message. */
    private final int failedFirst;
    /** The failed part's message count. */
    private final int failedCount;
    /** The failed part's body size. */
    private final long failedBytes;
    /** Whether the failed part may have been accepted. */
    private final boolean failedOutcomeUnknown;

    /**
     * Creates the exception.
     *
     * @param acceptedParts the parts NHS Notify accepted
     * @param failedPart the part that failed
     * @param unsentParts the parts not sent
     * @param acceptedResults the results of the accepted parts' messages
     * @param cause why the part failed
     */
    public NotifyBatchException(
            List<NotifyBatchPart> acceptedParts,
            NotifyBatchPart failedPart,
            List<NotifyBatchPart> unsentParts,
            List<NotifySendResult> acceptedResults,
            NhsSdkException cause) {
        super(
                "NHS Notify batch: " + acceptedParts.size() + " of " + (acceptedParts.size() + 1 + unsentParts.size())
                        + " parts accepted; part " + failedPart.number() + " failed ("
                        + cause.getClass().getSimpleName()
                        + (outcomeUnknown(cause) ? ", outcome unknown: it may have been accepted" : "") + "); "
                        + unsentParts.size() + " not sent",
                cause.details(),
                cause);
        this.failedOutcomeUnknown = outcomeUnknown(cause);
        this.acceptedParts = List.copyOf(acceptedParts);
        this.failedPart = failedPart;
        this.unsentParts = List.copyOf(unsentParts);
        this.acceptedResults = List.copyOf(acceptedResults);
        this.failedNumber = failedPart.number();
        this.failedReference = failedPart.reference();
        this.failedFirst = failedPart.firstMessage();
        this.failedCount = failedPart.messageCount();
        this.failedBytes = failedPart.bodyBytes();
    }

    /**
     * The parts NHS Notify accepted, in order, with their batch ids.
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<NotifyBatchPart> acceptedParts() {
        return acceptedParts == null ? List.of() : acceptedParts;
    }

    /**
     * The part that failed; {@link #getCause()} says why.
     *
     * @return the part
     */
    public NotifyBatchPart failedPart() {
        return failedPart != null
                ? failedPart
                : new NotifyBatchPart(
                        failedNumber, failedReference, failedFirst, failedCount, failedBytes, Optional.empty(), false);
    }

    /**
     * Whether the failed part may have been accepted although the call failed: no answer came after
     * its bytes were sent, the answer was unreadable, or NHS Notify answered 408, 425 or a 5xx
     * status. Reconcile it by {@code failedPart().reference()} (its
     * {@code messageBatchReference}); {@link NotifyClient#resumeBatch} does so by sending it again
     * and treating NHS Notify's duplicate answer as accepted. {@code false} when NHS Notify refused
     * the part (such as 400, 413 or 429).
     *
     * @return {@code true} when the failed part's outcome is unknown
     */
    public boolean failedPartOutcomeUnknown() {
        return failedOutcomeUnknown;
    }

    private static boolean outcomeUnknown(NhsSdkException cause) {
        if (cause instanceof NhsTransportException) {
            return ((NhsTransportException) cause).outcomeUnknown();
        }
        if (cause instanceof NhsDecodeException) {
            return true;
        }
        if (cause instanceof NhsServiceException) {
            int status = ((NhsServiceException) cause).status();
            return status == 408 || status == 425 || status >= 500;
        }
        return false;
    }

    /**
     * The parts after the failed one, which were not sent.
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<NotifyBatchPart> unsentParts() {
        return unsentParts == null ? List.of() : unsentParts;
    }

    /**
     * The results of the accepted parts' messages, in the caller's order (the first
     * {@code failedPart().firstMessage()} messages).
     *
     * @return an unmodifiable list
     */
    public List<NotifySendResult> acceptedResults() {
        return acceptedResults == null ? List.of() : acceptedResults;
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
