package uk.nhs.sdk.core.internal.http;

import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.http.ErrorDecoder;
import uk.nhs.sdk.core.http.NhsResponse;

/**
 * Turns a final non-2xx response into the SDK's exception for its status, with the service's
 * error code read from the (capped) error body. The body itself never reaches the exception's
 * message. Internal.
 */
final class StatusErrors {
    private final ErrorDecoder decoder;

    StatusErrors(ErrorDecoder decoder) {
        this.decoder = decoder;
    }

    NhsServiceException toException(NhsResponse response, CallDetails details) {
        ErrorDecoder.ErrorInfo info;
        try {
            info = decoder.decode(response.status(), response.headers(), response.body());
        } catch (RuntimeException e) {
            info = ErrorDecoder.ErrorInfo.none();
        } finally {
            response.close();
        }
        return NhsServiceException.forStatus(
                response.status(), info.errorCode().orElse(null), info.outcome().orElse(null), details);
    }
}
