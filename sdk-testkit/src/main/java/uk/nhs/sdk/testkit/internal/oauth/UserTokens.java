package uk.nhs.sdk.testkit.internal.oauth;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import uk.nhs.sdk.testkit.internal.AccessMode;
import uk.nhs.sdk.testkit.internal.SandboxContext;
import uk.nhs.sdk.testkit.internal.oidc.IdentityProviders;

/**
 * The platform's user-restricted tokens (token exchange and the combined flow): an access token
 * valid 599 s that remembers its access mode, and a refresh token valid 12 h after a CIS2
 * sign-in, 1 h after an NHS login one (identity.md §C4), answered with every number as a JSON
 * string as the platform does. Refreshing needs the application's API key and secret, gives new
 * tokens and counts the refreshes.
 */
final class UserTokens {
    static final Duration ACCESS_LIFETIME = Duration.ofSeconds(599);
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    private final SandboxContext context;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Refreshable> refreshTokens = new ConcurrentHashMap<>();

    /** What a refresh token may renew. */
    private record Refreshable(String apiKey, AccessMode mode, String provider, Instant expiry, int count) {}

    UserTokens(SandboxContext context) {
        this.context = context;
    }

    void reset() {
        refreshTokens.clear();
    }

    /**
     * Issues an access token and a refresh token.
     *
     * @param apiKey the application
     * @param mode the access mode
     * @param provider the identity provider the user signed in with
     * @return the response fields
     */
    Map<String, String> issue(String apiKey, AccessMode mode, String provider) {
        Duration refreshLifetime =
                IdentityProviders.CIS2.equals(provider) ? Duration.ofSeconds(43199) : Duration.ofSeconds(3599);
        return issue(apiKey, mode, provider, context.clock().instant().plus(refreshLifetime), 0);
    }

    private Map<String, String> issue(
            String apiKey, AccessMode mode, String provider, Instant refreshExpiry, int count) {
        Instant now = context.clock().instant();
        String refresh = opaque();
        refreshTokens.put(refresh, new Refreshable(apiKey, mode, provider, refreshExpiry, count));
        Map<String, String> body = new LinkedHashMap<>();
        body.put("access_token", context.accessTokens().issue(ACCESS_LIFETIME, mode));
        body.put("expires_in", String.valueOf(ACCESS_LIFETIME.toSeconds()));
        body.put("token_type", "Bearer");
        body.put("refresh_token", refresh);
        body.put(
                "refresh_token_expires_in",
                String.valueOf(Math.max(0, refreshExpiry.getEpochSecond() - now.getEpochSecond())));
        body.put("refresh_count", String.valueOf(count));
        return body;
    }

    /**
     * Renews tokens with a refresh token, once.
     *
     * @param apiKey the authenticated application
     * @param refreshToken the refresh token
     * @return the new tokens, or a refusal's catalogue description
     */
    Object refresh(String apiKey, String refreshToken) {
        Refreshable r = refreshToken == null ? null : refreshTokens.remove(refreshToken);
        if (r == null || !r.apiKey().equals(apiKey)) {
            return "refresh_token is invalid";
        }
        if (!context.clock().instant().isBefore(r.expiry())) {
            return "refresh token refresh period has expired";
        }
        return issue(apiKey, r.mode(), r.provider(), r.expiry(), r.count() + 1);
    }

    private String opaque() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
