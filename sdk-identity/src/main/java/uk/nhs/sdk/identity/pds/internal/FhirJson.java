package uk.nhs.sdk.identity.pds.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import uk.nhs.sdk.core.fhir.Coding;

/**
 * Small, null-safe readers over Jackson trees for the FHIR shapes PDS returns. Internal.
 *
 * <p>Readers never throw for absent fields; they throw {@link InvalidFhir} (naming the field,
 * never the value) when a field is present but of the wrong shape or outside its code set.
 */
public final class FhirJson {
    /** The node factory for building request bodies. */
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Trees only; parse errors never quote the input (it can hold patient data). */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private FhirJson() {}

    /**
     * Parses JSON text into a tree.
     *
     * @param json the text
     * @return the tree
     * @throws InvalidFhir when the text is not JSON
     */
    public static JsonNode parse(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            if (n == null || n.isMissingNode()) {
                throw new InvalidFhir("the body is empty");
            }
            return n;
        } catch (IOException e) {
            throw new InvalidFhir("the body is not valid JSON");
        }
    }

    /**
     * Parses JSON bytes into a tree.
     *
     * @param json the bytes
     * @return the tree
     * @throws InvalidFhir when the bytes are empty or not JSON
     */
    public static JsonNode parse(byte[] json) {
        if (json.length == 0) {
            throw new InvalidFhir("the body is empty");
        }
        try {
            JsonNode n = MAPPER.readTree(json);
            if (n == null || n.isMissingNode()) {
                throw new InvalidFhir("the body is empty");
            }
            return n;
        } catch (IOException e) {
            throw new InvalidFhir("the body is not valid JSON");
        }
    }

    /**
     * Writes a tree as compact JSON.
     *
     * @param node the tree
     * @return the text
     */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", null);
        }
    }

    /**
     * A new empty object node.
     *
     * @return the node
     */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /**
     * A text field.
     *
     * @param node the parent, possibly {@code null}
     * @param field the field name
     * @return the text, empty when absent or null
     * @throws InvalidFhir when the field is not text
     */
    public static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new InvalidFhir(field + " is not a string");
        }
        return Optional.of(v.asText());
    }

    /**
     * A boolean field.
     *
     * @param node the parent, possibly {@code null}
     * @param field the field name
     * @return the value, empty when absent
     * @throws InvalidFhir when the field is not a boolean
     */
    public static Optional<Boolean> bool(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw new InvalidFhir(field + " is not a boolean");
        }
        return Optional.of(v.booleanValue());
    }

    /**
     * An integer field.
     *
     * @param node the parent, possibly {@code null}
     * @param field the field name
     * @return the value, empty when absent
     * @throws InvalidFhir when the field is not an integer
     */
    public static Optional<Integer> integer(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new InvalidFhir(field + " is not an integer");
        }
        return Optional.of(v.intValue());
    }

    /**
     * A number field.
     *
     * @param node the parent, possibly {@code null}
     * @param field the field name
     * @return the value, empty when absent
     * @throws InvalidFhir when the field is not a number
     */
    public static Optional<Double> number(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isNumber()) {
            throw new InvalidFhir(field + " is not a number");
        }
        return Optional.of(v.doubleValue());
    }

    /**
     * An object field.
     *
     * @param node the parent, possibly {@code null}
     * @param field the field name
     * @return the object, empty when absent
     * @throws InvalidFhir when the field is not an object
     */
    public static Optional<JsonNode> object(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            throw new InvalidFhir(field + " is not an object");
        }
        return Optional.of(v);
    }

    /**
     * The elements of an array field.
     *
     * @param node the parent, possibly {@code null}
     * @param field the field name
     * @return an unmodifiable list, empty when absent
     * @throws InvalidFhir when the field is not an array
     */
    public static List<JsonNode> array(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new InvalidFhir(field + " is not an array");
        }
        List<JsonNode> out = new ArrayList<>(v.size());
        v.forEach(out::add);
        return Collections.unmodifiableList(out);
    }

    /**
     * The strings of an array-of-strings field.
     *
     * @param node the parent, possibly {@code null}
     * @param field the field name
     * @return an unmodifiable list, empty when absent
     * @throws InvalidFhir when the field is not an array of strings
     */
    public static List<String> texts(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array(node, field)) {
            if (!n.isTextual()) {
                throw new InvalidFhir(field + " holds a value that is not a string");
            }
            out.add(n.asText());
        }
        return List.copyOf(out);
    }

    /**
     * The first extension with a URL.
     *
     * @param node the element holding an {@code extension} array
     * @param url the extension URL
     * @return the extension, if present
     */
    public static Optional<JsonNode> extension(JsonNode node, String url) {
        for (JsonNode e : array(node, "extension")) {
            if (url.equals(e.path("url").asText(null))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * Every extension with a URL.
     *
     * @param node the element holding an {@code extension} array
     * @param url the extension URL
     * @return an unmodifiable list, possibly empty
     */
    public static List<JsonNode> extensions(JsonNode node, String url) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : array(node, "extension")) {
            if (url.equals(e.path("url").asText(null))) {
                out.add(e);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The first coding of a {@code CodeableConcept}.
     *
     * @param concept the concept, possibly {@code null}
     * @return the coding, if any
     */
    public static Optional<Coding> firstCoding(JsonNode concept) {
        for (JsonNode c : array(concept, "coding")) {
            return Optional.of(coding(c));
        }
        return Optional.empty();
    }

    /**
     * A {@code Coding}.
     *
     * @param coding the node
     * @return the coding
     */
    public static Coding coding(JsonNode coding) {
        return Coding.of(
                text(coding, "system").orElse(null),
                text(coding, "code").orElse(null),
                text(coding, "display").orElse(null));
    }

    /**
     * A FHIR resource or element that is present but does not have the shape PDS documents. The
     * message names the field, never the value.
     */
    public static final class InvalidFhir extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the failure.
         *
         * @param message what is wrong, without any value
         */
        public InvalidFhir(String message) {
            super(message, null, false, false);
        }
    }
}
