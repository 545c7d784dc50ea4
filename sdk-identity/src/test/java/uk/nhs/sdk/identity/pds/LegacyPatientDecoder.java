package uk.nhs.sdk.identity.pds;

import static uk.nhs.sdk.identity.pds.internal.FhirJson.array;
import static uk.nhs.sdk.identity.pds.internal.FhirJson.extension;
import static uk.nhs.sdk.identity.pds.internal.FhirJson.firstCoding;
import static uk.nhs.sdk.identity.pds.internal.FhirJson.object;
import static uk.nhs.sdk.identity.pds.internal.FhirJson.text;
import static uk.nhs.sdk.identity.pds.internal.FhirJson.texts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.fhir.Coding;
import uk.nhs.sdk.identity.pds.internal.FhirJson;
import uk.nhs.sdk.identity.pds.internal.FhirJson.InvalidFhir;

/**
 * The oracle: the tree-based Patient decoder as it was before {@link PatientDecoder} (the
 * {@code Patient(JsonNode)} constructor, {@code FhirCodec}'s readers and {@code PdsClient.search}'s
 * entry loop at commit a81409f), unchanged but for building the Patient through its all-fields
 * constructor. The property tests compare the streaming decoder against it.
 */
final class LegacyPatientDecoder {
    static final String VERIFICATION_STATUS = FhirCodec.VERIFICATION_STATUS;
    static final String ADDRESS_KEY = FhirCodec.ADDRESS_KEY;
    static final String OTHER_CONTACT_SYSTEM = FhirCodec.OTHER_CONTACT_SYSTEM;
    static final String NOMINATED_PHARMACY = FhirCodec.NOMINATED_PHARMACY;
    static final String PREFERRED_DISPENSER = FhirCodec.PREFERRED_DISPENSER;
    static final String APPLIANCE_SUPPLIER = FhirCodec.APPLIANCE_SUPPLIER;
    static final String DEATH_NOTIFICATION = FhirCodec.DEATH_NOTIFICATION;
    static final String COMMUNICATION = FhirCodec.COMMUNICATION;
    static final String CONTACT_PREFERENCE = FhirCodec.CONTACT_PREFERENCE;
    static final String BIRTH_PLACE = FhirCodec.BIRTH_PLACE;
    static final String REMOVAL_FROM_REGISTRATION = FhirCodec.REMOVAL_FROM_REGISTRATION;

    private LegacyPatientDecoder() {}

    /** {@code Patient.fromJson} as it was, minus the wrapping exception. */
    static Patient patient(String json) {
        return patient(FhirJson.parse(json));
    }

    /** {@code PdsClient.search}'s loop over a Bundle's entries as it was. */
    static List<SearchMatch> matches(JsonNode body) {
        List<SearchMatch> matches = new ArrayList<>();
        for (JsonNode entry : FhirJson.array(body, "entry")) {
            JsonNode resource = FhirJson.object(entry, "resource")
                    .orElseThrow(() -> new InvalidFhir("a search entry has no resource"));
            double score = FhirJson.object(entry, "search")
                    .flatMap(s -> FhirJson.number(s, "score"))
                    .orElseThrow(() -> new InvalidFhir("a search entry has no search.score"));
            matches.add(new SearchMatch(patient(resource), score));
        }
        return matches;
    }

