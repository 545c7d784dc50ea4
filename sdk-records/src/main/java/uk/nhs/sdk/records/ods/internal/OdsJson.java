package uk.nhs.sdk.records.ods.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes the ODS API's FHIR JSON. Parse errors never quote the input.
 */
public final class OdsJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private OdsJson() {}

    /** The JSON is not what the API documents. */
    public static final class InvalidJson extends Exception {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what is wrong, never the value
         */
        public InvalidJson(String message) {
            super(message);
        }
    }

    /**
     * Parses a JSON object.
     *
     * @param json the bytes
     * @return the object
     * @throws InvalidJson when the bytes are not a JSON object
     */
    public static ObjectNode parse(byte[] json) throws InvalidJson {
        try {
            JsonNode n = MAPPER.readTree(json);
            if (n == null || !n.isObject()) {
                throw new InvalidJson("the body is not a JSON object");
            }
            return (ObjectNode) n;
        } catch (IOException e) {
            throw new InvalidJson("the body is not JSON");
        }
    }

    /**
     * Parses a JSON object from text.
     *
     * @param json the text
     * @return the object
     * @throws InvalidJson when the text is not a JSON object
     */
    public static ObjectNode parse(String json) throws InvalidJson {
        try {
            JsonNode n = MAPPER.readTree(json);
            if (n == null || !n.isObject()) {
                throw new InvalidJson("the text is not a JSON object");
            }
            return (ObjectNode) n;
        } catch (JsonProcessingException e) {
            throw new InvalidJson("the text is not JSON");
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
     * @param field the field
     * @return the text, when the field is a string
     */
    public static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }

    /**
     * A boolean field.
     *
     * @param node the object
     * @param field the field
     * @return the value, when the field is a boolean
     */
    public static Optional<Boolean> bool(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isBoolean() ? Optional.of(v.asBoolean()) : Optional.empty();
    }

    /**
     * An integer field.
     *
     * @param node the object
     * @param field the field
     * @return the value, when the field is an integral number
     */
    public static Optional<Long> integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isIntegralNumber() ? Optional.of(v.asLong()) : Optional.empty();
    }

    /**
     * The objects of an array field; none when the field is absent.
     *
     * @param node the object
     * @param field the field
     * @return the objects
     * @throws InvalidJson when the field is not an array of objects
     */
    public static List<JsonNode> objects(JsonNode node, String field) throws InvalidJson {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new InvalidJson(field + " is not an array");
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isObject()) {
                throw new InvalidJson(field + " holds something other than objects");
            }
            out.add(e);
        }
        return out;
    }

    /**
     * The strings of an array field; none when the field is absent.
     *
     * @param node the object
     * @param field the field
     * @return the strings
     */
    public static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        JsonNode v = node.get(field);
        if (v != null && v.isArray()) {
            for (JsonNode e : v) {
                if (e.isTextual()) {
                    out.add(e.asText());
                }
            }
        }
        return out;
    }

    /**
     * A FHIR date ({@code yyyy-mm-dd}, or the date part of a dateTime).
     *
     * @param node the object
     * @param field the field
     * @return the date
     * @throws InvalidJson when the field is present but not a date
     */
    public static Optional<LocalDate> date(JsonNode node, String field) throws InvalidJson {
        Optional<String> t = text(node, field);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        String s = t.get();
        try {
            return Optional.of(LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s));
        } catch (DateTimeParseException e) {
            throw new InvalidJson(field + " is not a date");
        }
    }

    /**
     * The first sub-extension with a URL in an extension list.
     *
     * @param node an object with an {@code extension} array
     * @param url the URL
     * @return the extension
     * @throws InvalidJson when the extension array is malformed
     */
    public static Optional<JsonNode> extension(JsonNode node, String url) throws InvalidJson {
        for (JsonNode e : objects(node, "extension")) {
            if (url.equals(e.path("url").asText(null))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * The first coding of a CodeableConcept.
     *
     * @param concept the CodeableConcept
     * @return the coding
     * @throws InvalidJson when the coding array is malformed
     */
    public static Optional<JsonNode> firstCoding(JsonNode concept) throws InvalidJson {
        List<JsonNode> codings = objects(concept, "coding");
        return codings.isEmpty() ? Optional.empty() : Optional.of(codings.get(0));
    }
}
