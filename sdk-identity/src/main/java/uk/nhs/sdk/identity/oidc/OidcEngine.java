package uk.nhs.sdk.identity.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.http.Idempotency;
import uk.nhs.sdk.core.http.NhsHttpTransport;
import uk.nhs.sdk.core.http.NhsResponse;

/** The work behind {@link OidcClient}: authorization URLs, token requests, validation, UserInfo. Internal. */
final class OidcEngine {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OidcProvider provider;
    private final OidcClientCredentials credentials;
    private final URI redirectUri;
    private final Clock clock;
    private final OidcHttp http;
    private final ProviderMetadata metadata;
    private final IdTokenVerifier verifier;

    OidcEngine(
            OidcProvider provider,
            OidcClientCredentials credentials,
            URI redirectUri,
            NhsClientOptions options,
            NhsHttpTransport transport,
            Duration leeway,
            Set<JwsAlgorithm> algorithms,
            Duration metadataTtl) {
        this.provider = provider;
        this.credentials = credentials;
        this.redirectUri = redirectUri;
        this.clock = options.clock();
        this.http = new OidcHttp(provider.name(), options, transport);
        this.metadata = new ProviderMetadata(provider, http, clock, metadataTtl);
        this.verifier = new IdTokenVerifier(provider, metadata, credentials.clientId(), algorithms, leeway, clock);
    }

    /** A new request, or with {@code stored} the request of a sign-in started earlier (perhaps elsewhere). */
    AuthorizationRequest authorizationRequest(
            List<String> scopes,
            List<VectorOfTrust> vtr,
            Prompt prompt,
            Boolean allowRegistration,
            AssuranceLevel minimumAssurance,
            StoredSignIn stored) {
        ProviderMetadata.Discovery d = metadata.discovery();
        String state = stored == null ? random() : stored.state();
        String nonce = stored == null ? random() : stored.nonce();
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", credentials.clientId());
        q.put("redirect_uri", redirectUri.toString());
        q.put("scope", String.join(" ", scopes));
        q.put("state", state);
        q.put("nonce", nonce);
        Secret verifierSecret = stored == null ? null : stored.codeVerifier().orElse(null);
        if (d.pkceS256 && stored != null && verifierSecret == null) {
            throw new NhsValidationException("codeVerifier", "the provider uses PKCE: the stored verifier is needed");
        }
        if (d.pkceS256 && verifierSecret == null) {
            verifierSecret = Secret.of(random());
        }
        if (verifierSecret != null) {
            q.put("code_challenge", challenge(verifierSecret.reveal()));
            q.put("code_challenge_method", "S256");
        }
        if (!vtr.isEmpty()) {
            StringJoiner j = new StringJoiner("\",\"", "[\"", "\"]");
            vtr.forEach(v -> j.add(v.value()));
            q.put("vtr", j.toString());
        }
        if (prompt != null) {
            q.put("prompt", prompt.value());
        }
        if (allowRegistration != null) {
            q.put("allow_registration", allowRegistration.toString());
        }
        if (minimumAssurance != null) {
            q.put("acr_values", minimumAssurance.acrValue());
        }
        String base = d.authorizationEndpoint.toString();
        StringJoiner query = new StringJoiner("&", base + (base.contains("?") ? "&" : "?"), "");
        q.forEach((k, v) -> query.add(encode(k) + "=" + encode(v)));
        return new AuthorizationRequest(
                URI.create(query.toString()),
                credentials.clientId(),
                redirectUri,
                state,
                nonce,
                verifierSecret,
                scopes,
                provider.kind() == OidcProvider.Kind.NHS_LOGIN ? vtr : List.of(),
                minimumAssurance);
    }

    OidcTokens exchangeCode(AuthorizationRequest request, String code) {
        ProviderMetadata.Discovery d = metadata.discovery();
        Map<String, String> fixed = new LinkedHashMap<>();
        fixed.put("grant_type", "authorization_code");
        fixed.put("code", code);
        fixed.put("redirect_uri", request.redirectUri().toString());
        request.codeVerifier().ifPresent(v -> fixed.put("code_verifier", v.reveal()));
        Instant requestedAt = clock.instant();
        // an authorization code is single-use: never re-sent once a request may have reached the provider
        try (NhsResponse r = http.postForm(d.tokenEndpoint, () -> withAssertion(fixed, d), Idempotency.NONE)) {
            TokenResponses t = TokenResponses.read(r);
            Secret id = t.optionalToken("id_token");
            if (id == null) {
                throw t.decode("the token response has no id_token");
            }
            IdToken idToken = idToken(id, t);
            IdTokenClaims claims = verifier.validate(
                    idToken,
                    request.nonce(),
                    request.vectorsOfTrust(),
                    request.minimumAssurance().orElse(null));
            return tokens(t, idToken, claims, requestedAt);
        }
    }

