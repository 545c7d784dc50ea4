package uk.nhs.sdk.identity.oidc;

import java.util.Optional;

/**
 * NHS login identity proofing levels (identity.md §C6): how well the user's identity was checked.
 */
public enum IdentityProofingLevel {
    /** Email and phone verified only; no NHS number. */
    P0,
    /** Basic details matched to PDS ("medium"). */
    P5,
    /** Identity checked against a physical document ("high"); needed for PDS patient access. */
    P9;

    /**
     * Parses a claim value.
     *
     * @param value such as {@code P9}
     * @return the level; empty when unknown
     */
    public static Optional<IdentityProofingLevel> fromClaim(String value) {
        for (IdentityProofingLevel l : values()) {
            if (l.name().equals(value)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
