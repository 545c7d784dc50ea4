package uk.nhs.sdk.identity.pds;

import java.util.Locale;
import java.util.Optional;

/**
 * The administrative gender PDS records: the gender on official documents, such as a birth certificate or passport.
 * PDS documents that {@code other} is never set by local systems.
 */
public enum Gender {
    /** Male. */
    MALE("male"),
    /** Female. */
    FEMALE("female"),
    /** Other (indeterminate); PDS refuses to set it. */
    OTHER("other"),
    /** Unknown. */
    UNKNOWN("unknown");

    private final String code;

    Gender(String code) {
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
    public static Optional<Gender> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.strip().toLowerCase(Locale.ROOT);
        for (Gender v : values()) {
            if (v.code.toLowerCase(Locale.ROOT).equals(c)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