    /**
     * A refresh; a new ID token is validated and, when {@code subject} is given, must name that
     * subject (OIDC Core §12.2: a refreshed ID token is for the user who signed in).
     */
    OidcTokens refresh(Secret refreshToken, String subject) {
        ProviderMetadata.Discovery d = metadata.discovery();
        Map<String, String> fixed = new LinkedHashMap<>();
        fixed.put("grant_type", "refresh_token");
        fixed.put("refresh_token", refreshToken.reveal());
        Instant requestedAt = clock.instant();
        try (NhsResponse r = http.postForm(d.tokenEndpoint, () -> withAssertion(fixed, d), Idempotency.NONE)) {
            TokenResponses t = TokenResponses.read(r);
            Secret id = t.optionalToken("id_token");
            IdToken idToken = id == null ? null : idToken(id, t);
            IdTokenClaims claims = idToken == null ? null : verifier.validate(idToken, null, List.of(), null);
            if (claims != null
                    && subject != null
                    && !MessageDigest.isEqual(
                            claims.subject().getBytes(StandardCharsets.UTF_8),
                            subject.getBytes(StandardCharsets.UTF_8))) {
                throw new IdTokenValidationException(
                        IdTokenValidationException.Reason.SUBJECT_MISMATCH,
                        "the refreshed ID token's sub is not the signed-in user's");
            }
            return tokens(t, idToken, claims, requestedAt);
        }
    }

    IdTokenClaims validate(IdToken idToken, String nonce, List<VectorOfTrust> vtr, AssuranceLevel minimum) {
        return verifier.validate(idToken, nonce, vtr, minimum);
    }

    UserInfo userInfo(Secret accessToken, IdTokenClaims claims) {
        ProviderMetadata.Discovery d = metadata.discovery();
        if (d.userinfoEndpoint == null) {
            throw new OidcDiscoveryException(
                    OidcDiscoveryException.Reason.MALFORMED,
                    provider.name() + ": the discovery document names no userinfo_endpoint",
                    uk.nhs.sdk.core.error.CallDetails.none(),
                    null);
        }
        try (NhsResponse r = http.get(d.userinfoEndpoint, accessToken.reveal())) {
            JsonNode body;
            try {
                body = OidcHttp.json(r);
            } catch (IOException | RuntimeException e) {
                throw new NhsDecodeException("the UserInfo response is not JSON", r.details(), null);
            }
            if (body == null || !body.isObject()) {
                throw new NhsDecodeException("the UserInfo response is not a JSON object", r.details(), null);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = OidcHttp.Mapper.JSON.convertValue(body, Map.class);
            Object sub = map.get("sub");
            if (!(sub instanceof String)
                    || !MessageDigest.isEqual(
                            ((String) sub).getBytes(StandardCharsets.UTF_8),
                            claims.subject().getBytes(StandardCharsets.UTF_8))) {
                throw new IdTokenValidationException(
                        IdTokenValidationException.Reason.SUBJECT_MISMATCH, "the UserInfo sub is not the ID token's");
            }
            return new UserInfo(map);
        }
    }

    void close() {
        http.close();
    }

    private Map<String, String> withAssertion(Map<String, String> fixed, ProviderMetadata.Discovery d) {
        Map<String, String> form = new LinkedHashMap<>(fixed);
        form.put("client_id", credentials.clientId());
        form.put("client_assertion_type", ClientAssertions.TYPE);
        form.put(
                "client_assertion",
                ClientAssertions.sign(
                        credentials.clientId(),
                        credentials.keyId(),
                        credentials.privateKey(),
                        credentials.algorithm(),
                        d.tokenEndpointText,
                        clock.instant()));
        return form;
    }

    private static IdToken idToken(Secret id, TokenResponses t) {
        try {
            return IdToken.of(id.reveal());
        } catch (RuntimeException e) {
            throw t.decode("the token response's id_token is not a compact JWS");
        }
    }

    private static OidcTokens tokens(TokenResponses t, IdToken idToken, IdTokenClaims claims, Instant requestedAt) {
        String scope = t.text("scope");
        // a response without scope (NHS login's) gives a mutable empty list too: removeIf must work
        List<String> scopes = scope == null
                ? new ArrayList<>()
                : new ArrayList<>(Arrays.asList(scope.trim().split("\\s+")));
        scopes.removeIf(String::isEmpty);
        return new OidcTokens(
                t.requiredAccessToken(),
                t.optionalToken("refresh_token"),
                idToken,
                claims,
                t.expiresAt("expires_in", requestedAt),
                scopes);
    }

    static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
