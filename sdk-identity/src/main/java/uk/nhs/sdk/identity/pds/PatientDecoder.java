package uk.nhs.sdk.identity.pds;

import static uk.nhs.sdk.identity.pds.PrunedJson.array;
import static uk.nhs.sdk.identity.pds.PrunedJson.extension;
import static uk.nhs.sdk.identity.pds.PrunedJson.firstCoding;
import static uk.nhs.sdk.identity.pds.PrunedJson.get;
import static uk.nhs.sdk.identity.pds.PrunedJson.object;
import static uk.nhs.sdk.identity.pds.PrunedJson.text;
import static uk.nhs.sdk.identity.pds.PrunedJson.texts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.fhir.Coding;
import uk.nhs.sdk.identity.pds.PrunedJson.Obj;
import uk.nhs.sdk.identity.pds.PrunedJson.Schema;
import uk.nhs.sdk.identity.pds.internal.FhirJson;
import uk.nhs.sdk.identity.pds.internal.FhirJson.InvalidFhir;

/**
 * Decodes a PDS Patient, and a search Bundle of them, in one streaming pass ({@link PrunedJson})
 * without a Jackson tree. It reads each field with the rules, and in the order, of the tree-based
 * decoder it replaced (kept in the tests as the oracle), so a malformed resource fails on the same
 * field with the same message. Package private.
 */
final class PatientDecoder {
    private static final Schema CODING = Schema.object().values("system", "code", "display");
    private static final Schema CONCEPT = Schema.object().field("coding", Schema.arrayOf(CODING));
    private static final Schema PERIOD = Schema.object().values("start", "end");
    private static final Schema ORGANISATION = Schema.object()
            .values("id")
            .field("identifier", Schema.object().values("value").field("period", PERIOD));
    private static final Schema STRINGS = Schema.arrayOf(Schema.VALUE);
    /** An extension's {@code url}: the readers only compare it with these. */
    private static final Schema URL = Schema.oneOf(
            FhirCodec.VERIFICATION_STATUS,
            FhirCodec.ADDRESS_KEY,
            FhirCodec.OTHER_CONTACT_SYSTEM,
            FhirCodec.NOMINATED_PHARMACY,
            FhirCodec.PREFERRED_DISPENSER,
            FhirCodec.APPLIANCE_SUPPLIER,
            FhirCodec.COMMUNICATION,
            FhirCodec.CONTACT_PREFERENCE,
            FhirCodec.DEATH_NOTIFICATION,
            FhirCodec.BIRTH_PLACE,
            FhirCodec.REMOVAL_FROM_REGISTRATION,
            "type",
            "value",
            "language",
            "interpreterRequired",
            "PreferredWrittenCommunicationFormat",
            "PreferredContactMethod",
            "PreferredContactTimes",
            "deathNotificationStatus",
            "systemEffectiveDate",
            "removalFromRegistrationCode",
            "effectiveTime");
    /**
     * Extensions, and their sub-extensions: the readers look no deeper, so a sub-extension's own
     * {@code extension} is skipped. The schema is not recursive, so the parser's recursion is bounded
     * by the schema, not by how deeply the input nests.
     */
    private static final Schema EXTENSIONS = Schema.arrayOf(extensionSchema(Schema.arrayOf(extensionSchema(null))));

    /** The fields a Patient's readers look at; its offsets are kept for {@link Patient#rawJson()}. */
    static final Schema PATIENT = Schema.spanned()
            .values("resourceType", "id", "gender", "birthDate", "multipleBirthInteger", "deceasedDateTime")
            .field(
                    "identifier",
                    Schema.arrayOf(Schema.object().values("system", "value").field("extension", EXTENSIONS)))
            .field(
                    "meta",
                    Schema.object()
                            .values("versionId")
                            .field("security", Schema.arrayOf(Schema.object().values("code"))))
            .field(
                    "name",
                    Schema.arrayOf(Schema.object()
                            .values("id", "use", "family")
                            .field("period", PERIOD)
                            .field("prefix", STRINGS)
                            .field("given", STRINGS)
                            .field("suffix", STRINGS)))
            .field(
                    "address",
                    Schema.arrayOf(Schema.object()
                            .values("id", "use", "text", "postalCode")
                            .field("period", PERIOD)
                            .field("line", STRINGS)
                            .field("extension", EXTENSIONS)))
            .field(
                    "telecom",
                    Schema.arrayOf(Schema.object()
                            .values("id", "system", "value", "use")
                            .field("period", PERIOD)
                            .field("extension", EXTENSIONS)))
            .field("generalPractitioner", Schema.arrayOf(ORGANISATION))
            .field("managingOrganization", ORGANISATION)
            .field("extension", EXTENSIONS);

