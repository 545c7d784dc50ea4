package uk.nhs.sdk.examples.springboot;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.error.NhsServiceUnavailableException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.error.ResourceNotFoundException;

/**
 * The SDK's typed exceptions as RFC 9457 problem details. Their messages name the rule, the
 * status and the NHS error code, never the patient's data, so they are safe to return; the request
 * id lets the NHS trace the call.
 */
@RestControllerAdvice
class ApiErrors {

    @ExceptionHandler(NhsValidationException.class)
    ProblemDetail invalid(NhsValidationException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(ResourceNotFoundException.class)
    ProblemDetail notFound(ResourceNotFoundException e) {
        return withIds(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "not found"), e);
    }

    @ExceptionHandler(NhsServiceUnavailableException.class)
    ProblemDetail unavailable(NhsServiceUnavailableException e) {
        return withIds(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()), e);
    }

    @ExceptionHandler(NhsServiceException.class)
    ProblemDetail refused(NhsServiceException e) {
        return withIds(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, e.getMessage()), e);
    }

    @ExceptionHandler(NhsTransportException.class)
    ProblemDetail transport(NhsTransportException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GATEWAY_TIMEOUT, e.getMessage());
        problem.setProperty("outcomeUnknown", e.outcomeUnknown());
        return withIds(problem, e);
    }

    private static ProblemDetail withIds(ProblemDetail problem, NhsSdkException e) {
        e.requestId().ifPresent(id -> problem.setProperty("requestId", id));
        return problem;
    }
}
