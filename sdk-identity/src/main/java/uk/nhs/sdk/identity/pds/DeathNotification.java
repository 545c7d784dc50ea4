package uk.nhs.sdk.identity.pds;

import java.util.Optional;
import uk.nhs.sdk.core.fhir.Coding;

/**
 * The death notification status, from {@code Extension-UKCore-DeathNotificationStatus}:
 * {@code 1} informal, {@code 2} formal (from the Registrar of Deaths), {@code U} removed; and the
 * date the status took effect.
 */
public final class DeathNotification {
    private final Coding status;
    private final FhirDate systemEffectiveDate;

    DeathNotification(Coding status, FhirDate systemEffectiveDate) {
        this.status = status;
        this.systemEffectiveDate = systemEffectiveDate;
    }

    /**
     * The status coding ({@code deathNotificationStatus}).
     *
     * @return the coding, if sent
     */
    public Optional<Coding> status() {
        return Optional.ofNullable(status);
    }

    /**
     * Whether the status is {@code 2}, formal: PDS then refuses changes to the date of death from
     * most systems.
     *
     * @return {@code true} for a formal notification
     */
    public boolean isFormal() {
        return status != null && status.code().map("2"::equals).orElse(false);
    }

    /**
     * When the status took effect ({@code systemEffectiveDate}).
     *
     * @return the date-time, if sent
     */
    public Optional<FhirDate> systemEffectiveDate() {
        return Optional.ofNullable(systemEffectiveDate);
    }

    /**
     * Nothing of the status: whether a patient has died is patient data.
     *
     * @return {@code DeathNotification[***]}
     */
    @Override
    public String toString() {
        return "DeathNotification[***]";
    }
}