    /** A search answer: a Bundle of Patients with scores, or an OperationOutcome (only its type is kept). */
    static final Schema SEARCH = Schema.object()
            .values("resourceType")
            .field(
                    "entry",
                    Schema.arrayOf(Schema.object()
                            .field("resource", PATIENT)
                            .field("search", Schema.object().values("score"))));

    private PatientDecoder() {}

    /** An extension's fields the readers look at; {@code subs}, when given, keeps its sub-extensions. */
    private static Schema extensionSchema(Schema subs) {
        Schema e = Schema.object()
                .field("url", URL)
                .values("valueBoolean", "valueString", "valueDateTime")
                .field("valueCodeableConcept", CONCEPT)
                .field("valueCoding", CODING)
                .field("valueReference", ORGANISATION)
                .field("valuePeriod", PERIOD)
                .field("valueAddress", Schema.object().values("city", "district", "country"));
        return subs == null ? e : e.field("extension", subs);
    }

    /**
     * Reads a Patient resource from the response's bytes.
     *
     * @throws InvalidFhir when they are not a Patient of the documented shape
     */
    static Patient patient(byte[] body) {
        return patient(PrunedJson.parse(body, PATIENT), RawResource.of(body));
    }

    /**
     * Reads a Patient resource from text.
     *
     * @throws InvalidFhir when it is not a Patient of the documented shape
     */
    static Patient patient(String json) {
        return patient(PrunedJson.parse(json, PATIENT), RawResource.of(json));
    }

    /**
     * Parses a search answer with {@link #SEARCH}.
     *
     * @throws InvalidFhir when the bytes are empty or not JSON
     */
    static Object searchDocument(byte[] body) {
        return PrunedJson.parse(body, SEARCH);
    }

    /** The {@code resourceType} of a parsed document, {@code ""} when it has no textual one. */
    static String resourceType(Object document) {
        return get(document, "resourceType") instanceof String s ? s : "";
    }

    /**
     * The matches of a parsed search Bundle, in order.
     *
     * @param bundle the Bundle, parsed with {@link #SEARCH}
     * @param body the bytes it was parsed from (each Patient's raw JSON is its slice of them)
     * @throws InvalidFhir when an entry is not as documented
     */
    static List<SearchMatch> matches(Object bundle, byte[] body) {
        List<Object> entries = array(bundle, "entry");
        List<SearchMatch> matches = new ArrayList<>(entries.size());
        JsonNode tree = null;
        for (int i = 0; i < entries.size(); i++) {
            Object entry = entries.get(i);
            Obj resource = object(entry, "resource");
            if (resource == null) {
                throw new InvalidFhir("a search entry has no resource");
            }
            Obj search = object(entry, "search");
            Double score = search == null ? null : PrunedJson.number(search, "score");
            if (score == null) {
                throw new InvalidFhir("a search entry has no search.score");
            }
            RawResource raw;
            if (resource.start >= 0 && resource.end > resource.start) {
                raw = RawResource.of(body, resource.start, resource.end);
            } else {
                // no byte offsets (a body Jackson read as UTF-16 or UTF-32): the entry written from a
                // tree of the body, parsed once for all the entries
                tree = tree == null ? FhirJson.parse(body) : tree;
                raw = RawResource.written(
                        FhirJson.write(tree.get("entry").get(i).get("resource")));
            }
            matches.add(new SearchMatch(patient(resource, raw), score));
        }
        return matches;
    }

