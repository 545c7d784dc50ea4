package uk.nhs.sdk.identity.pds;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.fhir.Coding;
import uk.nhs.sdk.identity.pds.internal.FhirJson.InvalidFhir;

/**
 * A patient as PDS returns it (FHIR R4 {@code Patient}, UK Core): identifiers, version and
 * confidentiality, names, gender, birth and death, addresses, telecom, GP practice, managing
 * organisation and the PDS extensions. Anything not modelled is in {@link #rawJson()}.
 *
 * <p>A search result carries less than a retrieval (only usual, nickname and temporary names,
 * the home address, no pharmacies, communication, contact preferences or birth place), and a
 * restricted patient carries no address, telecom or GP practice.
 *
 * <p>Immutable. Its {@code toString()} prints no patient data.
 */
@Immutable
public final class Patient {
    private final String id;
    private final List<PatientIdentifier> identifiers;
    private final Long version;
    private final Sensitivity sensitivity;
    private final List<PatientName> names;
    private final Gender gender;
    private final FhirDate birthDate;
    private final Integer multipleBirthOrder;
    private final FhirDate deceased;
    private final List<Address> addresses;
    private final List<ContactPoint> telecom;
    private final List<OrganisationReference> generalPractitioners;
    private final OrganisationReference managingOrganisation;
    private final OrganisationReference nominatedPharmacy;
    private final OrganisationReference preferredDispenser;
    private final OrganisationReference medicalApplianceSupplier;
    private final Communication communication;
    private final ContactPreference contactPreference;
    private final DeathNotification deathNotification;
    private final BirthPlace birthPlace;
    private final RegistrationRemoval removalFromRegistration;
    private final RawResource raw;

    /** A decoded Patient ({@link PatientDecoder}); its lists are immutable already, so copying them copies nothing. */
    Patient(
            String id,
            List<PatientIdentifier> identifiers,
            Long version,
            Sensitivity sensitivity,
            List<PatientName> names,
            Gender gender,
            FhirDate birthDate,
            Integer multipleBirthOrder,
            FhirDate deceased,
            List<Address> addresses,
            List<ContactPoint> telecom,
            List<OrganisationReference> generalPractitioners,
            OrganisationReference managingOrganisation,
            OrganisationReference nominatedPharmacy,
            OrganisationReference preferredDispenser,
            OrganisationReference medicalApplianceSupplier,
            Communication communication,
            ContactPreference contactPreference,
            DeathNotification deathNotification,
            BirthPlace birthPlace,
            RegistrationRemoval removalFromRegistration,
            RawResource raw) {
        this.id = id;
        this.identifiers = List.copyOf(identifiers);
        this.version = version;
        this.sensitivity = sensitivity;
        this.names = List.copyOf(names);
        this.gender = gender;
        this.birthDate = birthDate;
        this.multipleBirthOrder = multipleBirthOrder;
        this.deceased = deceased;
        this.addresses = List.copyOf(addresses);
        this.telecom = List.copyOf(telecom);
        this.generalPractitioners = generalPractitioners;
        this.managingOrganisation = managingOrganisation;
        this.nominatedPharmacy = nominatedPharmacy;
        this.preferredDispenser = preferredDispenser;
        this.medicalApplianceSupplier = medicalApplianceSupplier;
        this.communication = communication;
        this.contactPreference = contactPreference;
        this.deathNotification = deathNotification;
        this.birthPlace = birthPlace;
        this.removalFromRegistration = removalFromRegistration;
        this.raw = raw; // never changed or handed out; written as text only when asked for
    }

    /**
     * Reads a Patient resource from its JSON, as PDS returns it (for example one stored earlier).
     *
     * @param json the resource
     * @return the patient
     * @throws NhsDecodeException when the text is not a Patient of the shape PDS documents (the
     *     message names the field, never a value)
     */
    public static Patient fromJson(String json) {
        Objects.requireNonNull(json, "json");
        try {
            return PatientDecoder.patient(json);
        } catch (InvalidFhir e) {
            throw new NhsDecodeException("not a PDS Patient: " + e.getMessage(), CallDetails.none(), e);
        }
    }

    /**
     * The resource id: the NHS number of the record PDS returned, as sent. For a superseded
     * number this differs from the number asked for (see {@link RetrievedPatient#isSuperseded()}).
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * The resource id as an NHS number.
     *
     * @return the number, or empty when the id is not a valid NHS number (PDS's own sandbox has
     *     such test data)
     */
    public Optional<NhsNumber> nhsNumber() {
        return NhsNumber.isValid(id) ? Optional.of(NhsNumber.parse(id)) : Optional.empty();
    }

    /**
     * The identifiers (the NHS number with its verification status).
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<PatientIdentifier> identifiers() {
        return identifiers;
    }

    /**
     * The NHS number identifier's verification status, such as {@code 01} "Number present and
     * verified".
     *
     * @return the coding, if present
     */
    public Optional<Coding> nhsNumberVerificationStatus() {
        return identifiers.stream()
                .filter(i -> i.system()
                        .map(uk.nhs.sdk.core.fhir.Identifier.NHS_NUMBER_SYSTEM::equals)
                        .orElse(false))
                .map(PatientIdentifier::verificationStatus)
                .flatMap(Optional::stream)
                .findFirst();
    }