    /** The {@code Patient(JsonNode)} constructor as it was. */
    static Patient patient(JsonNode json) {
        if (!"Patient".equals(json.path("resourceType").asText(null))) {
            throw new InvalidFhir("the resource is not a Patient");
        }
        String id = FhirJson.text(json, "id").orElseThrow(() -> new InvalidFhir("the Patient has no id"));
        List<PatientIdentifier> identifiers = identifiers(json);
        JsonNode meta = FhirJson.object(json, "meta").orElse(null);
        Long version = FhirJson.text(meta, "versionId")
                .map(LegacyPatientDecoder::parseVersion)
                .orElse(null);
        List<JsonNode> security = FhirJson.array(meta, "security");
        Sensitivity sensitivity = security.isEmpty()
                ? Sensitivity.UNRESTRICTED
                : code(security.get(0), "code", Sensitivity::fromCode, "meta.security");
        List<PatientName> names = names(json);
        Gender gender = code(json, "gender", Gender::fromCode, "gender");
        FhirDate birthDate = date(json, "birthDate", "birthDate");
        Integer multipleBirthOrder =
                FhirJson.integer(json, "multipleBirthInteger").orElse(null);
        FhirDate deceased = date(json, "deceasedDateTime", "deceasedDateTime");
        List<Address> addresses = addresses(json);
        List<ContactPoint> telecom = telecom(json);
        List<OrganisationReference> generalPractitioners = organisations(json, "generalPractitioner");
        OrganisationReference managingOrganisation =
                organisation(json.get("managingOrganization"), "managingOrganization");
        OrganisationReference nominatedPharmacy = pharmacy(json, NOMINATED_PHARMACY, "nominatedPharmacy");
        OrganisationReference preferredDispenser = pharmacy(json, PREFERRED_DISPENSER, "preferredDispenser");
        OrganisationReference medicalApplianceSupplier = pharmacy(json, APPLIANCE_SUPPLIER, "medicalApplianceSupplier");
        Communication communication = communication(json);
        ContactPreference contactPreference = contactPreference(json);
        DeathNotification deathNotification = deathNotification(json);
        BirthPlace birthPlace = birthPlace(json);
        RegistrationRemoval removalFromRegistration = removal(json);
        return new Patient(
                id,
                identifiers,
                version,
                sensitivity,
                names,
                gender,
                birthDate,
                multipleBirthOrder,
                deceased,
                addresses,
                telecom,
                generalPractitioners,
                managingOrganisation,
                nominatedPharmacy,
                preferredDispenser,
                medicalApplianceSupplier,
                communication,
                contactPreference,
                deathNotification,
                birthPlace,
                removalFromRegistration,
                RawResource.written(FhirJson.write(json)));
    }

    static long parseVersion(String v) {
        if (!v.matches("[0-9]{1,18}")) {
            throw new InvalidFhir("meta.versionId is not a number");
        }
        return Long.parseLong(v);
    }

    static <E> E code(JsonNode node, String field, Function<String, Optional<E>> lookup, String where) {
        Optional<String> c = text(node, field);
        if (c.isEmpty()) {
            return null;
        }
        return lookup.apply(c.get()).orElseThrow(() -> new InvalidFhir(where + " has a code outside its code set"));
    }

    static FhirDate date(JsonNode node, String field, String where) {
        Optional<String> t = text(node, field);
        if (t.isEmpty()) {
            return null;
        }
        try {
            return FhirDate.parse(t.get());
        } catch (NhsValidationException e) {
            throw new InvalidFhir(where + " is not a FHIR date");
        }
    }

    static Period period(JsonNode parent, String field, String where) {
        Optional<JsonNode> p = object(parent, field);
        return p.map(n -> new Period(date(n, "start", where + ".start"), date(n, "end", where + ".end")))
                .orElse(null);
    }

    static List<PatientIdentifier> identifiers(JsonNode resource) {
        List<PatientIdentifier> out = new ArrayList<>();
        for (JsonNode i : array(resource, "identifier")) {
            Coding status = extension(i, VERIFICATION_STATUS)
                    .flatMap(e -> firstCoding(e.get("valueCodeableConcept")))
                    .orElse(null);
            out.add(new PatientIdentifier(
                    text(i, "system").orElse(null), text(i, "value").orElse(null), status));
        }
        return List.copyOf(out);
    }

    static List<PatientName> names(JsonNode resource) {
        List<PatientName> out = new ArrayList<>();
        for (JsonNode n : array(resource, "name")) {
            out.add(new PatientName(
                    text(n, "id").orElse(null),
                    code(n, "use", NameUse::fromCode, "name.use"),
                    period(n, "period", "name.period"),
                    texts(n, "prefix"),
                    texts(n, "given"),
                    text(n, "family").orElse(null),
                    texts(n, "suffix")));
        }
        return List.copyOf(out);
    }

    static List<Address> addresses(JsonNode resource) {
        List<Address> out = new ArrayList<>();
        for (JsonNode a : array(resource, "address")) {
            String paf = null;
            String uprn = null;
            for (JsonNode key : FhirJson.extensions(a, ADDRESS_KEY)) {
                String type = null;
                String value = null;
                for (JsonNode sub : array(key, "extension")) {
                    String url = text(sub, "url").orElse("");
                    if ("type".equals(url)) {
                        type = object(sub, "valueCoding")
                                .flatMap(c -> text(c, "code"))
                                .orElse(null);
                    } else if ("value".equals(url)) {
                        value = text(sub, "valueString").orElse(null);
                    }
                }
                if ("PAF".equals(type)) {
                    paf = value;
                } else if ("UPRN".equals(type)) {
                    uprn = value;
                }
            }
            out.add(new Address(
                    text(a, "id").orElse(null),
                    code(a, "use", AddressUse::fromCode, "address.use"),
                    period(a, "period", "address.period"),
                    text(a, "text").orElse(null),
                    texts(a, "line"),
                    text(a, "postalCode").orElse(null),
                    paf,
                    uprn));
        }
        return List.copyOf(out);
    }

