package uk.nhs.sdk.core.error;

import java.time.Duration;
import java.util.Optional;

/**
 * The root of every exception the SDK throws. All SDK exceptions are unchecked.
 *
 * <p>Every exception carries what support needs to trace a call: the {@code X-Request-ID} of the
 * logical call, the {@code X-Correlation-ID} when one was sent, the number of attempts made, and
 * the server's {@code Retry-After} when it gave one. Messages never contain bodies, diagnostics,
 * patient data or secrets.
 */
public class NhsSdkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient CallDetails details;

    /**
     * Creates an exception.
     *
     * @param message a message free of patient data and secrets
     * @param details the call's identifiers, or {@link CallDetails#none()} when no call was made
     * @param cause the cause, or {@code null}
     */
    public NhsSdkException(String message, CallDetails details, Throwable cause) {
        super(message, cause);
        this.details = details == null ? CallDetails.none() : details;
    }

    /**
     * Creates an exception that did not involve a call.
     *
     * @param message a message free of patient data and secrets
     */
    public NhsSdkException(String message) {
        this(message, CallDetails.none(), null);
    }

    /**
     * The call's identifiers.
     *
     * @return the details; {@link CallDetails#none()} when no call was made
     */
    public CallDetails details() {
        return details;
    }

    /**
     * The {@code X-Request-ID} sent with every attempt of the call.
     *
     * @return the request id, if a call was made
     */
    public Optional<String> requestId() {
        return details.requestId();
    }

    /**
     * The {@code X-Correlation-ID} sent with the call.
     *
     * @return the correlation id, if one was sent
     */
    public Optional<String> correlationId() {
        return details.correlationId();
    }

    /**
     * How many attempts were made before this exception was thrown.
     *
     * @return the number of attempts (0 when the call was refused before any I/O)
     */
    public int attempts() {
        return details.attempts();
    }

    /**
     * The wait the server asked for in {@code Retry-After}.
     *
     * @return the wait, if the last response carried one
     */
    public Optional<Duration> retryAfter() {
        return details.retryAfter();
    }
}
