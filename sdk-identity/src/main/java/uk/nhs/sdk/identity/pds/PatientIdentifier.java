package uk.nhs.sdk.identity.pds;

import java.util.Optional;
import uk.nhs.sdk.core.fhir.Coding;

/**
 * One of a patient's identifiers: for PDS, the NHS number (system
 * {@code https://fhir.nhs.uk/Id/nhs-number}) with its verification status.
 *
 * <p>Its {@code toString()} never prints the value.
 */
public final class PatientIdentifier {
    private final String system;
    private final String value;
    private final Coding verificationStatus;

    PatientIdentifier(String system, String value, Coding verificationStatus) {
        this.system = system;
        this.value = value;
        this.verificationStatus = verificationStatus;
    }

    /**
     * The namespace.
     *
     * @return the system URI, if sent
     */
    public Optional<String> system() {
        return Optional.ofNullable(system);
    }

    /**
     * The value.
     *
     * @return the value, if sent
     */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }

    /**
     * The NHS number verification status, from
     * {@code Extension-UKCore-NHSNumberVerificationStatus}, such as {@code 01} "Number present
     * and verified".
     *
     * @return the coding, if present
     */
    public Optional<Coding> verificationStatus() {
        return Optional.ofNullable(verificationStatus);
    }

    /**
     * Whether the verification status is {@code 01}, "Number present and verified".
     *
     * @return {@code true} when verified
     */
    public boolean isVerified() {
        return verificationStatus != null
                && verificationStatus.code().map("01"::equals).orElse(false);
    }

    /**
     * The system and status only.
     *
     * @return a masked form
     */
    @Override
    public String toString() {
        return "PatientIdentifier[system=" + system + ", value=***, verificationStatus="
                + (verificationStatus == null ? null : verificationStatus.code().orElse(null)) + "]";
    }
}
