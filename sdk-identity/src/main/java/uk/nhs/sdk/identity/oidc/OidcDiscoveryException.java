package uk.nhs.sdk.identity.oidc;

import java.util.Objects;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsSdkException;

/**
 * A provider's discovery document or JWKS could not be fetched or used. The message names the
 * provider and the problem, never the document's content.
 */
public class OidcDiscoveryException extends NhsSdkException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The document could not be fetched (network failure, timeout, error status). */
        UNREACHABLE,
        /** The document is not JSON, or lacks or misstates a required member. */
        MALFORMED
    }

    /** What went wrong. */
    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason what went wrong
     * @param message a message without document content
     * @param details the failed call's identifiers, or {@link CallDetails#none()}
     * @param cause the underlying failure, or {@code null}
     */
    public OidcDiscoveryException(Reason reason, String message, CallDetails details, Throwable cause) {
        super(message, details, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * What went wrong.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
