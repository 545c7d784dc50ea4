package uk.nhs.sdk.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A fault the sandbox injects into one response: an error status (optionally with
 * {@code Retry-After}) or a reset connection, either instead of handling the request or after
 * handling it, the way a response lost on its way back looks to a client.
 *
 * <pre>{@code
 * sandbox.faults().injectNext("PATCH", "/personal-demographics/FHIR/R4/Patient/.*",
 *         SandboxFault.status(503).withRetryAfter(Duration.ofSeconds(1)).afterProcessing());
 * }</pre>
 */
public final class SandboxFault {
    private final int status;
    private final Duration retryAfter;
    private final boolean afterProcessing;

    private SandboxFault(int status, Duration retryAfter, boolean afterProcessing) {
        this.status = status;
        this.retryAfter = retryAfter;
        this.afterProcessing = afterProcessing;
    }

    /**
     * An error status with an empty body.
     *
     * @param status 400 to 599
     * @return the fault
     */
    public static SandboxFault status(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a fault status is 400 to 599");
        }
        return new SandboxFault(status, null, false);
    }

    /**
     * The connection is reset by the server with no response.
     *
     * @return the fault
     */
    public static SandboxFault connectionReset() {
        return new SandboxFault(0, null, false);
    }

    /**
     * The same fault with a {@code Retry-After} header in seconds.
     *
     * @param value the wait, whole seconds
     * @return the fault
     */
    public SandboxFault withRetryAfter(Duration value) {
        return new SandboxFault(status, Objects.requireNonNull(value, "value"), afterProcessing);
    }

    /**
     * The same fault, injected after the service has handled the request (its effect stands; the
     * client never sees the answer).
     *
     * @return the fault
     */
    public SandboxFault afterProcessing() {
        return new SandboxFault(status, retryAfter, true);
    }

    /**
     * The status, or empty for a connection reset.
     *
     * @return the status
     */
    public Optional<Integer> statusCode() {
        return status == 0 ? Optional.empty() : Optional.of(status);
    }

    /**
     * The {@code Retry-After} sent with the status.
     *
     * @return the wait, if set
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Whether the service handles the request before the fault replaces its answer.
     *
     * @return {@code true} after processing
     */
    public boolean isAfterProcessing() {
        return afterProcessing;
    }

    @Override
    public String toString() {
        return "SandboxFault[" + (status == 0 ? "connection reset" : String.valueOf(status))
                + (retryAfter == null ? "" : ", Retry-After " + retryAfter.toSeconds() + "s")
                + (afterProcessing ? ", after processing" : "") + "]";
    }
}
