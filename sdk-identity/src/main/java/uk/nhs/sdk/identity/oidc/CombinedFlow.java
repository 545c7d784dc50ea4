package uk.nhs.sdk.identity.oidc;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.RefreshingTokenAuth;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.http.Idempotency;
import uk.nhs.sdk.core.http.NhsResponse;

/** The requests behind {@link CombinedAuth}. Internal. */
final class CombinedFlow {
    private final URI authorizeUrl;
    private final URI tokenUrl;
    private final Secret apiKey;
    private final Secret clientSecret;
    private final URI redirectUri;
    private final CombinedAuth.Builder settings;
    private final Clock clock;
    private final OidcHttp http;

    CombinedFlow(CombinedAuth.Builder b) {
        String base = b.baseUrl.toString().replaceAll("/+$", "");
        this.authorizeUrl = URI.create(base + "/authorize");
        this.tokenUrl = URI.create(base + "/token");
        this.apiKey = b.apiKey;
        this.clientSecret = b.clientSecret;
        this.redirectUri = b.redirectUri;
        this.settings = b;
        this.clock = b.options.clock();
        this.http = new OidcHttp("OAuth2", b.options, b.transport);
    }

    CombinedAuth.PendingSignIn authorizationRequest() {
        String state = OidcEngine.random();
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", apiKey.reveal());
        q.put("redirect_uri", redirectUri.toString());
        q.put("state", state);
        StringJoiner j = new StringJoiner("&", authorizeUrl + "?", "");
        q.forEach((k, v) -> j.add(OidcEngine.encode(k) + "=" + OidcEngine.encode(v)));
        return new CombinedAuth.PendingSignIn(URI.create(j.toString()), state);
    }

    CombinedAuth.Session exchangeCode(String code) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri.toString());
        form.put("client_id", apiKey.reveal());
        form.put("client_secret", clientSecret.reveal());
        Instant requestedAt = clock.instant();
        Issued first = request(form, requestedAt);
        SessionTokens tokens = new SessionTokens(first);
        return new CombinedAuth.Session(tokens);
    }

    void close() {
        http.close();
    }

    private Issued request(Map<String, String> form, Instant requestedAt) {
        try (NhsResponse r = http.postForm(tokenUrl, () -> form, Idempotency.NONE)) {
            TokenResponses t = TokenResponses.read(r);
            Secret access = t.requiredAccessToken();
            Duration lifetime = t.seconds("expires_in");
            if (lifetime == null) {
                throw t.decode("the token response has no expires_in");
            }
            return new Issued(
                    RefreshingTokenAuth.Token.of(access, requestedAt, lifetime),
                    requestedAt.plus(lifetime),
                    t.optionalToken("refresh_token"),
                    t.expiresAt("refresh_token_expires_in", requestedAt));
        }
    }

    /** One response's tokens. */
    private static final class Issued {
        final RefreshingTokenAuth.Token token;
        final Instant expiresAt;
        final Secret refreshToken;
        final Instant refreshExpiresAt;

        Issued(RefreshingTokenAuth.Token token, Instant expiresAt, Secret refreshToken, Instant refreshExpiresAt) {
            this.token = token;
            this.expiresAt = expiresAt;
            this.refreshToken = refreshToken;
            this.refreshExpiresAt = refreshExpiresAt;
        }
    }

    /** One user's tokens: the first from the code exchange, the next ones from refreshes. */
    final class SessionTokens {
        private final RefreshingTokenAuth auth;
        // guarded by this
        private Issued pending;
        private Secret refreshToken;
        private Instant refreshExpiresAt;

        SessionTokens(Issued first) {
            this.pending = first;
            this.refreshToken = first.refreshToken;
            this.refreshExpiresAt = first.refreshExpiresAt;
            this.auth = RefreshingTokenAuth.builder("API Platform combined auth", this::next)
                    .clock(clock)
                    .refreshMargin(settings.refreshMargin)
                    .refreshCooldown(settings.refreshCooldown)
                    .maxWait(settings.options.deadline())
                    .build();
        }

        RefreshingTokenAuth auth() {
            return auth;
        }

        private synchronized RefreshingTokenAuth.Token next() {
            Instant now = clock.instant();
            Issued first = pending;
            pending = null;
            // the code exchange's token, unless the session was first used after it expired
            if (first != null && now.isBefore(first.expiresAt)) {
                return first.token;
            }
            if (refreshToken == null || refreshExpiresAt != null && !now.isBefore(refreshExpiresAt)) {
                throw new SignInExpiredException("the refresh token has expired; the user must sign in again", null);
            }
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "refresh_token");
            form.put("client_id", apiKey.reveal());
            form.put("client_secret", clientSecret.reveal());
            form.put("refresh_token", refreshToken.reveal());
            Issued issued;
            try {
                issued = request(form, now);
            } catch (NhsServiceException e) {
                if (TokenResponses.refused(e)) {
                    refreshToken = null;
                    throw new SignInExpiredException("the refresh token was refused; the user must sign in again", e);
                }
                throw e;
            }
            if (issued.refreshToken != null) {
                refreshToken = issued.refreshToken;
                refreshExpiresAt = issued.refreshExpiresAt;
            }
            return issued.token;
        }
    }
}
