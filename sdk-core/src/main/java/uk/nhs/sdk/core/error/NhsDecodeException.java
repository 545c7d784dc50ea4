package uk.nhs.sdk.core.error;

/**
 * The service answered with success but its body could not be read as the expected type.
 */
public class NhsDecodeException extends NhsSdkException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what could not be decoded (never the body itself)
     * @param details the call identifiers
     * @param cause the parser error, or {@code null}
     */
    public NhsDecodeException(String message, CallDetails details, Throwable cause) {
        super(message + details.describe(), details, cause);
    }
}
