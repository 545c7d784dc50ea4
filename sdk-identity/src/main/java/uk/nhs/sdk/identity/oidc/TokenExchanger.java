package uk.nhs.sdk.identity.oidc;

import java.net.URI;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.RefreshingTokenAuth;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.http.Idempotency;
import uk.nhs.sdk.core.http.NhsResponse;

/** The token requests behind {@link TokenExchangeAuth}. Internal. */
final class TokenExchanger {
    private static final Logger LOG = LoggerFactory.getLogger("uk.nhs.sdk.auth");
    static final String GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";

    private final Secret apiKey;
    private final String keyId;
    private final RSAPrivateKey privateKey;
    private final URI tokenUrl;
    private final IdToken idToken;
    private final Clock clock;
    private final OidcHttp http;
    private final RefreshingTokenAuth auth;
    // guarded by this (the cache calls fetch from one thread at a time, but keep it safe)
    private Secret refreshToken;
    private Instant refreshExpiresAt;

    TokenExchanger(TokenExchangeAuth.Builder b) {
        this.apiKey = b.apiKey;
        this.keyId = b.keyId;
        this.privateKey = b.privateKey;
        this.tokenUrl = b.tokenUrl;
        this.idToken = b.idToken;
        this.clock = b.options.clock();
        this.http = new OidcHttp("OAuth2", b.options, b.transport);
        this.auth = RefreshingTokenAuth.builder("API Platform token exchange", this::fetch)
                .clock(clock)
                .refreshMargin(b.refreshMargin)
                .refreshCooldown(b.refreshCooldown)
                .maxWait(b.options.deadline())
                .build();
    }

    RefreshingTokenAuth auth() {
        return auth;
    }

    void close() {
        http.close();
    }

    private synchronized RefreshingTokenAuth.Token fetch() {
        Instant now = clock.instant();
        if (refreshToken != null && (refreshExpiresAt == null || now.isBefore(refreshExpiresAt))) {
            try {
                return request(refreshForm(refreshToken), now, Idempotency.KEYED);
            } catch (NhsServiceException e) {
                if (!TokenResponses.refused(e)) {
                    throw e;
                }
                LOG.debug(
                        "API Platform token exchange: the refresh token was refused (HTTP {}); exchanging the ID token again",
                        e.status());
            }
        }
        refreshToken = null;
        if (idToken.expiresAt().map(exp -> !now.isBefore(exp)).orElse(false)) {
            throw new SignInExpiredException(
                    "the ID token has expired and no refresh token is left;" + " the user must sign in again", null);
        }
        // The platform exchanges an ID token once (it refuses its jti again: 400 "Non-unique jti
        // claim in JWT"), so an exchange is never sent again once it may have arrived: a lost
        // answer ends in outcome-unknown (sign in again), not in a retry's misleading 400. 429 and
        // 503 prove it was not acted on, so those are retried.
        return request(exchangeForm(), now, Idempotency.NONE);
    }

    private RefreshingTokenAuth.Token request(Map<String, String> fixed, Instant requestedAt, Idempotency idempotency) {
        try (NhsResponse r = http.postForm(tokenUrl, () -> withAssertion(fixed), idempotency, 429, 503)) {
            TokenResponses t = TokenResponses.read(r);
            Secret access = t.requiredAccessToken();
            java.time.Duration lifetime = t.seconds("expires_in");
            if (lifetime == null) {
                throw t.decode("the token response has no expires_in");
            }
            Secret refresh = t.optionalToken("refresh_token");
            if (refresh != null) {
                refreshToken = refresh;
                refreshExpiresAt = t.expiresAt("refresh_token_expires_in", requestedAt);
            }
            return RefreshingTokenAuth.Token.of(access, requestedAt, lifetime);
        }
    }

    private Map<String, String> exchangeForm() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", GRANT);
        form.put("subject_token_type", ID_TOKEN_TYPE);
        form.put("subject_token", idToken.value().reveal());
        return form;
    }

    private static Map<String, String> refreshForm(Secret refresh) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refresh.reveal());
        return form;
    }

    private Map<String, String> withAssertion(Map<String, String> fixed) {
        Map<String, String> form = new LinkedHashMap<>(fixed);
        form.put("client_assertion_type", ClientAssertions.TYPE);
        form.put(
                "client_assertion",
                ClientAssertions.sign(
                        apiKey.reveal(), keyId, privateKey, JwsAlgorithm.RS512, tokenUrl.toString(), clock.instant()));
        return form;
    }
}
