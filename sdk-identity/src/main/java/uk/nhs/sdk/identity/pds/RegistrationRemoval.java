package uk.nhs.sdk.identity.pds;

import java.util.Optional;
import uk.nhs.sdk.core.fhir.Coding;

/**
 * Why and when the patient was removed from GP registration, from
 * {@code Extension-PDS-RemovalFromRegistration}: an exit code (system
 * {@code PDS-RemovalReasonExitCode}, such as {@code SCT} "Transferred to Scotland") and its
 * effective period.
 */
public final class RegistrationRemoval {
    private final Coding reason;
    private final Period effective;

    RegistrationRemoval(Coding reason, Period effective) {
        this.reason = reason;
        this.effective = effective;
    }

    /**
     * The removal reason ({@code removalFromRegistrationCode}).
     *
     * @return the coding, if sent
     */
    public Optional<Coding> reason() {
        return Optional.ofNullable(reason);
    }

    /**
     * When the removal applied ({@code effectiveTime}).
     *
     * @return the period, if sent
     */
    public Optional<Period> effective() {
        return Optional.ofNullable(effective);
    }

    /**
     * Nothing of the removal: its reason (death, embarkation, ...) is patient data.
     *
     * @return {@code RegistrationRemoval[***]}
     */
    @Override
    public String toString() {
        return "RegistrationRemoval[***]";
    }
}
