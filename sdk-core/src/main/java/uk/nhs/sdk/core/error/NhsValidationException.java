package uk.nhs.sdk.core.error;

/**
 * Input was refused before any network call: a malformed NHS number, an impossible search, a missing field.
 *
 * <p>The message names the rule that was broken, never the offending value when it may be patient data.
 */
public class NhsValidationException extends NhsSdkException {
    private static final long serialVersionUID = 1L;

    /** The refused field. */
    private final String field;

    /**
     * Creates a validation exception.
     *
     * @param field the parameter or field that is wrong
     * @param message what rule it breaks, without the value itself
     */
    public NhsValidationException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /**
     * The parameter or field that was refused.
     *
     * @return the field name
     */
    public String field() {
        return field;
    }
}
