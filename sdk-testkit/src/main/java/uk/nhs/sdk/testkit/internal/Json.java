package uk.nhs.sdk.testkit.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The testkit's own Jackson mapper, for the fakes' JSON: unknown fields ignored, absent values
 * (and null map values) omitted, and parse errors that never quote the input they failed on (it
 * can hold patient data).
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_ABSENT))
            .build();

    private Json() {}

    /**
     * A mapper configured as the shared one, for tests (the fakes read and write through the
     * methods below). Each call makes a new copy: reconfiguring it changes nothing else.
     *
     * @return a copy of the shared mapper
     */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    /**
     * A new empty JSON object.
     *
     * @return the object
     */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * A new empty JSON array.
     *
     * @return the array
     */
    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /**
     * Reads JSON text as a tree.
     *
     * @param json the text
     * @return the tree
     * @throws IOException when the text is not JSON
     */
    public static JsonNode tree(String json) throws IOException {
        return MAPPER.readTree(json);
    }

    /**
     * Reads a JSON stream as a tree (the caller closes the stream).
     *
     * @param json the stream
     * @return the tree
     * @throws IOException when the stream fails or is not JSON
     */
    public static JsonNode tree(InputStream json) throws IOException {
        return MAPPER.readTree(json);
    }

    /**
     * Reads JSON bytes as a tree.
     *
     * @param json the bytes
     * @return the tree
     * @throws IOException when the bytes are not JSON
     */
    public static JsonNode tree(byte[] json) throws IOException {
        return MAPPER.readTree(json);
    }

    /**
     * Writes a value (a tree, map, list or scalar) as compact JSON.
     *
     * @param value the value
     * @return the JSON text
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("value cannot be written as JSON", e);
        }
    }
}
