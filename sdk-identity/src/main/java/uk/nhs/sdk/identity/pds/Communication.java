package uk.nhs.sdk.identity.pds;

import java.util.Optional;
import uk.nhs.sdk.core.fhir.Coding;

/**
 * The patient's communication needs, from {@code Extension-UKCore-NHSCommunication}: preferred
 * language (PDS never sends English) and whether an interpreter is required.
 */
public final class Communication {
    private final Coding language;
    private final Boolean interpreterRequired;

    Communication(Coding language, Boolean interpreterRequired) {
        this.language = language;
        this.interpreterRequired = interpreterRequired;
    }

    /**
     * The preferred language (system {@code UKCore-HumanLanguage}), such as {@code fr}.
     *
     * @return the coding, if sent
     */
    public Optional<Coding> language() {
        return Optional.ofNullable(language);
    }

    /**
     * Whether an interpreter is required.
     *
     * @return the flag, if sent
     */
    public Optional<Boolean> interpreterRequired() {
        return Optional.ofNullable(interpreterRequired);
    }

    /**
     * Nothing of the needs: a patient's language and need of an interpreter are patient data.
     *
     * @return {@code Communication[***]}
     */
    @Override
    public String toString() {
        return "Communication[***]";
    }
}
