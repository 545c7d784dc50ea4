package uk.nhs.sdk.identity.oidc;

import java.util.Optional;

/**
 * The NHS login vectors of trust a relying party may request in {@code vtr} and receive in
 * {@code vot} (identity.md §C6): a proofing level and the credentials used.
 */
public enum VectorOfTrust {
    /** P0 with a password. */
    P0_CP("P0.Cp", IdentityProofingLevel.P0),
    /** P5 with a password and a registered device. */
    P5_CP_CD("P5.Cp.Cd", IdentityProofingLevel.P5),
    /** P5 with a password and a shared key in the device. */
    P5_CP_CK("P5.Cp.Ck", IdentityProofingLevel.P5),
    /** P5 with an asymmetric key (FIDO). */
    P5_CM("P5.Cm", IdentityProofingLevel.P5),
    /** P9 with a password and a registered device. */
    P9_CP_CD("P9.Cp.Cd", IdentityProofingLevel.P9),
    /** P9 with a password and a shared key in the device. */
    P9_CP_CK("P9.Cp.Ck", IdentityProofingLevel.P9),
    /** P9 with an asymmetric key (FIDO). */
    P9_CM("P9.Cm", IdentityProofingLevel.P9);

    private final String value;
    private final IdentityProofingLevel level;

    VectorOfTrust(String value, IdentityProofingLevel level) {
        this.value = value;
        this.level = level;
    }

    /**
     * The wire value.
     *
     * @return such as {@code P9.Cp.Cd}
     */
    public String value() {
        return value;
    }

    /**
     * The identity proofing level this vector asserts.
     *
     * @return the level
     */
    public IdentityProofingLevel level() {
        return level;
    }

    /**
     * Parses a wire value.
     *
     * @param value such as {@code P9.Cp.Cd}
     * @return the vector; empty when it is not one of NHS login's
     */
    public static Optional<VectorOfTrust> fromValue(String value) {
        for (VectorOfTrust v : values()) {
            if (v.value.equals(value)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
