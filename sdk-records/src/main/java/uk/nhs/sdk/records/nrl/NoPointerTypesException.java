package uk.nhs.sdk.records.nrl;

import uk.nhs.sdk.core.error.ForbiddenException;
import uk.nhs.sdk.core.error.NhsServiceException;

/**
 * NRL's 403 {@code ACCESS_DENIED} "Provided ODS code has no pointers within requesting app": the
 * organisation named in {@code NHSD-End-User-Organisation-ODS} was onboarded for no pointer types
 * with this application, so NRL will show or accept none. Check the ODS code the client was built
 * with, or ask NRL to add the types at onboarding.
 */
public final class NoPointerTypesException extends ForbiddenException {
    private static final long serialVersionUID = 1L;

    /** The proxy's diagnostics for this refusal. */
    static final String DIAGNOSTICS = "Provided ODS code has no pointers within requesting app";

    /** The message, saying in words why NRL refused. */
    private final String message;

    NoPointerTypesException(NhsServiceException e) {
        super(e.status(), e.errorCode().orElse(null), e.operationOutcome().orElse(null), e.details());
        setStackTrace(e.getStackTrace());
        this.message = "NRL " + e.status() + " ACCESS_DENIED: the end-user organisation's ODS code "
                + "(NHSD-End-User-Organisation-ODS) has no pointer types granted for this application, so NRL "
                + "refuses every pointer request made for it" + e.details().describe();
    }

    /**
     * Says in words why NRL refused, with the call's identifiers.
     *
     * @return the message
     */
    @Override
    public String getMessage() {
        return message;
    }
}
