package uk.nhs.sdk.identity.pds.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One RFC 6902 operation of a PDS patch. Internal.
 *
 * @param op {@code add}, {@code replace}, {@code remove} or {@code test}
 * @param path the JSON Pointer
 * @param value the value, or null for {@code remove}
 */
public record PatchOperation(String op, String path, JsonNode value) {

    /**
     * Checks the parts.
     *
     * @param op the operation
     * @param path the pointer
     * @param value the value
     */
    public PatchOperation {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(path, "path");
    }

    /**
     * The operation as JSON: {@code {"op", "path", "value"}}.
     *
     * @return the object
     */
    public ObjectNode toJson() {
        ObjectNode o = FhirJson.object();
        o.put("op", op);
        o.put("path", path);
        if (value != null) {
            o.set("value", value.deepCopy());
        }
        return o;
    }

    /**
     * Only the operation and path (values are patient data).
     *
     * @return for example {@code replace /gender}
     */
    @Override
    public String toString() {
        return op + " " + path;
    }
}
