package uk.nhs.sdk.identity.pds;

import java.util.Objects;
import java.util.Optional;

/**
 * A reference to an organisation by ODS code, as PDS uses it for the registered GP practice,
 * the managing organisation and the pharmacy extensions.
 */
public final class OrganisationReference {
    private final String id;
    private final String odsCode;
    private final Period period;

    OrganisationReference(String id, String odsCode, Period period) {
        this.id = id;
        this.odsCode = odsCode;
        this.period = period;
    }

    /**
     * The object id PDS gave this reference (the GP practice has one).
     *
     * @return the id, if sent
     */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /**
     * The organisation's ODS code, from {@code identifier.value} (system
     * {@code https://fhir.nhs.uk/Id/ods-organization-code}).
     *
     * @return the code as sent, such as {@code Y12345}
     */
    public String odsCode() {
        return odsCode;
    }

    /**
     * When the reference applied.
     *
     * @return the period, if sent
     */
    public Optional<Period> period() {
        return Optional.ofNullable(period);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrganisationReference
                && Objects.equals(((OrganisationReference) o).id, id)
                && ((OrganisationReference) o).odsCode.equals(odsCode)
                && Objects.equals(((OrganisationReference) o).period, period);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, odsCode, period);
    }

    /**
     * Not the ODS code: a patient's GP practice or pharmacy says where they live (PDS withholds the
     * practice of a restricted patient for that reason).
     *
     * @return {@code OrganisationReference[***]}
     */
    @Override
    public String toString() {
        return "OrganisationReference[***]";
    }
}
