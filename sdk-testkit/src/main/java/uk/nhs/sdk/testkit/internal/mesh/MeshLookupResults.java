package uk.nhs.sdk.testkit.internal.mesh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import uk.nhs.sdk.testkit.internal.mesh.MeshDirectory.Mailbox;

/**
 * The body of a MESH endpoint lookup or workflow search answer, in the shape of the API version
 * asked for: v2's {@code mailbox_id} and {@code mailbox_name}, v1's {@code address},
 * {@code description} and {@code endpoint_type} with a {@code query_id}.
 */
final class MeshLookupResults {
    private MeshLookupResults() {}

    static Map<String, Object> body(int apiVersion, List<Mailbox> found) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (Mailbox mb : found) {
            Map<String, Object> r = new LinkedHashMap<>();
            if (apiVersion >= 2) {
                r.put("mailbox_id", mb.id());
                r.put("mailbox_name", mb.name());
            } else {
                r.put("address", mb.id());
                r.put("description", mb.name());
                r.put("endpoint_type", "MESH");
            }
            results.add(r);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (apiVersion < 2) {
            body.put("query_id", UUID.randomUUID().toString().replace("-", ""));
        }
        body.put("results", results);
        return body;
    }
}
