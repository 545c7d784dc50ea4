package uk.nhs.sdk.core.error;

import java.util.Optional;

/**
 * No usable response arrived: the connection failed, was reset, or timed out.
 *
 * <p>When {@link #outcomeUnknown()} is {@code true} the request may have reached the service and
 * been acted on; it was not replayed because replaying it could duplicate its effect. Reconcile
 * with the service using {@link #reconcileId()} (for MESH, the local id to track by) or the
 * request id.
 */
public class NhsTransportException extends NhsSdkException {
    private static final long serialVersionUID = 1L;

    /** Whether the request may have been acted on. */
    private final boolean outcomeUnknown;
    /** The id to reconcile with, or null. */
    private final String reconcileId;

    /**
     * Creates the exception.
     *
     * @param message what failed (no patient data)
     * @param details the call identifiers
     * @param outcomeUnknown whether the request may have been acted on
     * @param reconcileId the id to reconcile with, or {@code null}
     * @param cause the I/O cause
     */
    public NhsTransportException(
            String message, CallDetails details, boolean outcomeUnknown, String reconcileId, Throwable cause) {
        super(
                message
                        + (outcomeUnknown ? " (outcome unknown: the request may have been processed)" : "")
                        + details.describe(),
                details,
                cause);
        this.outcomeUnknown = outcomeUnknown;
        this.reconcileId = reconcileId;
    }

    /**
     * Whether the request may have been acted on by the service.
     *
     * @return {@code true} when bytes of a non-idempotent request were sent before the failure
     */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    /**
     * The identifier to reconcile an unknown outcome with (for MESH sends, the local id); the
     * request id is always available from {@link #requestId()}.
     *
     * @return the id, if the operation supplied one
     */
    public Optional<String> reconcileId() {
        return Optional.ofNullable(reconcileId);
    }
}
