package uk.nhs.sdk.records.ods;

import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.UnprocessableEntityException;
import uk.nhs.sdk.core.fhir.OperationOutcome;

/**
 * ODS answered 422: the search was too costly ("Too many records requested (Use _count and
 * _offset)", or a response over the platform's size limit). Ask for smaller pages with
 * {@link OdsSearch.Builder#pageSize(int)}.
 */
public class OdsTooCostlyException extends UnprocessableEntityException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param status the HTTP status (422)
     * @param errorCode the error code, or {@code null}
     * @param operationOutcome the OperationOutcome, or {@code null}
     * @param details the call identifiers
     */
    public OdsTooCostlyException(int status, String errorCode, OperationOutcome operationOutcome, CallDetails details) {
        super(status, errorCode, operationOutcome, details);
    }
}
