package uk.nhs.sdk.identity.pds;

import java.util.Locale;
import java.util.Optional;

/**
 * The kind of a contact point (FHIR {@code contact-point-system}). PDS uses {@code phone}, {@code fax}, {@code email}
 * and {@code other} (textphone).
 */
public enum ContactSystem {
    /** A telephone number. */
    PHONE("phone"),
    /** A fax number. */
    FAX("fax"),
    /** An email address. */
    EMAIL("email"),
    /** A pager (FHIR code; not used by PDS). */
    PAGER("pager"),
    /** A URL (FHIR code; not used by PDS). */
    URL("url"),
    /** An SMS number (FHIR code; not used by PDS). */
    SMS("sms"),
    /** Another system; PDS uses it for textphone (Minicom). */
    OTHER("other");

    private final String code;

    ContactSystem(String code) {
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
    public static Optional<ContactSystem> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.strip().toLowerCase(Locale.ROOT);
        for (ContactSystem v : values()) {
            if (v.code.toLowerCase(Locale.ROOT).equals(c)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
