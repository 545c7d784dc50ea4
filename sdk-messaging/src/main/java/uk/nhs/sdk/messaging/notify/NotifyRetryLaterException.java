package uk.nhs.sdk.messaging.notify;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import uk.nhs.sdk.core.error.CallDetails;

/**
 * NHS Notify asked to try again later and the wait did not fit the call: 425
 * {@code CM_RETRY_TOO_EARLY} (the original request is still being processed; NHS Notify sends
 * {@code Retry-After: 300}) or 429 {@code CM_QUOTA} (rate limited; the live service often sends
 * no {@code Retry-After}). The client waits by itself when the wait fits the retry options'
 * {@code maxRetryAfter} and the call's deadline; otherwise it throws this. Send the same message
 * (same reference) again after {@link #retryAfter()}.
 */
public class NotifyRetryLaterException extends NotifyRequestException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param status the HTTP status (425 or 429)
     * @param errorCode the error code, or {@code null}
     * @param errors the entries of {@code errors[]}
     * @param details the call identifiers, with the {@code Retry-After} wait when one was sent
     */
    public NotifyRetryLaterException(int status, String errorCode, List<NotifyError> errors, CallDetails details) {
        super(status, errorCode, errors, details);
    }

    /**
     * How long NHS Notify asked to wait ({@code Retry-After}); empty when it did not say (a live
     * 429): back off exponentially then.
     *
     * @return the wait, if NHS Notify gave one
     */
    @Override
    public Optional<Duration> retryAfter() {
        return super.retryAfter();
    }
}
