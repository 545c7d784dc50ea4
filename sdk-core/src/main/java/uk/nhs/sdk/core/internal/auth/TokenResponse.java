package uk.nhs.sdk.core.internal.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.core.internal.json.Json;

/**
 * Reads an OAuth2 token response {@code {"access_token":"…","expires_in":"599",…}} into an
 * {@link AccessToken}. The API Platform sends {@code expires_in} as a JSON string (identity.md
 * §C2); a JSON integer is accepted too. Anything else (negative, zero, fractional, non-numeric,
 * absurdly large) is refused with an {@link NhsDecodeException} whose message never echoes the
 * value. Internal.
 */
public final class TokenResponse {
    /** Up to nine digits: about 31 years, far beyond any real token and far from overflow. */
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,9}");
    /** RFC 6750 {@code b64token} characters, widened to visible ASCII: safe in a header. */
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]+");

    private TokenResponse() {}

    /**
     * Reads a 2xx token response.
     *
     * @param response the response
     * @param requestedAt when the token request started (the lifetime counts from here)
     * @param refreshMargin how long before expiry the token should be refreshed
     * @return the token
     * @throws NhsDecodeException when the body is not JSON or lacks a usable token or lifetime
     */
    public static AccessToken read(NhsResponse response, Instant requestedAt, Duration refreshMargin) {
        JsonNode body;
        try {
            body = Json.tree(response.body());
        } catch (IOException | RuntimeException e) {
            throw new NhsDecodeException("the token response is not JSON", response.details(), null);
        }
        JsonNode token = body.path("access_token");
        if (!token.isTextual() || !TOKEN.matcher(token.asText()).matches()) {
            throw new NhsDecodeException("the token response has no usable access_token", response.details(), null);
        }
        long seconds = seconds(body.path("expires_in"));
        if (seconds <= 0) {
            throw new NhsDecodeException(
                    "the token response's expires_in is not a positive whole number of seconds",
                    response.details(),
                    null);
        }
        return AccessToken.of(Secret.of(token.asText()), requestedAt, Duration.ofSeconds(seconds), refreshMargin);
    }

    /** The lifetime in seconds, or -1 when the value is not a plausible whole number of seconds. */
    static long seconds(JsonNode n) {
        String text;
        if (n.isTextual()) {
            text = n.asText().strip();
        } else if (n.isIntegralNumber()) {
            text = n.asText();
        } else {
            return -1;
        }
        return SECONDS.matcher(text).matches() ? Long.parseLong(text) : -1;
    }
}
