package uk.nhs.sdk.testkit.internal;

import java.util.Objects;
import java.util.Optional;

/**
 * How an access token the sandbox issued may be used, as the API Platform records it with the
 * token's scopes and PDS reads it (identity.md §B2): application-restricted (signed JWT), a
 * healthcare worker signed in with CIS2 at an authenticator assurance level, or a patient signed
 * in with NHS login at an identity proofing level with their NHS number.
 *
 * <p>{@link #toString()} names the kind and level only, never the NHS number.
 */
public final class AccessMode {
    /** The three access modes. */
    public enum Kind {
        /** Application-restricted: a signed JWT, no end user. */
        APPLICATION_RESTRICTED,
        /** A healthcare worker signed in with CIS2. */
        HEALTHCARE_WORKER,
        /** A patient signed in with NHS login. */
        PATIENT
    }

    private static final AccessMode APPLICATION = new AccessMode(Kind.APPLICATION_RESTRICTED, "", "");

    private final Kind kind;
    private final String level;
    private final String nhsNumber;

    private AccessMode(Kind kind, String level, String nhsNumber) {
        this.kind = kind;
        this.level = level;
        this.nhsNumber = nhsNumber;
    }

    /**
     * Application-restricted access.
     *
     * @return the mode
     */
    public static AccessMode applicationRestricted() {
        return APPLICATION;
    }

    /**
     * A healthcare worker's access.
     *
     * @param assuranceLevel the authenticator assurance level, such as {@code AAL3}
     * @return the mode
     */
    public static AccessMode healthcareWorker(String assuranceLevel) {
        return new AccessMode(Kind.HEALTHCARE_WORKER, Objects.requireNonNull(assuranceLevel, "assuranceLevel"), "");
    }

    /**
     * A patient's access.
     *
     * @param proofingLevel the identity proofing level: {@code P0}, {@code P5} or {@code P9}
     * @param nhsNumber the patient's NHS number, empty when NHS login gave none (P0)
     * @return the mode
     */
    public static AccessMode patient(String proofingLevel, String nhsNumber) {
        return new AccessMode(
                Kind.PATIENT,
                Objects.requireNonNull(proofingLevel, "proofingLevel"),
                Objects.requireNonNull(nhsNumber, "nhsNumber"));
    }

    /**
     * The kind of access.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The level: the assurance level of a healthcare worker, the proofing level of a patient.
     *
     * @return the level, empty for application-restricted access
     */
    public String level() {
        return level;
    }

    /**
     * The patient's NHS number.
     *
     * @return the number, when this is a patient's access and NHS login gave one
     */
    public Optional<String> nhsNumber() {
        return nhsNumber.isEmpty() ? Optional.empty() : Optional.of(nhsNumber);
    }

    @Override
    public String toString() {
        return "AccessMode[" + kind + (level.isEmpty() ? "" : " " + level) + "]";
    }
}
