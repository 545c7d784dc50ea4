package uk.nhs.sdk.identity.pds;

import java.util.Locale;
import java.util.Optional;

/**
 * The use of an address (FHIR {@code address-use}). PDS supports {@code home}, {@code temp} and {@code billing};
 * {@code work} may be returned (legacy) but not added.
 */
public enum AddressUse {
    /** The patient's normal residence. */
    HOME("home"),
    /** A legacy work address: may be read and removed, never added. */
    WORK("work"),
    /** A temporary address; needs a period with start and end and a {@code text} descriptor. */
    TEMP("temp"),
    /** An address no longer in use (FHIR code). */
    OLD("old"),
    /** A correspondence-only address; needs a period with start and end. */
    BILLING("billing");

    private final String code;

    AddressUse(String code) {
        this.code = code;
    }

    /**
     * The FHIR code, as PDS sends it.
     *
     * @return the code
     */
    public String code() {
        return code;
    }

    /**
     * Looks up a FHIR code.
     *
     * @param code the code, any case
     * @return the value, or empty for an unknown code
     */
    public static Optional<AddressUse> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.strip().toLowerCase(Locale.ROOT);
        for (AddressUse v : values()) {
            if (v.code.toLowerCase(Locale.ROOT).equals(c)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
