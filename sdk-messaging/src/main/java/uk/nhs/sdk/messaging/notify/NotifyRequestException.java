package uk.nhs.sdk.messaging.notify;

import java.util.List;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsServiceException;

/**
 * NHS Notify answered with an error status. {@link #status()} is the HTTP status,
 * {@link #errorCode()} the first error's code (such as {@code CM_INVALID_VALUE}) and
 * {@link #errors()} every entry of the JSON:API {@code errors[]} body (up to 100 for a batch),
 * with code, title and pointer but never the {@code detail} text, which can echo patient data.
 *
 * <p>Two cases have their own type: {@link NotifyDuplicateRequestException} (422
 * {@code CM_DUPLICATE_REQUEST}) and {@link NotifyRetryLaterException} (425 and 429).
 */
public class NotifyRequestException extends NhsServiceException {
    private static final long serialVersionUID = 1L;

    /** The entries of {@code errors[]}; not serialised (like the core's OperationOutcome). */
    private final transient List<NotifyError> errors;

    /**
     * Creates the exception.
     *
     * @param status the HTTP status
     * @param errorCode the first error's code, or {@code null}
     * @param errors the entries of {@code errors[]}
     * @param details the call identifiers
     */
    public NotifyRequestException(int status, String errorCode, List<NotifyError> errors, CallDetails details) {
        super(status, errorCode, null, details);
        this.errors = List.copyOf(errors);
    }

    /**
     * Every entry of the error body, in order.
     *
     * @return an unmodifiable list, empty when the body was not JSON:API (or after Java
     *     deserialisation)
     */
    public List<NotifyError> errors() {
        return errors == null ? List.of() : errors;
    }
}
