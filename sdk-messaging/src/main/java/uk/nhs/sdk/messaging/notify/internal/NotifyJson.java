package uk.nhs.sdk.messaging.notify.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The NHS Notify client's JSON: a parser that keeps parser messages (which quote the text) to
 * itself, and small tolerant readers. Unknown fields are ignored everywhere. Internal.
 */
public final class NotifyJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();
    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private NotifyJson() {}

    /**
     * Parses bytes as one JSON object.
     *
     * @param body the bytes
     * @return the object, or empty when the bytes are not a JSON object
     */
    public static Optional<JsonNode> object(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode n = MAPPER.readTree(body);
            return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Writes JSON to bytes.
     *
     * @param writer what to write
     * @return the UTF-8 bytes
     */
    public static byte[] write(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes JSON with a generator. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes.
         *
         * @param g the generator
         * @throws IOException never for an in-memory target
         */
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * A text field.
     *
     * @param node an object, or null
     * @param field the field name
     * @return the text, when the field is a non-empty string
     */
    public static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() && !v.asText().isEmpty() ? Optional.of(v.asText()) : Optional.empty();
    }

    /**
     * A text or number field as text.
     *
     * @param node an object, or null
     * @param field the field name
     * @return the text
     */
    public static Optional<String> textOrNumber(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && (v.isTextual() || v.isNumber()) && !v.asText().isEmpty()
                ? Optional.of(v.asText())
                : Optional.empty();
    }

    /**
     * An integer field (a JSON number or a string of digits).
     *
     * @param node an object, or null
     * @param field the field name
     * @return the value
     */
    public static OptionalInt integer(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v != null && v.canConvertToInt() && v.isIntegralNumber()) {
            return OptionalInt.of(v.intValue());
        }
        if (v != null && v.isTextual() && v.asText().matches("[0-9]{1,9}")) {
            return OptionalInt.of(Integer.parseInt(v.asText()));
        }
        return OptionalInt.empty();
    }

    /**
     * A date-time field (RFC 3339, any offset).
     *
     * @param node an object, or null
     * @param field the field name
     * @return the instant, when the field is a valid date-time
     */
    public static Optional<Instant> instant(JsonNode node, String field) {
        return text(node, field).flatMap(s -> {
            try {
                return Optional.of(OffsetDateTime.parse(s).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * A UUID field.
     *
     * @param node an object, or null
     * @param field the field name
     * @return the UUID, when the field is one
     */
    public static Optional<UUID> uuid(JsonNode node, String field) {
        return text(node, field)
                .filter(s -> s.matches("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}"))
                .map(UUID::fromString);
    }

    /**
     * A child object.
     *
     * @param node an object, or null
     * @param field the field name
     * @return the child, when it is an object
     */
    public static Optional<JsonNode> child(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isObject() ? Optional.of(v) : Optional.empty();
    }
}
