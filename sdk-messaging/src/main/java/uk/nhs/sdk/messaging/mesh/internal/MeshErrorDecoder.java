package uk.nhs.sdk.messaging.mesh.internal;

import com.fasterxml.jackson.databind.JsonNode;
import uk.nhs.sdk.core.http.ErrorDecoder;
import uk.nhs.sdk.core.http.NhsHeaders;

/**
 * Reads MESH's JSON error bodies into MESH's error code:
 * <ul>
 *   <li>v2: {@code {"detail":[{"event":"SEND","code":"12","msg":"..."}]}} gives {@code 12};</li>
 *   <li>v1: {@code {"errorEvent":"SEND","errorCode":"12","errorDescription":"..."}} gives {@code 12};</li>
 *   <li>validation errors ({@code detail[].loc/type}), empty codes, non-JSON bodies and every 5xx
 *       body (MESH returns SOAP XML on internal errors) give no code.</li>
 * </ul>
 */
public final class MeshErrorDecoder implements ErrorDecoder {
    /** The shared instance (stateless). */
    public static final MeshErrorDecoder INSTANCE = new MeshErrorDecoder();

    private MeshErrorDecoder() {}

    @Override
    public ErrorInfo decode(int status, NhsHeaders headers, byte[] body) {
        if (status >= 500 || body == null || body.length == 0) {
            return ErrorInfo.none();
        }
        JsonNode root = MeshJson.parse(body).orElse(null);
        if (root == null || !root.isObject()) {
            return ErrorInfo.none();
        }
        try {
            String code = text(root.get("errorCode"));
            if (code == null) {
                JsonNode detail = root.get("detail");
                if (detail != null
                        && detail.isArray()
                        && detail.size() > 0
                        && detail.get(0).isObject()) {
                    code = text(detail.get(0).get("code"));
                }
            }
            return code == null ? ErrorInfo.none() : ErrorInfo.of(code, null);
        } catch (RuntimeException e) {
            return ErrorInfo.none();
        }
    }

    private static String text(JsonNode n) {
        if (n == null || !(n.isTextual() || n.isNumber())) {
            return null;
        }
        String s = n.asText().strip();
        return s.isEmpty() || s.length() > 64 ? null : s;
    }
}
