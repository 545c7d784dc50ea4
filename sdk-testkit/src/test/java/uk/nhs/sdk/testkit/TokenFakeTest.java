package uk.nhs.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.SignedJwtAuth;
import uk.nhs.sdk.core.error.UnauthorizedException;
import uk.nhs.sdk.core.internal.json.Json;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.core.testing.MutableClock;

/**
 * The OAuth2 fake enforces the API Platform's signed-JWT rules with the platform's error bodies
 * (api-platform-token-errors.json), and the core's SignedJwtAuth passes them.
 */
class TokenFakeTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-25T09:00:00Z"));
    private static NhsSandbox sandbox;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sandbox = NhsSandbox.builder().clock(CLOCK).start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
        LogGuard.forbid(sandbox.application().apiKey().reveal());
    }

    private static NhsClientOptions options() {
        return NhsClientOptions.builder().clock(CLOCK).build();
    }

    /** A token from the sandbox's application, through an auth provider closed afterwards. */
    private static String token() {
        try (SignedJwtAuth auth = sandbox.signedJwtAuth(options())) {
            return auth.accessToken().reveal();
        }
    }

    @Test
    void theCoreSignedJwtAuthObtainsAToken() {
        try (SignedJwtAuth auth = sandbox.signedJwtAuth(options())) {
            Secret token = auth.accessToken();
            assertThat(sandbox.isValidAccessToken(token.reveal())).isTrue();
            assertThat(auth.tokenExpiry()).contains(CLOCK.instant().plusSeconds(599));
            assertThat(sandbox.issuedTokenCount()).isEqualTo(1);
            LogGuard.forbid(token.reveal());
        }
    }

    @Test
    void tokensExpireOnTheSandboxClock() {
        String token = token();
        CLOCK.advance(Duration.ofSeconds(600));
        assertThat(sandbox.isValidAccessToken(token)).isFalse();
    }

    @Test
    void aGoodAssertionGetsTheTokenResponseWithStringFields() throws Exception {
        HttpResponse<String> r = post(form(assertion(claims())), "application/x-www-form-urlencoded");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = Json.tree(r.body().getBytes(StandardCharsets.UTF_8));
        assertThat(body.path("expires_in").isTextual()).isTrue();
        assertThat(body.path("expires_in").asText()).isEqualTo("599");
        assertThat(body.path("issued_at").asText())
                .isEqualTo(String.valueOf(CLOCK.instant().toEpochMilli()));
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(sandbox.isValidAccessToken(body.path("access_token").asText()))
                .isTrue();
    }

    @Test
    void aReusedJtiIsRefused() throws Exception {
        String jwt = assertion(claims());
        assertThat(post(form(jwt), "application/x-www-form-urlencoded").statusCode())
                .isEqualTo(200);
        assertRefused(
                post(form(jwt), "application/x-www-form-urlencoded"),
                400,
                "Non-unique 'jti' claim in client_assertion JWT");
    }

    @Test
    void theAudienceMustBeTheExactTokenUrl() throws Exception {
        Map<String, Object> c = claims();
        c.put("aud", sandbox.oauthTokenUrl() + "/");
        assertRefused(
                post(form(assertion(c)), "application/x-www-form-urlencoded"),
                401,
                "Missing or invalid 'aud' claim in client_assertion JWT");
    }

    @Test
    void expMoreThan310SecondsAheadIsRefusedAnd310IsAccepted() throws Exception {
        Map<String, Object> c = claims();
        c.put("exp", CLOCK.instant().getEpochSecond() + 311);
        assertRefused(
                post(form(assertion(c)), "application/x-www-form-urlencoded"),
                400,
                "Invalid 'exp' claim in client_assertion JWT - more than 5 minutes in future");
        Map<String, Object> ok = claims();
        ok.put("exp", CLOCK.instant().getEpochSecond() + 310);
        assertThat(post(form(assertion(ok)), "application/x-www-form-urlencoded")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void anExpiredAssertionIsRefused() throws Exception {
        Map<String, Object> c = claims();
        c.put("exp", CLOCK.instant().getEpochSecond() - 11);
        assertRefused(
                post(form(assertion(c)), "application/x-www-form-urlencoded"),
                400,
                "Invalid 'exp' claim in client_assertion JWT - JWT has expired");
    }

    @Test
    void onlyRs512IsAccepted() throws Exception {
        Map<String, Object> h = header();
        h.put("alg", "RS256");
        assertRefused(
                post(form(sign(h, claims(), sandbox.application().privateKey())), "application/x-www-form-urlencoded"),
                400,
                "Invalid 'alg' header in client_assertion JWT - unsupported JWT algorithm - must be 'RS512'");
    }

    @Test
    void anUnknownKidIsRefused() throws Exception {
        Map<String, Object> h = header();
        h.put("kid", "not-registered");
        assertRefused(
                post(form(sign(h, claims(), sandbox.application().privateKey())), "application/x-www-form-urlencoded"),
                401,
                "Invalid 'kid' header in client_assertion JWT - no matching public key");
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() throws Exception {
        RSAPrivateKey other = SandboxApplication.generate("x").privateKey();
        assertRefused(
                post(form(sign(header(), claims(), other)), "application/x-www-form-urlencoded"),
                401,
                "JWT signature verification failed");
    }

    @Test
    void issMustEqualSubAndBeAKnownApiKey() throws Exception {
        Map<String, Object> c = claims();
        c.put("sub", "someone-else");
        assertRefused(
                post(form(assertion(c)), "application/x-www-form-urlencoded"),
                400,
                "Missing or non-matching 'iss'/'sub' claims in client_assertion JWT");
        Map<String, Object> unknown = claims();
        unknown.put("iss", "unknown-key");
        unknown.put("sub", "unknown-key");
        assertRefused(
                post(form(assertion(unknown)), "application/x-www-form-urlencoded"),
                401,
                "Invalid 'iss'/'sub' claims in client_assertion JWT");
    }

    @Test
    void theBodyMustBeFormEncoded() throws Exception {
        assertRefused(
                post("{\"grant_type\":\"client_credentials\"}", "application/json"),
                415,
                "Content-Type header must be application/x-www-form-urlencoded");
    }

    @Test
    void grantTypeAndAssertionTypeAreChecked() throws Exception {
        assertRefused(post("client_assertion=x", "application/x-www-form-urlencoded"), 400, "grant_type is missing");
        assertRefused(post("grant_type=password", "application/x-www-form-urlencoded"), 400, "grant_type is invalid");
        assertRefused(
                post(
                        "grant_type=client_credentials&client_assertion_type=x&client_assertion=y",
                        "application/x-www-form-urlencoded"),
                400,
                "Missing or invalid client_assertion_type - must be "
                        + "'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'");
        assertRefused(
                post(form("not.a.jwt"), "application/x-www-form-urlencoded"), 400, "Malformed JWT in client_assertion");
    }

    @Test
    void aRefusalSurfacesAsATypedExceptionWithTheOAuthCode() {
        SandboxApplication stranger = SandboxApplication.generate("k1");
        try (SignedJwtAuth auth = SignedJwtAuth.builder()
                .tokenUrl(sandbox.oauthTokenUrl())
                .apiKey(stranger.apiKey())
                .keyId("k1")
                .privateKey(stranger.privateKey())
                .options(options())
                .build()) {
            LogGuard.forbid(stranger.apiKey().reveal());
            assertThatThrownBy(auth::accessToken)
                    .isInstanceOfSatisfying(
                            UnauthorizedException.class,
                            e -> assertThat(e.errorCode()).contains("invalid_request"));
            sandbox.register(stranger);
            // the refusal is remembered for SignedJwtAuth's refresh cooldown (30 s), then it asks again
            assertThatThrownBy(auth::accessToken).isInstanceOf(UnauthorizedException.class);
            CLOCK.advance(Duration.ofSeconds(30));
            assertThat(sandbox.isValidAccessToken(auth.accessToken().reveal())).isTrue();
        }
    }

    @Test
    void resetForgetsIssuedTokens() {
        String token = token();
        sandbox.reset();
        assertThat(sandbox.isValidAccessToken(token)).isFalse();
        assertThat(sandbox.issuedTokenCount()).isZero();
    }

    private static void assertRefused(HttpResponse<String> r, int status, String description) throws IOException {
        assertThat(r.statusCode()).isEqualTo(status);
        JsonNode body = Json.tree(r.body().getBytes(StandardCharsets.UTF_8));
        assertThat(body.path("error_description").asText()).isEqualTo(description);
        assertThat(body.path("error").asText()).isNotEmpty();
        assertThat(body.path("message_id").asText()).startsWith("rrt-");
    }

    private static Map<String, Object> header() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("alg", "RS512");
        h.put("typ", "JWT");
        h.put("kid", sandbox.application().keyId());
        return h;
    }

    private static Map<String, Object> claims() {
        String key = sandbox.application().apiKey().reveal();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", key);
        c.put("sub", key);
        c.put("aud", sandbox.oauthTokenUrl().toString());
        c.put("jti", UUID.randomUUID().toString());
        c.put("exp", CLOCK.instant().getEpochSecond() + 300);
        return c;
    }

    private static String assertion(Map<String, Object> claims) throws Exception {
        return sign(header(), claims, sandbox.application().privateKey());
    }

    private static String sign(Map<String, Object> header, Map<String, Object> claims, RSAPrivateKey key)
            throws Exception {
        Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
        String input = e.encodeToString(Json.write(header).getBytes(StandardCharsets.UTF_8)) + "."
                + e.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("SHA512withRSA");
        s.initSign(key);
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + e.encodeToString(s.sign());
    }

    private static String form(String assertion) {
        return "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_assertion=" + assertion;
    }

    private static HttpResponse<String> post(String body, String contentType) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(
                        URI.create(sandbox.oauthTokenUrl().toString()))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    }
}
