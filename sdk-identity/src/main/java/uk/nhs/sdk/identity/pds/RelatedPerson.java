package uk.nhs.sdk.identity.pds;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.fhir.Coding;
import uk.nhs.sdk.identity.pds.internal.FhirJson;
import uk.nhs.sdk.identity.pds.internal.FhirJson.InvalidFhir;

/**
 * A person related to a patient (next of kin, guardian, ...), as PDS returns it (FHIR R4
 * {@code RelatedPerson}): either a reference to the person's own PDS record by NHS number, or
 * their details (name, address, telecom) held on the resource; plus the relationship and the
 * contact extensions.
 *
 * <p>If the referenced person is restricted, PDS removes their address and telecom. Immutable;
 * its {@code toString()} prints no personal data.
 */
public final class RelatedPerson {
    private final String id;
    private final String relatedNhsNumber;
    private final Boolean active;
    private final Period period;
    private final List<PatientName> names;
    private final List<Address> addresses;
    private final List<ContactPoint> telecom;
    private final Coding relationship;
    private final Boolean copyCorrespondence;
    private final Integer contactRank;
    private final ContactPreference contactPreference;
    private final Communication communication;
    private final String rawJson;

    RelatedPerson(JsonNode json) {
        if (!"RelatedPerson".equals(json.path("resourceType").asText(null))) {
            throw new InvalidFhir("the resource is not a RelatedPerson");
        }
        this.id = FhirJson.text(json, "id").orElse(null);
        this.relatedNhsNumber = FhirJson.object(json, "patient")
                .flatMap(p -> FhirJson.object(p, "identifier"))
                .flatMap(i -> FhirJson.text(i, "value"))
                .orElse(null);
        this.active = FhirJson.bool(json, "active").orElse(null);
        this.period = FhirCodec.period(json, "period", "period");
        this.names = FhirCodec.names(json);
        this.addresses = FhirCodec.addresses(json);
        this.telecom = List.copyOf(FhirCodec.telecom(json));
        this.relationship = FhirJson.array(json, "relationship").stream()
                .findFirst()
                .flatMap(FhirJson::firstCoding)
                .orElse(null);
        this.copyCorrespondence = FhirCodec.copyCorrespondence(json);
        this.contactRank = FhirCodec.contactRank(json);
        this.contactPreference = FhirCodec.contactPreference(json);
        this.communication = FhirCodec.communication(json);
        this.rawJson = FhirJson.write(json);
    }

    /**
     * The resource id.
     *
     * @return the id, if sent
     */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /**
     * The related person's own NHS number, when PDS refers to their record
     * ({@code patient.identifier.value}); retrieve it with {@link PdsClient#getPatient}.
     *
     * @return the number, or empty when the details are held here instead (or the value is not a
     *     valid NHS number)
     */
    public Optional<NhsNumber> nhsNumber() {
        return relatedNhsNumber != null && NhsNumber.isValid(relatedNhsNumber)
                ? Optional.of(NhsNumber.parse(relatedNhsNumber))
                : Optional.empty();
    }

    /**
     * Whether the relationship is active.
     *
     * @return the flag, if sent
     */
    public Optional<Boolean> active() {
        return Optional.ofNullable(active);
    }

    /**
     * When the relationship applied.
     *
     * @return the period, if sent
     */
    public Optional<Period> period() {
        return Optional.ofNullable(period);
    }

    /**
     * The name held on the resource (at most one).
     *
     * @return the name, if present
     */
    public Optional<PatientName> name() {
        return names.stream().findFirst();
    }

    /**
     * The address held on the resource (at most one).
     *
     * @return the address, if present
     */
    public Optional<Address> address() {
        return addresses.stream().findFirst();
    }

    /**
     * The telecom entries (up to five).
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<ContactPoint> telecom() {
        return telecom;
    }

    /**
     * The relationship to the patient, such as {@code Guardian} (system
     * {@code UKCore-AdditionalRelatedPersonRole}) or a v3 role code.
     *
     * @return the coding, if sent
     */
    public Optional<Coding> relationship() {
        return Optional.ofNullable(relationship);
    }

    /**
     * Whether correspondence is copied to this person ({@code CopyCorrespondenceIndicator}).
     *
     * @return the flag, if sent
     */
    public Optional<Boolean> copyCorrespondence() {
        return Optional.ofNullable(copyCorrespondence);
    }

    /**
     * The contact rank ({@code ContactRank}, 1 first).
     *
     * @return the rank, if sent
     */
    public Optional<Integer> contactRank() {
        return Optional.ofNullable(contactRank);
    }

    /**
     * The person's contact preferences.
     *
     * @return the preferences, if present
     */
    public Optional<ContactPreference> contactPreference() {
        return Optional.ofNullable(contactPreference);
    }

    /**
     * The person's language and interpreter needs.
     *
     * @return the needs, if present
     */
    public Optional<Communication> communication() {
        return Optional.ofNullable(communication);
    }

    /**
     * The whole resource as JSON. It is personal data: never log it.
     *
     * @return the JSON text
     */
    public String rawJson() {
        return rawJson;
    }

    /**
     * Nothing of the person or the relationship: both are personal data.
     *
     * @return {@code RelatedPerson[***]}
     */
    @Override
    public String toString() {
        return "RelatedPerson[***]";
    }
}
