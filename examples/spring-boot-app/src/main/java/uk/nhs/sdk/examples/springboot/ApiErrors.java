package uk.nhs.sdk.examples.springboot;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.HandlerMapping;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.error.NhsServiceUnavailableException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.error.ResourceNotFoundException;
import uk.nhs.sdk.messaging.mesh.MeshSendIncompleteException;

/**
 * The SDK's typed exceptions as RFC 9457 problem details. Their messages name the rule, the
 * status and the NHS error code, never the patient's data, so they are safe to return; the request
 * id lets the NHS trace the call. The problem's {@code instance} is the route's template
 * ({@code /patients/{nhsNumber}}), not the request's path, which holds the number.
 */
@RestControllerAdvice
class ApiErrors {

    @ExceptionHandler(NhsValidationException.class)
    ProblemDetail invalid(NhsValidationException e, HttpServletRequest request) {
        return withRoute(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()), request);
    }

    @ExceptionHandler(ResourceNotFoundException.class)
    ProblemDetail notFound(ResourceNotFoundException e, HttpServletRequest request) {
        return withIds(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "not found"), e, request);
    }

    @ExceptionHandler(NhsServiceUnavailableException.class)
    ProblemDetail unavailable(NhsServiceUnavailableException e, HttpServletRequest request) {
        return withIds(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()), e, request);
    }

    @ExceptionHandler(NhsServiceException.class)
    ProblemDetail refused(NhsServiceException e, HttpServletRequest request) {
        return withIds(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, e.getMessage()), e, request);
    }

    @ExceptionHandler(NhsTransportException.class)
    ProblemDetail transport(NhsTransportException e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.GATEWAY_TIMEOUT,
                e.outcomeUnknown()
                        ? "the outcome is unknown: the service may have acted on the request; reconcile (for MESH, track"
                                + " the message by its localId) before sending it again. " + e.getMessage()
                        : e.getMessage());
        problem.setProperty("outcomeUnknown", e.outcomeUnknown());
        // for a MESH send, the local id (the caller's, or the one the SDK generated) to track the message by
        e.reconcileId().ifPresent(id -> problem.setProperty("localId", id));
        return withIds(problem, e, request);
    }

    @ExceptionHandler(MeshSendIncompleteException.class)
    ProblemDetail incomplete(MeshSendIncompleteException e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, e.getMessage());
        problem.setProperty("messageId", e.messageId());
        problem.setProperty("localId", e.localId());
        return withIds(problem, e, request);
    }

    /** Any other SDK failure (an answer that cannot be decoded, ...): its message holds no patient data. */
    @ExceptionHandler(NhsSdkException.class)
    ProblemDetail failed(NhsSdkException e, HttpServletRequest request) {
        return withIds(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, e.getMessage()), e, request);
    }

    private static ProblemDetail withIds(ProblemDetail problem, NhsSdkException e, HttpServletRequest request) {
        e.requestId().ifPresent(id -> problem.setProperty("requestId", id));
        return withRoute(problem, request);
    }

    private static ProblemDetail withRoute(ProblemDetail problem, HttpServletRequest request) {
        Object route = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        try {
            problem.setInstance(new URI(null, null, route instanceof String r ? r : "/", null));
        } catch (URISyntaxException e) {
            problem.setInstance(URI.create("/"));
        }
        return problem;
    }
}
