package uk.nhs.sdk.messaging.mesh.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Optional;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.http.NhsResponse;

/**
 * This module's own JSON reading. MESH bodies can carry patient data (an inbox or tracking answer
 * can echo names and NHS numbers), so a body that cannot be read becomes an
 * {@link NhsDecodeException} <b>without a cause</b>: Jackson's exceptions quote the text they
 * choked on, and a cause would carry that text into logs and error reports. The message names at
 * most the parser exception's class. The source is also kept out of Jackson's locations
 * ({@code INCLUDE_SOURCE_IN_LOCATION} off) for any exception that is never wrapped.
 */
public final class MeshJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                    .streamReadConstraints(
                            StreamReadConstraints.builder().maxNestingDepth(64).build())
                    .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private MeshJson() {}

    /**
     * Reads a response body that must be one JSON object.
     *
     * @param response the response
     * @param what what the body is, for the message (such as "inbox"); never the body
     * @return the object
     * @throws NhsDecodeException without a cause when the body is not a JSON object
     */
    public static JsonNode object(NhsResponse response, String what) {
        JsonNode n = parse(response.body())
                .orElseThrow(() -> new NhsDecodeException(
                        "the MESH " + what + " response is not valid JSON", response.details(), null));
        if (!n.isObject()) {
            throw new NhsDecodeException(
                    "the MESH " + what + " response is not a JSON object", response.details(), null);
        }
        return n;
    }

    /**
     * Parses bytes as JSON, keeping every parser exception (and the text it quotes) inside.
     *
     * @param body the bytes
     * @return the tree, or empty when the bytes are not JSON
     */
    public static Optional<JsonNode> parse(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readTree(body)).filter(n -> !n.isMissingNode());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * A non-blank text field.
     *
     * @param node an object
     * @param field the field name
     * @return the text, when the field is a non-blank string
     */
    public static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? Optional.of(v.asText()) : Optional.empty();
    }
}
