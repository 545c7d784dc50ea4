package uk.nhs.sdk.messaging.notify;

import java.util.List;
import uk.nhs.sdk.core.error.CallDetails;

/**
 * HTTP 422 {@code CM_DUPLICATE_REQUEST} on a call's first attempt (or after attempts NHS Notify
 * refused, such as a 429, a 425 or a 401 the credentials were refreshed after): NHS Notify already holds a
 * message (or batch) with this reference, sent by an earlier call (references are kept for 9
 * months). If that earlier call was yours and its outcome was unknown, the message was accepted
 * then; otherwise choose a new reference. (The same answer to a retry <em>within</em> one call is
 * not an error when an earlier attempt may have landed: the result says
 * {@link NotifySendResult#alreadyAccepted()}.)
 */
public class NotifyDuplicateRequestException extends NotifyRequestException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param status the HTTP status (422)
     * @param errorCode the error code ({@code CM_DUPLICATE_REQUEST})
     * @param errors the entries of {@code errors[]}
     * @param details the call identifiers
     */
    public NotifyDuplicateRequestException(
            int status, String errorCode, List<NotifyError> errors, CallDetails details) {
        super(status, errorCode, errors, details);
    }
}
