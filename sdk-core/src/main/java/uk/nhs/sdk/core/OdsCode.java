package uk.nhs.sdk.core;

import java.util.Locale;
import java.util.Objects;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * An Organisation Data Service (ODS) code, such as {@code Y12345} or {@code RR8}: three to
 * twelve letters and digits, held in upper case.
 */
public final class OdsCode {
    private final String value;

    private OdsCode(String value) {
        this.value = value;
    }

    /**
     * Parses an ODS code.
     *
     * @param input the code; case is normalised to upper case and surrounding spaces removed
     * @return the code
     * @throws NhsValidationException when the input is not 3 to 12 letters and digits
     */
    public static OdsCode of(String input) {
        Objects.requireNonNull(input, "input");
        String v = input.strip().toUpperCase(Locale.ROOT);
        if (!v.matches("[A-Z0-9]{3,12}")) {
            throw new NhsValidationException("odsCode", "must be 3 to 12 letters and digits");
        }
        return new OdsCode(v);
    }

    /**
     * The code in upper case.
     *
     * @return the code
     */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OdsCode && ((OdsCode) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /**
     * The code itself (an ODS code identifies an organisation, not a person).
     *
     * @return the code
     */
    @Override
    public String toString() {
        return value;
    }
}
