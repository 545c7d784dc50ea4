package uk.nhs.sdk.testkit.internal.oidc;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.nhs.sdk.testkit.internal.FakeResponse;
import uk.nhs.sdk.testkit.internal.Json;

/**
 * A token or UserInfo endpoint's refusal as OAuth 2.0 §5.2 shapes it: a status and
 * {@code {"error","error_description"}}. The descriptions name the rule broken, never a value.
 */
final class OAuthRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String error;

    OAuthRefusal(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    static OAuthRefusal invalidRequest(String description) {
        return new OAuthRefusal(400, "invalid_request", description);
    }

    static OAuthRefusal invalidClient(String description) {
        return new OAuthRefusal(401, "invalid_client", description);
    }

    static OAuthRefusal invalidGrant(String description) {
        return new OAuthRefusal(400, "invalid_grant", description);
    }

    ResponseDefinition response() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", getMessage());
        return FakeResponse.json(status, Json.write(body));
    }
}
