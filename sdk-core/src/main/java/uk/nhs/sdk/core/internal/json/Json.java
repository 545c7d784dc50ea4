package uk.nhs.sdk.core.internal.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The SDK's one configured Jackson mapper: unknown fields ignored, {@code java.time} support,
 * absent values omitted, and fields (not getters) serialised, so models can expose
 * {@code Optional} getters. Internal: SDK modules may use it; applications must not.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_ABSENT))
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .build();

    private Json() {}

    /**
     * A mapper configured as the shared one, for tools and tests (the SDK's own code reads and
     * writes through the methods below). Each call makes a new copy: reconfiguring it changes
     * nothing else.
     *
     * @return a copy of the shared mapper
     */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    /**
     * Reads JSON bytes as a type.
     *
     * @param json the bytes
     * @param type the target type
     * @param <T> the target type
     * @return the value
     * @throws IOException when the bytes are not JSON of that shape
     */
    public static <T> T read(byte[] json, Class<T> type) throws IOException {
        return MAPPER.readValue(json, type);
    }

    /**
     * Reads a JSON string as a type.
     *
     * @param json the text
     * @param type the target type
     * @param <T> the target type
     * @return the value
     * @throws IOException when the text is not JSON of that shape
     */
    public static <T> T read(String json, Class<T> type) throws IOException {
        return MAPPER.readValue(json, type);
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
     * Writes a value as compact JSON.
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
