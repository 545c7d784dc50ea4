package uk.nhs.sdk.testkit.internal.nrl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.nhs.sdk.testkit.internal.Json;

/**
 * The pointers the NRL fake holds, seeded from the specs' examples, and the pointer types each
 * ODS code may see and write (the sandbox proxy's map). Not thread-safe: the fake synchronises.
 */
final class NrlStore {
    private static final Map<String, Set<String>> TYPES_BY_ODS = loadTypes();

    private final Map<String, ObjectNode> pointers = new LinkedHashMap<>();

    NrlStore() {
        reset();
    }

    void reset() {
        pointers.clear();
        for (JsonNode p : load("pointers.json")) {
            pointers.put(p.path("id").asText(), (ObjectNode) p.deepCopy());
        }
    }

    /** The types an ODS code may see and write; empty when the code has none (403). */
    static Set<String> typesFor(String odsCode) {
        return TYPES_BY_ODS.getOrDefault(odsCode, Set.of());
    }

    Optional<ObjectNode> get(String id) {
        return Optional.ofNullable(pointers.get(id)).map(ObjectNode::deepCopy);
    }

    void put(String id, ObjectNode pointer) {
        pointers.put(id, pointer.deepCopy());
    }

    boolean remove(String id) {
        return pointers.remove(id) != null;
    }

    List<ObjectNode> all() {
        List<ObjectNode> out = new ArrayList<>();
        pointers.values().forEach(p -> out.add(p.deepCopy()));
        return out;
    }

    static String custodian(JsonNode pointer) {
        return pointer.path("custodian").path("identifier").path("value").asText("");
    }

    static String subject(JsonNode pointer) {
        return pointer.path("subject").path("identifier").path("value").asText("");
    }

    static String typeToken(JsonNode pointer) {
        JsonNode c = pointer.path("type").path("coding").path(0);
        return c.path("system").asText("") + "|" + c.path("code").asText("");
    }

    static String typeCode(JsonNode pointer) {
        return pointer.path("type").path("coding").path(0).path("code").asText("");
    }

    static Set<String> categoryTokens(JsonNode pointer) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode c : pointer.path("category")) {
            JsonNode coding = c.path("coding").path(0);
            out.add(coding.path("system").asText("") + "|" + coding.path("code").asText(""));
        }
        return out;
    }

    private static Map<String, Set<String>> loadTypes() {
        JsonNode map = load("pointer-types-by-ods-code.json");
        Map<String, Set<String>> out = new LinkedHashMap<>();
        map.properties().forEach(e -> {
            Set<String> types = new LinkedHashSet<>();
            e.getValue().forEach(t -> types.add(t.asText()));
            out.put(e.getKey(), Set.copyOf(types));
        });
        return Map.copyOf(out);
    }

    private static JsonNode load(String name) {
        try (InputStream in = NrlStore.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing NRL seed " + name);
            }
            return Json.tree(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
