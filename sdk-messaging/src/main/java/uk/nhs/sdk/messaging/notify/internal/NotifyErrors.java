package uk.nhs.sdk.messaging.notify.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.fhir.Coding;
import uk.nhs.sdk.core.fhir.OperationOutcome;
import uk.nhs.sdk.messaging.notify.NotifyDuplicateRequestException;
import uk.nhs.sdk.messaging.notify.NotifyError;
import uk.nhs.sdk.messaging.notify.NotifyRequestException;
import uk.nhs.sdk.messaging.notify.NotifyRetryLaterException;

/**
 * Turns the core's status exception into NHS Notify's: {@link NotifyDuplicateRequestException}
 * for 422 {@code CM_DUPLICATE_REQUEST}, {@link NotifyRetryLaterException} for 425 and 429, and
 * {@link NotifyRequestException} for any other status, each with the {@code errors[]} entries
 * {@link NotifyErrorDecoder} carried. Internal.
 */
public final class NotifyErrors {
    /** The duplicate-reference code. */
    public static final String DUPLICATE_REQUEST = "CM_DUPLICATE_REQUEST";

    private NotifyErrors() {}

    /**
     * Whether an error is 422 {@code CM_DUPLICATE_REQUEST}.
     *
     * @param e the core's exception
     * @return {@code true} for the duplicate answer
     */
    public static boolean isDuplicate(NhsServiceException e) {
        return e.status() == 422
                && e.errorCode().filter(DUPLICATE_REQUEST::equals).isPresent();
    }

    /**
     * The NHS Notify exception for a core status exception.
     *
     * @param e the core's exception
     * @return the exception to throw
     */
    public static NotifyRequestException convert(NhsServiceException e) {
        if (e instanceof NotifyRequestException) {
            return (NotifyRequestException) e;
        }
        List<NotifyError> errors = errors(e.operationOutcome());
        String code = e.errorCode().orElse(null);
        NotifyRequestException out;
        if (isDuplicate(e)) {
            out = new NotifyDuplicateRequestException(e.status(), code, errors, e.details());
        } else if (e.status() == 425 || e.status() == 429) {
            out = new NotifyRetryLaterException(e.status(), code, errors, e.details());
        } else {
            out = new NotifyRequestException(e.status(), code, errors, e.details());
        }
        out.setStackTrace(e.getStackTrace());
        return out;
    }

    private static List<NotifyError> errors(Optional<OperationOutcome> outcome) {
        if (outcome.isEmpty()) {
            return List.of();
        }
        List<NotifyError> out = new ArrayList<>();
        for (OperationOutcome.Issue i : outcome.get().issues()) {
            Optional<Coding> c = i.details().flatMap(d -> d.coding().stream().findFirst());
            if (c.isEmpty()
                    || c.get()
                            .system()
                            .filter(s -> s.startsWith(NotifyErrorDecoder.SYSTEM + "#"))
                            .isEmpty()) {
                continue;
            }
            String version = c.get().system().get().substring(NotifyErrorDecoder.SYSTEM.length() + 1);
            int sp = version.indexOf(' ');
            String status = version.substring(0, sp);
            String id = version.substring(sp + 1);
            out.add(new NotifyError(
                    c.get().code().orElse(""),
                    c.get().display().orElse(""),
                    i.details().flatMap(d -> d.text()),
                    status.isEmpty() ? Optional.empty() : Optional.of(status),
                    id.isEmpty() ? Optional.empty() : Optional.of(id)));
        }
        return List.copyOf(out);
    }
}
