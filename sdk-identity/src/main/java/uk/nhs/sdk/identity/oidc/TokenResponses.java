package uk.nhs.sdk.identity.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.http.NhsResponse;

/**
 * Reads OAuth2 token responses. {@code expires_in} (and the platform's
 * {@code refresh_token_expires_in}) may be JSON strings, as the API Platform sends them
 * (identity.md §C2), or numbers. Messages never echo values. Internal.
 */
final class TokenResponses {
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,9}");
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{1,65536}");

    private final JsonNode body;
    private final NhsResponse response;

    private TokenResponses(JsonNode body, NhsResponse response) {
        this.body = body;
        this.response = response;
    }

    static TokenResponses read(NhsResponse response) {
        JsonNode body;
        try {
            body = OidcHttp.json(response);
        } catch (IOException | RuntimeException e) {
            throw decode("the token response is not JSON", response);
        }
        if (body == null || !body.isObject()) {
            throw decode("the token response is not a JSON object", response);
        }
        return new TokenResponses(body, response);
    }

    Secret accessToken() {
        return optionalToken("access_token");
    }

    Secret requiredAccessToken() {
        Secret s = optionalToken("access_token");
        if (s == null) {
            throw decode("the token response has no usable access_token", response);
        }
        return s;
    }

    /** The named token, {@code null} when absent; malformed is a decode error. */
    Secret optionalToken(String name) {
        JsonNode n = body.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual() || !TOKEN.matcher(n.asText()).matches()) {
            throw decode("the token response's " + name + " is not a usable token", response);
        }
        return Secret.of(n.asText());
    }

    /** A lifetime in seconds, {@code null} when absent. */
    Duration seconds(String name) {
        JsonNode n = body.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        String text = n.isTextual() ? n.asText().strip() : n.isIntegralNumber() ? n.asText() : "";
        if (!SECONDS.matcher(text).matches() || Long.parseLong(text) <= 0) {
            throw decode("the token response's " + name + " is not a positive whole number of seconds", response);
        }
        return Duration.ofSeconds(Long.parseLong(text));
    }

    Instant expiresAt(String name, Instant requestedAt) {
        Duration d = seconds(name);
        return d == null ? null : requestedAt.plus(d);
    }

    String text(String name) {
        JsonNode n = body.get(name);
        return n != null && n.isTextual() ? n.asText() : null;
    }

    /**
     * Whether the token endpoint refused the grant itself (400 {@code invalid_grant}, 401
     * {@code invalid_client}), as opposed to being unable to answer now (429, 408, 5xx, ...):
     * only a refusal means the refresh token is spent.
     */
    static boolean refused(NhsServiceException e) {
        return e.status() == 400 || e.status() == 401;
    }

    NhsDecodeException decode(String message) {
        return decode(message, response);
    }

    private static NhsDecodeException decode(String message, NhsResponse response) {
        return new NhsDecodeException(message, response.details(), null);
    }
}
