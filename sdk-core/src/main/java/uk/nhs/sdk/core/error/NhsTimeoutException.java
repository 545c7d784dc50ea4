package uk.nhs.sdk.core.error;

/**
 * An attempt or the overall deadline of a call ran out.
 */
public class NhsTimeoutException extends NhsTransportException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which timeout ran out
     * @param details the call identifiers
     * @param outcomeUnknown whether the request may have been acted on
     * @param reconcileId the id to reconcile with, or {@code null}
     * @param cause the cause, or {@code null}
     */
    public NhsTimeoutException(
            String message, CallDetails details, boolean outcomeUnknown, String reconcileId, Throwable cause) {
        super(message, details, outcomeUnknown, reconcileId, cause);
    }
}
