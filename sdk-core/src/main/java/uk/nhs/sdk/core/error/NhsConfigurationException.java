package uk.nhs.sdk.core.error;

/**
 * A client or credential was configured wrongly (a missing base URL, an unreadable key).
 */
public class NhsConfigurationException extends NhsSdkException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates a configuration exception.
     *
     * @param message what is wrong, without secret values
     * @param cause the cause, or {@code null}
     */
    public NhsConfigurationException(String message, Throwable cause) {
        super(message, CallDetails.none(), cause);
    }

    /**
     * Creates a configuration exception.
     *
     * @param message what is wrong, without secret values
     */
    public NhsConfigurationException(String message) {
        this(message, null);
    }
}