    static List<ContactPoint> telecom(JsonNode resource) {
        List<ContactPoint> out = new ArrayList<>();
        for (JsonNode t : array(resource, "telecom")) {
            Coding other = extension(t, OTHER_CONTACT_SYSTEM)
                    .flatMap(e -> object(e, "valueCoding"))
                    .map(FhirJson::coding)
                    .orElse(null);
            out.add(new ContactPoint(
                    text(t, "id").orElse(null),
                    code(t, "system", ContactSystem::fromCode, "telecom.system"),
                    text(t, "value").orElse(null),
                    code(t, "use", ContactUse::fromCode, "telecom.use"),
                    period(t, "period", "telecom.period"),
                    other));
        }
        return List.copyOf(out);
    }

    /** An organisation reference: {@code {id?, identifier: {system, value, period?}}}. */
    static OrganisationReference organisation(JsonNode ref, String where) {
        if (ref == null || ref.isNull()) {
            return null;
        }
        JsonNode identifier = object(ref, "identifier").orElse(null);
        String ods = text(identifier, "value").orElse(null);
        if (ods == null) {
            throw new InvalidFhir(where + " has no identifier value");
        }
        return new OrganisationReference(
                text(ref, "id").orElse(null), ods, period(identifier, "period", where + ".period"));
    }

    static List<OrganisationReference> organisations(JsonNode resource, String field) {
        List<OrganisationReference> out = new ArrayList<>();
        for (JsonNode g : array(resource, field)) {
            out.add(organisation(g, field));
        }
        return List.copyOf(out);
    }

    static OrganisationReference pharmacy(JsonNode resource, String url, String where) {
        return extension(resource, url)
                .map(e -> organisation(object(e, "valueReference").orElse(null), where))
                .orElse(null);
    }

    private static Optional<JsonNode> sub(JsonNode ext, String url) {
        for (JsonNode s : array(ext, "extension")) {
            if (url.equals(s.path("url").asText(null))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    static Communication communication(JsonNode resource) {
        return extension(resource, COMMUNICATION)
                .map(e -> new Communication(
                        sub(e, "language")
                                .flatMap(s -> firstCoding(s.get("valueCodeableConcept")))
                                .orElse(null),
                        sub(e, "interpreterRequired")
                                .flatMap(s -> FhirJson.bool(s, "valueBoolean"))
                                .orElse(null)))
                .orElse(null);
    }

    static ContactPreference contactPreference(JsonNode resource) {
        return extension(resource, CONTACT_PREFERENCE)
                .map(e -> new ContactPreference(
                        sub(e, "PreferredWrittenCommunicationFormat")
                                .flatMap(s -> firstCoding(s.get("valueCodeableConcept")))
                                .orElse(null),
                        sub(e, "PreferredContactMethod")
                                .flatMap(s -> firstCoding(s.get("valueCodeableConcept")))
                                .orElse(null),
                        sub(e, "PreferredContactTimes")
                                .flatMap(s -> text(s, "valueString"))
                                .orElse(null)))
                .orElse(null);
    }

    static DeathNotification deathNotification(JsonNode resource) {
        return extension(resource, DEATH_NOTIFICATION)
                .map(e -> new DeathNotification(
                        sub(e, "deathNotificationStatus")
                                .flatMap(s -> firstCoding(s.get("valueCodeableConcept")))
                                .orElse(null),
                        sub(e, "systemEffectiveDate")
                                .map(s -> date(s, "valueDateTime", "deathNotification.systemEffectiveDate"))
                                .orElse(null)))
                .orElse(null);
    }

    static BirthPlace birthPlace(JsonNode resource) {
        return extension(resource, BIRTH_PLACE)
                .flatMap(e -> object(e, "valueAddress"))
                .map(a -> new BirthPlace(
                        text(a, "city").orElse(null),
                        text(a, "district").orElse(null),
                        text(a, "country").orElse(null)))
                .orElse(null);
    }

    static RegistrationRemoval removal(JsonNode resource) {
        return extension(resource, REMOVAL_FROM_REGISTRATION)
                .map(e -> new RegistrationRemoval(
                        sub(e, "removalFromRegistrationCode")
                                .flatMap(s -> firstCoding(s.get("valueCodeableConcept")))
                                .orElse(null),
                        sub(e, "effectiveTime")
                                .map(s -> period(s, "valuePeriod", "removalFromRegistration.effectiveTime"))
                                .orElse(null)))
                .orElse(null);
    }
}
