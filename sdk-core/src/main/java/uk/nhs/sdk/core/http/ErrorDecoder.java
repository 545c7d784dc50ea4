package uk.nhs.sdk.core.http;

import java.util.Optional;
import uk.nhs.sdk.core.fhir.OperationOutcome;

/**
 * Reads a service's error body into its error code (and, for FHIR services, the
 * OperationOutcome). Must not throw: an unreadable body yields {@link ErrorInfo#none()}.
 */
@FunctionalInterface
public interface ErrorDecoder {
    /**
     * Decodes an error body.
     *
     * @param status the HTTP status
     * @param headers the response headers
     * @param body the body bytes, possibly empty
     * @return what the body says
     */
    ErrorInfo decode(int status, NhsHeaders headers, byte[] body);

    /**
     * The decoder for FHIR APIs: the body is an {@code OperationOutcome} and the code is the first
     * {@code details.coding[].code}.
     *
     * @return the FHIR decoder
     */
    static ErrorDecoder fhir() {
        return (status, headers, body) -> OperationOutcome.parse(body)
                .map(oo -> ErrorInfo.of(oo.errorCode().orElse(null), oo))
                .orElse(ErrorInfo.none());
    }

    /**
     * What an error body says.
     */
    final class ErrorInfo {
        private static final ErrorInfo NONE = new ErrorInfo(null, null);

        private final String errorCode;
        private final OperationOutcome outcome;

        private ErrorInfo(String errorCode, OperationOutcome outcome) {
            this.errorCode = errorCode;
            this.outcome = outcome;
        }

        /**
         * Nothing readable.
         *
         * @return the empty info
         */
        public static ErrorInfo none() {
            return NONE;
        }

        /**
         * An error code and optional outcome.
         *
         * @param errorCode the code, or {@code null}
         * @param outcome the OperationOutcome, or {@code null}
         * @return the info
         */
        public static ErrorInfo of(String errorCode, OperationOutcome outcome) {
            return new ErrorInfo(errorCode, outcome);
        }

        /**
         * The error code.
         *
         * @return the code
         */
        public Optional<String> errorCode() {
            return Optional.ofNullable(errorCode);
        }

        /**
         * The OperationOutcome.
         *
         * @return the outcome
         */
        public Optional<OperationOutcome> outcome() {
            return Optional.ofNullable(outcome);
        }
    }
}