    /**
     * The record version, from {@code meta.versionId}. A retrieval also has it from the
     * {@code ETag}; see {@link RetrievedPatient#version()}.
     *
     * @return the version, if sent
     */
    public Optional<Long> version() {
        return Optional.ofNullable(version);
    }

    /**
     * The confidentiality of the record ({@code meta.security}); unrestricted when PDS sends none.
     *
     * @return the sensitivity
     */
    public Sensitivity sensitivity() {
        return sensitivity;
    }

    /**
     * The names, in PDS's order.
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<PatientName> names() {
        return names;
    }

    /**
     * The {@code usual} name (PDS allows exactly one).
     *
     * @return the name, if present
     */
    public Optional<PatientName> usualName() {
        return names.stream().filter(n -> n.use().orElse(null) == NameUse.USUAL).findFirst();
    }

    /**
     * The gender.
     *
     * @return the gender, if sent
     */
    public Optional<Gender> gender() {
        return Optional.ofNullable(gender);
    }

    /**
     * The date of birth (possibly partial).
     *
     * @return the date, if sent
     */
    public Optional<FhirDate> birthDate() {
        return Optional.ofNullable(birthDate);
    }

    /**
     * The multiple birth order: 1-7 the order of birth, 8 not applicable, 9 not known.
     *
     * @return the order, if sent
     */
    public Optional<Integer> multipleBirthOrder() {
        return Optional.ofNullable(multipleBirthOrder);
    }

    /**
     * The date and time of death ({@code deceasedDateTime}), possibly partial.
     *
     * @return the date-time, if the patient has died and it is known
     */
    public Optional<FhirDate> deceasedDateTime() {
        return Optional.ofNullable(deceased);
    }

    /**
     * Whether PDS records a date of death.
     *
     * @return {@code true} when {@code deceasedDateTime} is present
     */
    public boolean isDeceased() {
        return deceased != null;
    }

    /**
     * The addresses (none for a restricted patient).
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<Address> addresses() {
        return addresses;
    }

    /**
     * The {@code home} address.
     *
     * @return the address, if present
     */
    public Optional<Address> homeAddress() {
        return addresses.stream()
                .filter(a -> a.use().orElse(null) == AddressUse.HOME)
                .findFirst();
    }

    /**
     * The telecom entries (none for a restricted patient).
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<ContactPoint> telecom() {
        return telecom;
    }

    /**
     * The registered GP practice (PDS supports one; none for a restricted patient).
     *
     * @return the practice, if present
     */
    public Optional<OrganisationReference> generalPractitioner() {
        return generalPractitioners.stream().findFirst();
    }

    /**
     * The managing organisation (internal use by PDS).
     *
     * @return the organisation, if sent
     */
    public Optional<OrganisationReference> managingOrganisation() {
        return Optional.ofNullable(managingOrganisation);
    }

    /**
     * The nominated pharmacy ({@code Extension-UKCore-NominatedPharmacy}).
     *
     * @return the pharmacy, if present
     */
    public Optional<OrganisationReference> nominatedPharmacy() {
        return Optional.ofNullable(nominatedPharmacy);
    }

    /**
     * The preferred dispenser ({@code Extension-UKCore-PreferredDispenserOrganization}).
     *
     * @return the dispenser, if present
     */
    public Optional<OrganisationReference> preferredDispenser() {
        return Optional.ofNullable(preferredDispenser);
    }

    /**
     * The medical appliance supplier ({@code Extension-UKCore-MedicalApplianceSupplier}).
     *
     * @return the supplier, if present
     */
    public Optional<OrganisationReference> medicalApplianceSupplier() {
        return Optional.ofNullable(medicalApplianceSupplier);
    }

    /**
     * Language and interpreter needs ({@code Extension-UKCore-NHSCommunication}).
     *
     * @return the needs, if present
     */
    public Optional<Communication> communication() {
        return Optional.ofNullable(communication);
    }

    /**
     * Contact preferences ({@code Extension-UKCore-ContactPreference}).
     *
     * @return the preferences, if present
     */
    public Optional<ContactPreference> contactPreference() {
        return Optional.ofNullable(contactPreference);
    }

    /**
     * The death notification status ({@code Extension-UKCore-DeathNotificationStatus}).
     *
     * @return the status, if present
     */
    public Optional<DeathNotification> deathNotification() {
        return Optional.ofNullable(deathNotification);
    }

    /**
     * The place of birth ({@code patient-birthPlace}).
     *
     * @return the place, if present
     */
    public Optional<BirthPlace> birthPlace() {
        return Optional.ofNullable(birthPlace);
    }

    /**
     * The removal from GP registration ({@code Extension-PDS-RemovalFromRegistration}).
     *
     * @return the removal, if present
     */
    public Optional<RegistrationRemoval> removalFromRegistration() {
        return Optional.ofNullable(removalFromRegistration);
    }

    /**
     * The whole resource as JSON, for anything this model does not expose (for example
     * {@code contact}). It is patient data: never log it.
     *
     * @return the JSON text
     */
    public String rawJson() {
        return raw.text();
    }

    /**
     * Only the version and sensitivity: everything else is patient data.
     *
     * @return for example {@code Patient[version=2, sensitivity=RESTRICTED]}
     */
    @Override
    public String toString() {
        return "Patient[version=" + version + ", sensitivity=" + sensitivity + "]";
    }
}
