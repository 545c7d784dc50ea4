package uk.nhs.sdk.testkit.internal.mesh;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.nhs.sdk.testkit.internal.FakeResponse;
import uk.nhs.sdk.testkit.internal.Json;

/**
 * MESH's error bodies, shaped as the API version the request asked for (captured exchanges 15,
 * 18-24 of the public sandbox):
 * <ul>
 *   <li>v2: {@code {"message_id":…,"detail":[{"event":…,"code":…,"msg":…}]}} as
 *       {@code application/vnd.mesh.v2+json};</li>
 *   <li>v1: {@code {"messageID":…,"errorEvent":…,"errorCode":…,"errorDescription":…}} as
 *       {@code application/json};</li>
 *   <li>a request that failed validation: {@code {"detail":[{"type":…,"loc":[…],"msg":…}]}} as
 *       {@code application/json};</li>
 *   <li>an error with no detail (423, 406): the generic internal-error body.</li>
 * </ul>
 */
final class MeshErrors {
    static final String V2_JSON = "application/vnd.mesh.v2+json";
    static final String JSON = "application/json";
    private static final String INTERNAL = "An internal error occurred.\n\nPlease contact support.";

    private MeshErrors() {}

    static MeshRefusal refuse(int status, int apiVersion, MeshError error) {
        return refuse(status, apiVersion, error, null);
    }

    static MeshRefusal refuse(int status, int apiVersion, MeshError error, String messageId) {
        return new MeshRefusal(body(status, apiVersion, error, messageId, List.of()));
    }

    static MeshRefusal malformed(int apiVersion, List<String> fields) {
        return new MeshRefusal(body(400, apiVersion, MeshError.MALFORMED_CONTROL_FILE, null, fields));
    }

    private static ResponseDefinition body(
            int status, int apiVersion, MeshError error, String messageId, List<String> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (apiVersion >= 2) {
            if (messageId != null) {
                body.put("message_id", messageId);
            }
            Map<String, String> detail = new LinkedHashMap<>();
            detail.put("event", error.event);
            detail.put("code", error.code);
            detail.put("msg", error.description);
            body.put("detail", List.of(detail));
            return FakeResponse.json(status, V2_JSON, Json.write(body)).build();
        }
        if (messageId != null) {
            body.put("messageID", messageId);
        }
        body.put("errorEvent", error.event);
        body.put("errorCode", error.code);
        body.put("errorDescription", error.description);
        if (!fields.isEmpty()) {
            body.put("fields", fields);
        }
        return FakeResponse.json(status, JSON, Json.write(body)).build();
    }

    static MeshRefusal internal(int status) {
        return new MeshRefusal(FakeResponse.json(status, Json.write(Map.of("message", INTERNAL))));
    }

    static MeshRefusal invalid(List<Invalid> problems) {
        List<Map<String, Object>> detail = new ArrayList<>();
        for (Invalid p : problems) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("type", p.type());
            d.put("loc", List.of(p.in(), p.name()));
            d.put("msg", p.msg());
            detail.add(d);
        }
        return new MeshRefusal(FakeResponse.json(400, Json.write(Map.of("detail", detail))));
    }

    static MeshRefusal invalid(String type, String in, String name, String msg) {
        return invalid(List.of(new Invalid(type, in, name, msg)));
    }

    static MeshRefusal missing(String in, String name) {
        return invalid(List.of(Invalid.missing(in, name)));
    }

    /**
     * One failed parameter of a request, as FastAPI reports it.
     *
     * @param type the error type, such as {@code missing}
     * @param in {@code header}, {@code query} or {@code path}
     * @param name the parameter's name in lower case
     * @param msg the message
     */
    record Invalid(String type, String in, String name, String msg) {
        static Invalid missing(String in, String name) {
            return new Invalid("missing", in, name, "Field required");
        }
    }
}
