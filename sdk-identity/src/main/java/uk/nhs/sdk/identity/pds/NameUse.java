package uk.nhs.sdk.identity.pds;

import java.util.Locale;
import java.util.Optional;

/**
 * The use of a patient's name (FHIR {@code name-use}). PDS returns {@code usual}, {@code temp}, {@code nickname},
 * {@code old} and {@code maiden}; the other FHIR codes are accepted when read.
 */
public enum NameUse {
    /** The name the patient usually uses; exactly one per patient. */
    USUAL("usual"),
    /** The official name (FHIR code; not used by PDS). */
    OFFICIAL("official"),
    /** A temporary name. */
    TEMP("temp"),
    /** A nickname; at most one per patient. */
    NICKNAME("nickname"),
    /** An anonymous name (FHIR code; not used by PDS). */
    ANONYMOUS("anonymous"),
    /** A name no longer in use. */
    OLD("old"),
    /** A name used before marriage. */
    MAIDEN("maiden");

    private final String code;

    NameUse(String code) {
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
    public static Optional<NameUse> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.strip().toLowerCase(Locale.ROOT);
        for (NameUse v : values()) {
            if (v.code.toLowerCase(Locale.ROOT).equals(c)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
