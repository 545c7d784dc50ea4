package uk.nhs.sdk.identity.pds;

import java.util.Locale;
import java.util.Optional;

/**
 * The use of a contact point (FHIR {@code contact-point-use}). PDS uses {@code home}, {@code work}, {@code temp} and
 * {@code mobile}.
 */
public enum ContactUse {
    /** Home. */
    HOME("home"),
    /** Work. */
    WORK("work"),
    /** Temporary. */
    TEMP("temp"),
    /** No longer in use (FHIR code; not used by PDS). */
    OLD("old"),
    /** Mobile. */
    MOBILE("mobile");

    private final String code;

    ContactUse(String code) {
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
    public static Optional<ContactUse> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.strip().toLowerCase(Locale.ROOT);
        for (ContactUse v : values()) {
            if (v.code.toLowerCase(Locale.ROOT).equals(c)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
