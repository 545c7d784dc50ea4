package uk.nhs.sdk.core.error;

import uk.nhs.sdk.core.fhir.OperationOutcome;

/**
 * HTTP 404 or 410: the resource does not exist, or no longer does.
 */
public class ResourceNotFoundException extends NhsServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param status the HTTP status
     * @param errorCode the NHS error code, or {@code null}
     * @param operationOutcome the FHIR OperationOutcome, or {@code null}
     * @param details the call identifiers
     */
    public ResourceNotFoundException(
            int status, String errorCode, OperationOutcome operationOutcome, CallDetails details) {
        super(status, errorCode, operationOutcome, details);
    }
}
