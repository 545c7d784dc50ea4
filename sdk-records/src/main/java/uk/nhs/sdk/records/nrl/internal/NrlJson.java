package uk.nhs.sdk.records.nrl.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * JSON helpers for NRL's FHIR resources: parse, write, and read fields without nulls. Internal.
 */
public final class NrlJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private NrlJson() {}

    /**
     * Parses JSON text.
     *
     * @param json the bytes
     * @return the tree
     * @throws InvalidJson when the bytes are not one JSON object
     */
    public static JsonNode parse(byte[] json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new InvalidJson("the body is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidJson("the body is not JSON");
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
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /**
     * A new empty object.
     *
     * @return the object
     */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * A text field.
     *
     * @param node the object
     * @param field the field name
     * @return the text, when the field is a non-empty string
     */
    public static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() && !v.asText().isEmpty() ? Optional.of(v.asText()) : Optional.empty();
    }

    /**
     * An object field.
     *
     * @param node the object
     * @param field the field name
     * @return the object, when the field is one
     */
    public static Optional<JsonNode> object(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isObject() ? Optional.of(v) : Optional.empty();
    }

    /**
     * The objects of an array field.
     *
     * @param node the object
     * @param field the field name
     * @return the objects, empty when the field is missing or not an array
     */
    public static List<JsonNode> objects(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        List<JsonNode> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.forEach(e -> {
                if (e.isObject()) {
                    out.add(e);
                }
            });
        }
        return out;
    }

    /**
     * The body was not the JSON expected.
     */
    public static final class InvalidJson extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what was wrong, without any value from the body
         */
        public InvalidJson(String message) {
            super(message, null, false, false);
        }
    }
}
