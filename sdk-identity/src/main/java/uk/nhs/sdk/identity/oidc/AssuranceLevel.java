package uk.nhs.sdk.identity.oidc;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CIS2 authenticator assurance levels, as carried in the ID token's {@code acr} (for example
 * {@code AAL3_ANY}). PDS healthcare-worker access needs AAL2 or AAL3 (identity.md §B2).
 */
public enum AssuranceLevel {
    /** Username and password. */
    AAL1,
    /** Two factors. */
    AAL2,
    /** Hardware-backed two factors, such as a smartcard. */
    AAL3;

    private static final Pattern AAL = Pattern.compile("AAL([123])");

    /**
     * Whether this level is at least {@code required}.
     *
     * @param required the required level
     * @return {@code true} when this level meets it
     */
    public boolean meets(AssuranceLevel required) {
        return compareTo(required) >= 0;
    }

    /**
     * The lowest level an {@code acr} value guarantees: {@code AAL3_ANY} is AAL3,
     * {@code AAL2_OR_AAL3_ANY} is AAL2.
     *
     * @param acr the claim value
     * @return the level; empty when the value names none
     */
    public static Optional<AssuranceLevel> fromAcr(String acr) {
        if (acr == null) {
            return Optional.empty();
        }
        Matcher m = AAL.matcher(acr);
        AssuranceLevel lowest = null;
        while (m.find()) {
            AssuranceLevel l = values()[m.group(1).charAt(0) - '1'];
            if (lowest == null || l.compareTo(lowest) < 0) {
                lowest = l;
            }
        }
        return Optional.ofNullable(lowest);
    }

    /**
     * The {@code acr_values} a CIS2 authorization request sends to ask for at least this level.
     *
     * @return {@code AAL1_USERPASS}, {@code AAL2_OR_AAL3_ANY} or {@code AAL3_ANY}
     */
    public String acrValue() {
        switch (this) {
            case AAL1:
                return "AAL1_USERPASS";
            case AAL2:
                return "AAL2_OR_AAL3_ANY";
            default:
                return "AAL3_ANY";
        }
    }
}
