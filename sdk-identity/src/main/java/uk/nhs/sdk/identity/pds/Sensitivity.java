package uk.nhs.sdk.identity.pds;

import java.util.Optional;

/**
 * The confidentiality of a patient record, from {@code meta.security[0].code} (system
 * {@code http://terminology.hl7.org/CodeSystem/v3-Confidentiality}).
 *
 * <p>For a restricted ("sensitive") patient PDS removes the location-sensitive fields:
 * {@code address}, {@code telecom} and {@code generalPractitioner} (and, in search results,
 * {@code contact}); related people are not returned.
 */
public enum Sensitivity {
    /** {@code U}: unrestricted; all available data is returned. */
    UNRESTRICTED("U"),
    /** {@code R}: restricted; address, telecom and GP are removed. */
    RESTRICTED("R"),
    /**
     * {@code V}: very restricted. In PDS's code set but not described by PDS; the SDK treats it
     * as at least as restricted as {@link #RESTRICTED}.
     */
    VERY_RESTRICTED("V"),
    /**
     * {@code REDACTED}: invalidated. PDS documents that it never returns this code (retrieval
     * answers 404 {@code INVALIDATED_RESOURCE} instead).
     */
    REDACTED("REDACTED");

    private final String code;

    Sensitivity(String code) {
        this.code = code;
    }

    /**
     * The confidentiality code as PDS sends it.
     *
     * @return {@code U}, {@code R}, {@code V} or {@code REDACTED}
     */
    public String code() {
        return code;
    }

    /**
     * Whether PDS withholds location-sensitive data for this record.
     *
     * @return {@code true} for {@link #RESTRICTED} and {@link #VERY_RESTRICTED}
     */
    public boolean isRestricted() {
        return this == RESTRICTED || this == VERY_RESTRICTED;
    }

    /**
     * Looks up a code.
     *
     * @param code the code, exactly as sent
     * @return the value, or empty for an unknown code
     */
    public static Optional<Sensitivity> fromCode(String code) {
        for (Sensitivity s : values()) {
            if (s.code.equals(code)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
