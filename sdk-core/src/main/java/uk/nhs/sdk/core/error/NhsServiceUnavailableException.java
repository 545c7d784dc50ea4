package uk.nhs.sdk.core.error;

/**
 * The SDK refused the call locally: the circuit breaker is open or the local rate limiter had no permit in time.
 */
public class NhsServiceUnavailableException extends NhsSdkException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message why the call was refused
     * @param details the call identifiers
     * @param cause the cause, or {@code null}
     */
    public NhsServiceUnavailableException(String message, CallDetails details, Throwable cause) {
        super(message, details, cause);
    }
}
