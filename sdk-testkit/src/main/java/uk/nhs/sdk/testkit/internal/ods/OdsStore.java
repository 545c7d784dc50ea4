package uk.nhs.sdk.testkit.internal.ods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.nhs.sdk.testkit.internal.Json;

/**
 * The fake's organisations (sorted by ODS code, so paging is stable), relationships and the
 * {@code Organization-deletion} List: the specification's examples, the NRL sandbox's custodians
 * and the generated organisations. Not thread-safe: the fake synchronises.
 */
final class OdsStore {
    private static final String[] CITIES = {"LEEDS", "YORK", "DERBY", "BRISTOL", "LEICESTER", "EXETER", "NORWICH"};
    private static final String[] AREAS = {"LS", "YO", "DE", "BS", "LE", "EX", "NR"};

    private final TreeMap<String, OdsRecord> organisations = new TreeMap<>();
    private final List<ObjectNode> affiliations = new ArrayList<>();
    private ObjectNode deletions;
    private int generated;

    OdsStore() {
        reset(OdsFake.DEFAULT_GENERATED);
    }

    void reset(int generatedCount) {
        organisations.clear();
        for (JsonNode o : load("organisations.json")) {
            put((ObjectNode) o.deepCopy());
        }
        custodian(
                "Y05868",
                "NRL SANDBOX DEMO GP PRACTICE",
                "LEEDS",
                "LS1 4HR",
                List.of("RO177", "RO76"),
                List.of("PRESCRIBING COST CENTRE", "GP PRACTICE"));
        custodian(
                "RJ11", "NRL SANDBOX MENTAL HEALTH TRUST", "LONDON", "SE1 7EH", List.of("RO197"), List.of("NHS TRUST"));
        custodian(
                "8J008",
                "NRL SANDBOX AMBULANCE SERVICE",
                "BRISTOL",
                "BS10 5NB",
                List.of("RO172"),
                List.of("INDEPENDENT SECTOR HEALTHCARE PROVIDER"));
        custodian(
                "RY26A",
                "NRL SANDBOX COMMUNITY HOSPICE",
                "WARRINGTON",
                "WA1 1QY",
                List.of("RO198", "RO7"),
                List.of("NHS TRUST SITE", "HOSPICE"));
        custodian(
                "RM559",
                "NRL SANDBOX HOSPITAL SITE",
                "MANCHESTER",
                "M13 9WL",
                List.of("RO198"),
                List.of("NHS TRUST SITE"));
        affiliations.clear();
        for (JsonNode a : load("affiliations.json")) {
            affiliations.add((ObjectNode) a.deepCopy());
        }
        deletions = (ObjectNode) loadObject("organization-deletion.json");
        generated = 0;
        generate(generatedCount);
    }

    private void custodian(
            String code, String name, String city, String postcode, List<String> roles, List<String> names) {
        put(OdsRecord.organisation(code, name, LocalDate.of(2024, 2, 6), city, postcode, roles, names));
    }

    void generate(int count) {
        for (int i = 1; i <= generated; i++) {
            organisations.remove(generatedCode(i));
        }
        for (int i = 1; i <= count; i++) {
            put(generatedOrganisation(i));
        }
        generated = count;
    }

    static String generatedCode(int n) {
        return String.format("Z%05d", n);
    }

    private static ObjectNode generatedOrganisation(int n) {
        int kind = n % 4;
        String place = CITIES[n % CITIES.length];
        String postcode = AREAS[n % AREAS.length] + (1 + n % 20) + " " + (1 + n % 9) + "AB";
        LocalDate changed = LocalDate.of(2024, 1, 1).plusDays(n % 365);
        String code = generatedCode(n);
        if (kind == 0 || kind == 1) {
            return OdsRecord.organisation(
                    code,
                    place + " GENERATED PRACTICE " + n,
                    changed,
                    place,
                    postcode,
                    List.of("RO177", "RO76"),
                    List.of("PRESCRIBING COST CENTRE", "GP PRACTICE"));
        }
        if (kind == 2) {
            return OdsRecord.organisation(
                    code,
                    place + " GENERATED PHARMACY " + n,
                    changed,
                    place,
                    postcode,
                    List.of("RO182"),
                    List.of("PHARMACY"));
        }
        return OdsRecord.organisation(
                code,
                place + " GENERATED HOSPITAL SITE " + n,
                changed,
                place,
                postcode,
                List.of("RO198"),
                List.of("NHS TRUST SITE"));
    }

    void put(ObjectNode o) {
        OdsRecord r = OdsRecord.of(o);
        organisations.put(r.code(), r);
    }

    OdsRecord get(String code) {
        return organisations.get(code);
    }

    void remove(String code, LocalDate day) {
        organisations.remove(code);
        ArrayNode entries = deletions.get("entry") instanceof ArrayNode
                ? (ArrayNode) deletions.get("entry")
                : deletions.putArray("entry");
        ObjectNode entry = entries.addObject();
        entry.put("date", day + "T00:00:00+00:00");
        ObjectNode item = entry.putObject("item");
        item.put("type", "Organization");
        item.putObject("identifier").put("system", OdsRecord.ODS_SYSTEM).put("value", code);
        deletions.put("date", day + "T00:00:00+00:00");
    }

    Iterable<OdsRecord> all() {
        return organisations.values();
    }

    int size() {
        return organisations.size();
    }

    List<ObjectNode> affiliations() {
        return affiliations;
    }

    ObjectNode deletions() {
        return deletions;
    }

    Map<String, OdsRecord> map() {
        return organisations;
    }

    private static JsonNode load(String name) {
        JsonNode n = loadObject(name);
        if (!n.isArray()) {
            throw new IllegalStateException(name + " is not an array");
        }
        return n;
    }

    private static JsonNode loadObject(String name) {
        try (InputStream in = OdsStore.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing seed " + name);
            }
            return Json.tree(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
