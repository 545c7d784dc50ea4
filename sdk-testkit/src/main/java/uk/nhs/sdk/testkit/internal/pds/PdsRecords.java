package uk.nhs.sdk.testkit.internal.pds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.nhs.sdk.testkit.internal.Json;

/**
 * The PDS fake's records: the patients (seeded from the PDS sandbox's own stubs, see the README
 * beside this class), their related people, and the superseded numbers. Not thread-safe: the fake
 * serialises access.
 */
final class PdsRecords {
    /** The sandbox's patients: full, related-person, restricted and minimal. */
    static final List<String> SEED_PATIENTS = List.of("9000000009", "9000000017", "9000000025", "9000000033");
    /**
     * A superseded number of the fake's own (the PDS sandbox has none): retrieving it answers the
     * retained record {@code 9000000009}, as PDS does after a merge.
     */
    static final String SUPERSEDED = "9000000041";

    static final String SUPERSEDED_BY = "9000000009";

    private static final Set<String> PHARMACY_AND_PREFERENCE_URLS = Set.of(
            "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NominatedPharmacy",
            "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-PreferredDispenserOrganization",
            "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicalApplianceSupplier",
            "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSCommunication",
            "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-ContactPreference",
            "http://hl7.org/fhir/StructureDefinition/patient-birthPlace");
    private static final Set<String> SEARCH_NAME_USES = Set.of("usual", "nickname", "temp");

    private final Map<String, ObjectNode> patients = new LinkedHashMap<>();
    private final Map<String, ObjectNode> related = new LinkedHashMap<>();
    private final Map<String, String> superseded = new LinkedHashMap<>();

    PdsRecords() {
        reset();
    }

    void reset() {
        patients.clear();
        related.clear();
        superseded.clear();
        for (String n : SEED_PATIENTS) {
            patients.put(n, (ObjectNode) load("patients/patient_" + n + ".json"));
        }
        related.put("9000000009", (ObjectNode) load("related/related_person_9000000009.json"));
        related.put("9000000017", (ObjectNode) load("related/related_person_9000000017.json"));
        superseded.put(SUPERSEDED, SUPERSEDED_BY);
    }

    private static JsonNode load(String path) {
        try (InputStream in = PdsRecords.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing PDS seed " + path);
            }
            return Json.tree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The number a request resolves to: itself, or the number that superseded it. */
    String resolve(String nhsNumber) {
        return superseded.getOrDefault(nhsNumber, nhsNumber);
    }

    boolean isSuperseded(String nhsNumber) {
        return superseded.containsKey(nhsNumber);
    }

    Optional<ObjectNode> patient(String nhsNumber) {
        return Optional.ofNullable(patients.get(nhsNumber));
    }

    Collection<ObjectNode> allPatients() {
        return List.copyOf(patients.values());
    }

    void store(String nhsNumber, ObjectNode patient) {
        patients.put(nhsNumber, patient);
    }

    Optional<ObjectNode> relatedPeople(String nhsNumber) {
        return Optional.ofNullable(related.get(nhsNumber));
    }

    static long version(ObjectNode patient) {
        return Long.parseLong(patient.path("meta").path("versionId").asText("1"));
    }

    static void version(ObjectNode patient, long version) {
        JsonNode meta = patient.get("meta");
        ObjectNode m = meta instanceof ObjectNode ? (ObjectNode) meta : patient.putObject("meta");
        m.put("versionId", String.valueOf(version));
    }

    /** {@code R} or {@code V}: PDS removes the location-sensitive fields. */
    static boolean isRestricted(JsonNode patient) {
        String code = patient.path("meta").path("security").path(0).path("code").asText("U");
        return "R".equals(code) || "V".equals(code);
    }

    /** The record as a retrieval returns it: restricted patients lose address, telecom and GP. */
    static ObjectNode retrieveView(ObjectNode patient) {
        ObjectNode p = patient.deepCopy();
        if (isRestricted(p)) {
            p.remove(List.of("address", "telecom", "generalPractitioner"));
        }
        return p;
    }

    /**
     * The record as a search returns it: usual, nickname and temporary names, the home address, no
     * pharmacies, communication, contact preferences or birth place; restricted patients also lose
     * telecom, contact and GP.
     */
    static ObjectNode searchView(ObjectNode patient) {
        ObjectNode p = patient.deepCopy();
        keep(p, "name", n -> SEARCH_NAME_USES.contains(n.path("use").asText("usual")));
        keep(p, "address", a -> "home".equals(a.path("use").asText("home")));
        keep(
                p,
                "extension",
                e -> !PHARMACY_AND_PREFERENCE_URLS.contains(e.path("url").asText("")));
        if (isRestricted(p)) {
            p.remove(List.of("address", "telecom", "contact", "generalPractitioner"));
        }
        return p;
    }

    private static void keep(ObjectNode p, String field, java.util.function.Predicate<JsonNode> keep) {
        JsonNode list = p.get(field);
        if (!(list instanceof ArrayNode)) {
            return;
        }
        List<JsonNode> kept = new ArrayList<>();
        list.forEach(n -> {
            if (keep.test(n)) {
                kept.add(n);
            }
        });
        if (kept.isEmpty()) {
            p.remove(field);
        } else {
            ArrayNode a = p.putArray(field);
            kept.forEach(a::add);
        }
    }
}
