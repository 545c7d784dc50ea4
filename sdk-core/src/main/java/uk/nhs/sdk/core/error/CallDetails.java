package uk.nhs.sdk.core.error;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The identifiers of one logical call, carried by every {@link NhsSdkException}.
 */
public final class CallDetails {
    private static final CallDetails NONE = new CallDetails(null, null, null, 0, null);

    private final String service;
    private final String requestId;
    private final String correlationId;
    private final int attempts;
    private final Duration retryAfter;

    private CallDetails(String service, String requestId, String correlationId, int attempts, Duration retryAfter) {
        this.service = service;
        this.requestId = requestId;
        this.correlationId = correlationId;
        this.attempts = attempts;
        this.retryAfter = retryAfter;
    }

    /**
     * Details for an exception raised before any call was made.
     *
     * @return the empty details
     */
    public static CallDetails none() {
        return NONE;
    }

    /**
     * Details of a call.
     *
     * @param service the service name, such as {@code PDS}
     * @param requestId the {@code X-Request-ID} of the call
     * @param correlationId the {@code X-Correlation-ID}, or {@code null}
     * @param attempts the number of attempts made
     * @param retryAfter the server's {@code Retry-After}, or {@code null}
     * @return the details
     */
    public static CallDetails of(
            String service, String requestId, String correlationId, int attempts, Duration retryAfter) {
        return new CallDetails(
                Objects.requireNonNull(service, "service"), requestId, correlationId, attempts, retryAfter);
    }

    /**
     * The service called.
     *
     * @return the service name, such as {@code PDS} or {@code MESH}
     */
    public Optional<String> service() {
        return Optional.ofNullable(service);
    }

    /**
     * The {@code X-Request-ID} of the call.
     *
     * @return the request id
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * The {@code X-Correlation-ID} of the call.
     *
     * @return the correlation id
     */
    public Optional<String> correlationId() {
        return Optional.ofNullable(correlationId);
    }

    /**
     * The number of attempts made.
     *
     * @return the attempts
     */
    public int attempts() {
        return attempts;
    }

    /**
     * The server's requested wait.
     *
     * @return the wait
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * A copy with another attempt count.
     *
     * @param newAttempts the attempts
     * @return the copy
     */
    public CallDetails withAttempts(int newAttempts) {
        return new CallDetails(service, requestId, correlationId, newAttempts, retryAfter);
    }

    /**
     * The details as the suffix of an exception message.
     *
     * @return for example {@code (X-Request-ID=..., attempts=3)}
     */
    public String describe() {
        if (requestId == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" (X-Request-ID=").append(requestId);
        if (correlationId != null) {
            sb.append(", X-Correlation-ID=").append(correlationId);
        }
        sb.append(", attempts=").append(attempts).append(')');
        return sb.toString();
    }

    @Override
    public String toString() {
        return "CallDetails[service=" + service + ", requestId=" + requestId + ", correlationId=" + correlationId
                + ", attempts=" + attempts + ", retryAfter=" + retryAfter + "]";
    }
}