    static Patient patient(Object json, RawResource raw) {
        if (!"Patient".equals(get(json, "resourceType"))) {
            throw new InvalidFhir("the resource is not a Patient");
        }
        String id = text(json, "id");
        if (id == null) {
            throw new InvalidFhir("the Patient has no id");
        }
        List<PatientIdentifier> identifiers = identifiers(json);
        Obj meta = object(json, "meta");
        String versionId = text(meta, "versionId");
        Long version = versionId == null ? null : parseVersion(versionId);
        List<Object> security = array(meta, "security");
        Sensitivity sensitivity = security.isEmpty()
                ? Sensitivity.UNRESTRICTED
                : code(security.get(0), "code", Sensitivity::fromCode, "meta.security");
        List<PatientName> names = names(json);
        Gender gender = code(json, "gender", Gender::fromCode, "gender");
        FhirDate birthDate = date(json, "birthDate", "birthDate");
        Integer multipleBirthOrder = PrunedJson.integer(json, "multipleBirthInteger");
        FhirDate deceased = date(json, "deceasedDateTime", "deceasedDateTime");
        List<Address> addresses = addresses(json);
        List<ContactPoint> telecom = telecom(json);
        List<OrganisationReference> gps = organisations(json, "generalPractitioner");
        OrganisationReference managing = organisation(get(json, "managingOrganization"), "managingOrganization");
        OrganisationReference nominated = pharmacy(json, FhirCodec.NOMINATED_PHARMACY, "nominatedPharmacy");
        OrganisationReference dispenser = pharmacy(json, FhirCodec.PREFERRED_DISPENSER, "preferredDispenser");
        OrganisationReference appliance = pharmacy(json, FhirCodec.APPLIANCE_SUPPLIER, "medicalApplianceSupplier");
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
                gps,
                managing,
                nominated,
                dispenser,
                appliance,
                communication(json),
                contactPreference(json),
                deathNotification(json),
                birthPlace(json),
                removal(json),
                raw);
    }

    /** 1 to 18 ASCII digits. */
    static long parseVersion(String v) {
        int n = v.length();
        if (n < 1 || n > 18) {
            throw new InvalidFhir("meta.versionId is not a number");
        }
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidFhir("meta.versionId is not a number");
            }
        }
        return Long.parseLong(v);
    }

    private static <E> E code(Object node, String field, Function<String, Optional<E>> lookup, String where) {
        String c = text(node, field);
        if (c == null) {
            return null;
        }
        return lookup.apply(c).orElseThrow(() -> new InvalidFhir(where + " has a code outside its code set"));
    }

    private static FhirDate date(Object node, String field, String where) {
        return date(node, field, where, "");
    }

    /** A date; {@code where + suffix} names it in the failure (joined only then). */
    private static FhirDate date(Object node, String field, String where, String suffix) {
        String t = text(node, field);
        if (t == null) {
            return null;
        }
        try {
            return FhirDate.parse(t);
        } catch (NhsValidationException e) {
            throw new InvalidFhir(where + suffix + " is not a FHIR date");
        }
    }

    private static Period period(Object parent, String field, String where) {
        return period(parent, field, where, "");
    }

    private static Period period(Object parent, String field, String where, String suffix) {
        Obj p = object(parent, field);
        if (p == null) {
            return null;
        }
        boolean plain = suffix.isEmpty();
        return new Period(
                date(p, "start", where, plain ? ".start" : suffix + ".start"),
                date(p, "end", where, plain ? ".end" : suffix + ".end"));
    }

    private static List<PatientIdentifier> identifiers(Object resource) {
        List<Object> in = array(resource, "identifier");
        List<PatientIdentifier> out = new ArrayList<>(in.size());
        for (int k = 0; k < in.size(); k++) {
            Object i = in.get(k);
            Object e = extension(i, FhirCodec.VERIFICATION_STATUS);
            Coding status = e == null ? null : firstCoding(get(e, "valueCodeableConcept"));
            out.add(new PatientIdentifier(text(i, "system"), text(i, "value"), status));
        }
        return List.copyOf(out);
    }

    private static List<PatientName> names(Object resource) {
        List<Object> in = array(resource, "name");
        List<PatientName> out = new ArrayList<>(in.size());
        for (int k = 0; k < in.size(); k++) {
            Object n = in.get(k);
            out.add(new PatientName(
                    text(n, "id"),
                    code(n, "use", NameUse::fromCode, "name.use"),
                    period(n, "period", "name.period"),
                    texts(n, "prefix"),
                    texts(n, "given"),
                    text(n, "family"),
                    texts(n, "suffix")));
        }
        return List.copyOf(out);
    }

    private static List<Address> addresses(Object resource) {
        List<Object> in = array(resource, "address");
        List<Address> out = new ArrayList<>(in.size());
        for (int k = 0; k < in.size(); k++) {
            Object a = in.get(k);
            String paf = null;
            String uprn = null;
            List<Object> keys = array(a, "extension");
            for (int k2 = 0; k2 < keys.size(); k2++) {
                Object key = keys.get(k2);
                if (!FhirCodec.ADDRESS_KEY.equals(get(key, "url"))) {
                    continue;
                }
                String type = null;
                String value = null;
                List<Object> subs = array(key, "extension");
                for (int k3 = 0; k3 < subs.size(); k3++) {
                    Object sub = subs.get(k3);
                    String url = text(sub, "url");
                    if ("type".equals(url)) {
                        Obj c = object(sub, "valueCoding");
                        type = c == null ? null : text(c, "code");
                    } else if ("value".equals(url)) {
                        value = text(sub, "valueString");
                    }
                }
                if ("PAF".equals(type)) {
                    paf = value;
                } else if ("UPRN".equals(type)) {
                    uprn = value;
                }
            }
            out.add(new Address(
                    text(a, "id"),
                    code(a, "use", AddressUse::fromCode, "address.use"),
                    period(a, "period", "address.period"),
                    text(a, "text"),
                    texts(a, "line"),
                    text(a, "postalCode"),
                    paf,
                    uprn));
        }
        return List.copyOf(out);
    }

    private static List<ContactPoint> telecom(Object resource) {
        List<Object> in = array(resource, "telecom");
        List<ContactPoint> out = new ArrayList<>(in.size());
        for (int k = 0; k < in.size(); k++) {
            Object t = in.get(k);
            Object e = extension(t, FhirCodec.OTHER_CONTACT_SYSTEM);
            Obj c = e == null ? null : object(e, "valueCoding");
            Coding other = c == null ? null : PrunedJson.coding(c);
            out.add(new ContactPoint(
                    text(t, "id"),
                    code(t, "system", ContactSystem::fromCode, "telecom.system"),
                    text(t, "value"),
                    code(t, "use", ContactUse::fromCode, "telecom.use"),
                    period(t, "period", "telecom.period"),
                    other));
        }
        return List.copyOf(out);
    }

    /** An organisation reference: {@code {id?, identifier: {system, value, period?}}}. */
    private static OrganisationReference organisation(Object ref, String where) {
        if (ref == null || ref == PrunedJson.NULL) {
            return null;
        }
        Obj identifier = object(ref, "identifier");
        String ods = text(identifier, "value");
        if (ods == null) {
            throw new InvalidFhir(where + " has no identifier value");
        }
        return new OrganisationReference(text(ref, "id"), ods, period(identifier, "period", where, ".period"));
    }

    private static List<OrganisationReference> organisations(Object resource, String field) {
        List<Object> in = array(resource, field);
        List<OrganisationReference> out = new ArrayList<>(in.size());
        boolean nullElement = false;
        for (int k = 0; k < in.size(); k++) {
            Object g = in.get(k);
            OrganisationReference o = organisation(g, field);
            if (o == null) {
                nullElement = true;
            } else {
                out.add(o);
            }
        }
        if (nullElement) {
            // the tree-based decoder failed here, after the loop, with a NullPointerException
            throw new InvalidFhir(field + " has no identifier value");
        }
        return List.copyOf(out);
    }

    private static OrganisationReference pharmacy(Object resource, String url, String where) {
        Object e = extension(resource, url);
        return e == null ? null : organisation(object(e, "valueReference"), where);
    }

    /** The first sub-extension with a URL. */
    private static Object sub(Object ext, String url) {
        return extension(ext, url);
    }

    private static Coding subCoding(Object ext, String url) {
        Object s = sub(ext, url);
        return s == null ? null : firstCoding(get(s, "valueCodeableConcept"));
    }

    private static Communication communication(Object resource) {
        Object e = extension(resource, FhirCodec.COMMUNICATION);
        if (e == null) {
            return null;
        }
        Coding language = subCoding(e, "language");
        Object s = sub(e, "interpreterRequired");
        return new Communication(
                language, s == null ? null : PrunedJson.bool(s, "valueBoolean").orElse(null));
    }

    private static ContactPreference contactPreference(Object resource) {
        Object e = extension(resource, FhirCodec.CONTACT_PREFERENCE);
        if (e == null) {
            return null;
        }
        Coding format = subCoding(e, "PreferredWrittenCommunicationFormat");
        Coding method = subCoding(e, "PreferredContactMethod");
        Object s = sub(e, "PreferredContactTimes");
        return new ContactPreference(format, method, s == null ? null : text(s, "valueString"));
    }

    private static DeathNotification deathNotification(Object resource) {
        Object e = extension(resource, FhirCodec.DEATH_NOTIFICATION);
        if (e == null) {
            return null;
        }
        Coding status = subCoding(e, "deathNotificationStatus");
        Object s = sub(e, "systemEffectiveDate");
        return new DeathNotification(
                status, s == null ? null : date(s, "valueDateTime", "deathNotification.systemEffectiveDate"));
    }

    private static BirthPlace birthPlace(Object resource) {
        Object e = extension(resource, FhirCodec.BIRTH_PLACE);
        Obj a = e == null ? null : object(e, "valueAddress");
        return a == null ? null : new BirthPlace(text(a, "city"), text(a, "district"), text(a, "country"));
    }

    private static RegistrationRemoval removal(Object resource) {
        Object e = extension(resource, FhirCodec.REMOVAL_FROM_REGISTRATION);
        if (e == null) {
            return null;
        }
        Coding reason = subCoding(e, "removalFromRegistrationCode");
        Object s = sub(e, "effectiveTime");
        return new RegistrationRemoval(
                reason, s == null ? null : period(s, "valuePeriod", "removalFromRegistration.effectiveTime"));
    }
}
