package uk.nhs.sdk.identity.pds;

import static uk.nhs.sdk.identity.pds.internal.FhirJson.array;
import static uk.nhs.sdk.identity.pds.internal.FhirJson.extension;
import static uk.nhs.sdk.identity.pds.internal.FhirJson.firstCoding;
import static uk.nhs.sdk.identity.pds.internal.FhirJson.object;
import static uk.nhs.sdk.identity.pds.internal.FhirJson.text;
import static uk.nhs.sdk.identity.pds.internal.FhirJson.texts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.fhir.Coding;
import uk.nhs.sdk.identity.pds.internal.FhirJson;
import uk.nhs.sdk.identity.pds.internal.FhirJson.InvalidFhir;

/**
 * Reads the parts of a RelatedPerson from JSON trees, and writes the parts a patch adds. Package
 * private: the public types expose only JDK and SDK types.
 */
final class FhirCodec {
    static final String VERIFICATION_STATUS =
            "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus";
    static final String ADDRESS_KEY = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-AddressKey";
    static final String ADDRESS_KEY_TYPE = "https://fhir.hl7.org.uk/CodeSystem/UKCore-AddressKeyType";
    static final String OTHER_CONTACT_SYSTEM =
            "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-OtherContactSystem";
    static final String NOMINATED_PHARMACY =
            "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NominatedPharmacy";
    static final String PREFERRED_DISPENSER =
            "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-PreferredDispenserOrganization";
    static final String APPLIANCE_SUPPLIER =
            "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicalApplianceSupplier";
    static final String DEATH_NOTIFICATION =
            "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-DeathNotificationStatus";
    static final String COMMUNICATION = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSCommunication";
    static final String CONTACT_PREFERENCE =
            "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-ContactPreference";
    static final String BIRTH_PLACE = "http://hl7.org/fhir/StructureDefinition/patient-birthPlace";
    static final String REMOVAL_FROM_REGISTRATION =
            "https://fhir.nhs.uk/StructureDefinition/Extension-PDS-RemovalFromRegistration";
    static final String COPY_CORRESPONDENCE =
            "https://fhir.nhs.uk/R4/StructureDefinition/Extension-UKCore-CopyCorrespondenceIndicator";
    static final String CONTACT_RANK = "https://fhir.nhs.uk/R4/StructureDefinition/Extension-UKCore-ContactRank";
    static final String ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";

    private FhirCodec() {}

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

    static Boolean copyCorrespondence(JsonNode resource) {
        return extension(resource, COPY_CORRESPONDENCE)
                .flatMap(e -> FhirJson.bool(e, "valueBoolean"))
                .orElse(null);
    }

    static Integer contactRank(JsonNode resource) {
        return extension(resource, CONTACT_RANK)
                .flatMap(e -> FhirJson.integer(e, "valuePositiveInt"))
                .orElse(null);
    }

    // ---- writing the parts a patch adds ----

    static ObjectNode write(Period p) {
        ObjectNode o = FhirJson.object();
        p.start().ifPresent(s -> o.put("start", s.text()));
        p.end().ifPresent(e -> o.put("end", e.text()));
        return o;
    }

    private static void strings(ObjectNode o, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode a = o.putArray(field);
            values.forEach(a::add);
        }
    }

    static ObjectNode write(PatientName n) {
        ObjectNode o = FhirJson.object();
        n.id().ifPresent(v -> o.put("id", v));
        n.use().ifPresent(v -> o.put("use", v.code()));
        n.period().ifPresent(v -> o.set("period", write(v)));
        strings(o, "prefix", n.prefixes());
        strings(o, "given", n.given());
        n.family().ifPresent(v -> o.put("family", v));
        strings(o, "suffix", n.suffixes());
        return o;
    }

    static ObjectNode write(Address a) {
        ObjectNode o = FhirJson.object();
        a.id().ifPresent(v -> o.put("id", v));
        a.period().ifPresent(v -> o.set("period", write(v)));
        a.use().ifPresent(v -> o.put("use", v.code()));
        a.text().ifPresent(v -> o.put("text", v));
        strings(o, "line", a.lines());
        a.postalCode().ifPresent(v -> o.put("postalCode", v));
        if (a.pafKey().isPresent() || a.uprn().isPresent()) {
            ArrayNode ext = o.putArray("extension");
            a.pafKey().ifPresent(v -> ext.add(addressKey("PAF", v)));
            a.uprn().ifPresent(v -> ext.add(addressKey("UPRN", v)));
        }
        return o;
    }

    private static ObjectNode addressKey(String type, String value) {
        ObjectNode key = FhirJson.object();
        key.put("url", ADDRESS_KEY);
        ArrayNode subs = key.putArray("extension");
        ObjectNode t = subs.addObject();
        t.put("url", "type");
        ObjectNode coding = t.putObject("valueCoding");
        coding.put("system", ADDRESS_KEY_TYPE);
        coding.put("code", type);
        ObjectNode v = subs.addObject();
        v.put("url", "value");
        v.put("valueString", value);
        return key;
    }

    static ObjectNode write(ContactPoint c) {
        ObjectNode o = FhirJson.object();
        c.id().ifPresent(v -> o.put("id", v));
        c.period().ifPresent(v -> o.set("period", write(v)));
        c.system().ifPresent(v -> o.put("system", v.code()));
        c.value().ifPresent(v -> o.put("value", v));
        c.use().ifPresent(v -> o.put("use", v.code()));
        return o;
    }
}
