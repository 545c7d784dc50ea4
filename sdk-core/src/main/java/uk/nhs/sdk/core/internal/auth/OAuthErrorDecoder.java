package uk.nhs.sdk.core.internal.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import uk.nhs.sdk.core.http.ErrorDecoder;
import uk.nhs.sdk.core.http.NhsHeaders;
import uk.nhs.sdk.core.internal.json.Json;

/**
 * Reads the API Platform OAuth2 error body {@code {"error","error_description","message_id"}}:
 * the code is {@code error}. Internal.
 */
public final class OAuthErrorDecoder implements ErrorDecoder {
    @Override
    public ErrorInfo decode(int status, NhsHeaders headers, byte[] body) {
        try {
            JsonNode n = Json.tree(body);
            String code = n.path("error").asText(null);
            return code == null ? ErrorInfo.none() : ErrorInfo.of(code, null);
        } catch (IOException | RuntimeException e) {
            return ErrorInfo.none();
        }
    }
}
