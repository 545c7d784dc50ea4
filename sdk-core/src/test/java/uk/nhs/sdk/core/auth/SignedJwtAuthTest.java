package uk.nhs.sdk.core.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.UnauthorizedException;
import uk.nhs.sdk.core.http.NhsHttpClient;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.internal.json.Json;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingSleeper;

/** The API Platform signed-JWT flow, identity.md §C2. */
class SignedJwtAuthTest {
    private static final String API_KEY = "test-api-key-0123456789";
    private static final String TOKEN_BODY = "{\"access_token\":\"%s\",\"expires_in\":\"599\","
            + "\"token_type\":\"Bearer\",\"issued_at\":\"1650000000000\"}";
    private static WireMockServer server;
    private static KeyPair keys;

    private MutableClock clock;

    @BeforeAll
    static void start() throws Exception {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
        LogGuard.forbid(API_KEY);
        LogGuard.forbid("tok-AAA111");
        LogGuard.forbid("tok-BBB222");
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
        server.stubFor(post(urlPathEqualTo("/oauth2/token"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(String.format(TOKEN_BODY, "tok-AAA111"))));
    }

    private String tokenUrl() {
        return server.baseUrl() + "/oauth2/token";
    }

    private SignedJwtAuth auth() {
        return SignedJwtAuth.builder()
                .apiKey(Secret.of(API_KEY))
                .keyId("test-1")
                .privateKey((RSAPrivateKey) keys.getPrivate())
                .tokenUrl(URI.create(tokenUrl()))
                .options(NhsClientOptions.builder()
                        .clock(clock)
                        .sleeper(new RecordingSleeper())
                        .build())
                .build();
    }

    private static Map<String, String> form(LoggedRequest r) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : r.getBodyAsString().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void theAssertionObeysEveryClaimRuleAndVerifiesWithThePublicKey() throws Exception {
        Secret token = auth().accessToken();

        assertThat(token.reveal()).isEqualTo("tok-AAA111");
        LoggedRequest r = server.findAll(postRequestedFor(urlPathEqualTo("/oauth2/token")))
                .get(0);
        assertThat(r.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        Map<String, String> form = form(r);
        assertThat(form)
                .containsEntry("grant_type", "client_credentials")
                .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .doesNotContainKey("client_id");

        String[] parts = form.get("client_assertion").split("\\.");
        assertThat(parts).hasSize(3);
        Signature verifier = Signature.getInstance("SHA512withRSA");
        verifier.initVerify((RSAPublicKey) keys.getPublic());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();

        JsonNode header = Json.tree(Base64.getUrlDecoder().decode(parts[0]));
        assertThat(header.path("alg").asText()).isEqualTo("RS512");
        assertThat(header.path("typ").asText()).isEqualTo("JWT");
        assertThat(header.path("kid").asText()).isEqualTo("test-1");
        JsonNode claims = Json.tree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.path("iss").asText()).isEqualTo(API_KEY);
        assertThat(claims.path("sub").asText()).isEqualTo(API_KEY);
        assertThat(claims.path("aud").asText()).isEqualTo(tokenUrl());
        assertThat(claims.path("jti").asText()).matches("[0-9a-f-]{36}");
        assertThat(claims.path("exp").isIntegralNumber()).isTrue();
        // from the options' clock (not the machine's), with slack under the platform's 300 s
        assertThat(claims.path("exp").asLong()).isEqualTo(clock.instant().getEpochSecond() + 240);
    }

    @Test
    void everyTokenRequestUsesAFreshJti() {
        SignedJwtAuth auth = auth();
        auth.accessToken();
        clock.advance(Duration.ofSeconds(599));
        auth.accessToken();

        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlPathEqualTo("/oauth2/token")));
        assertThat(requests).hasSize(2);
        Set<String> jtis = new HashSet<>();
        for (LoggedRequest r : requests) {
            String payload = form(r).get("client_assertion").split("\\.")[1];
            jtis.add(Json.mapper()
                    .convertValue(parse(payload), JsonNode.class)
                    .path("jti")
                    .asText());
        }
        assertThat(jtis).hasSize(2);
    }

    private static JsonNode parse(String b64) {
        try {
            return Json.tree(Base64.getUrlDecoder().decode(b64));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theTokenIsCachedUntilShortlyBeforeExpiry() {
        SignedJwtAuth auth = auth();
        auth.accessToken();
        clock.advance(Duration.ofSeconds(500));
        auth.accessToken();
        server.verify(1, postRequestedFor(urlPathEqualTo("/oauth2/token")));
        assertThat(auth.tokenExpiry()).contains(Instant.parse("2026-11-24T10:09:59Z"));

        clock.advance(Duration.ofSeconds(40)); // 540 s: inside the 60 s refresh margin
        auth.accessToken();
        server.verify(2, postRequestedFor(urlPathEqualTo("/oauth2/token")));
    }

    @Test
    void expiresInAsANumberIsAcceptedToo() {
        server.stubFor(post(urlPathEqualTo("/oauth2/token"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody("{\"access_token\":\"tok-BBB222\",\"expires_in\":599,\"token_type\":\"Bearer\"}")));
        SignedJwtAuth auth = auth();
        assertThat(auth.accessToken().reveal()).isEqualTo("tok-BBB222");
        assertThat(auth.tokenExpiry()).contains(clock.instant().plusSeconds(599));
    }

    @Test
    void twoHundredThreadsAtOnceCauseOneTokenRequest() throws Exception {
        server.stubFor(post(urlPathEqualTo("/oauth2/token"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withFixedDelay(200)
                        .withBody(String.format(TOKEN_BODY, "tok-AAA111"))));
        SignedJwtAuth auth = auth();
        ExecutorService pool = Executors.newFixedThreadPool(200);
        try {
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                tasks.add(() -> auth.accessToken().reveal());
            }
            List<Future<String>> results = pool.invokeAll(tasks);
            for (Future<String> f : results) {
                assertThat(f.get()).isEqualTo("tok-AAA111");
            }
        } finally {
            pool.shutdownNow();
        }
        server.verify(1, postRequestedFor(urlPathEqualTo("/oauth2/token")));
    }

    @Test
    void aRefusedAssertionIsATypedErrorWithTheOAuthCode() {
        server.stubFor(post(urlPathEqualTo("/oauth2/token"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withBody("{\"error\":\"invalid_request\",\"error_description\":\"Invalid 'kid' header in "
                                + "client_assertion JWT - no matching public key\",\"message_id\":\"rrt-1\"}")));

        UnauthorizedException e = catchThrowableOfType(UnauthorizedException.class, () -> auth().accessToken());

        assertThat(e.errorCode()).contains("invalid_request");
        assertThat(e.getMessage()).doesNotContain("kid").doesNotContain(API_KEY);
    }

    @Test
    void aServiceAnswering401GetsOneRefreshAndOneRetry() {
        server.stubFor(get(urlPathEqualTo("/api/thing"))
                .withHeader(
                        "Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer tok-AAA111"))
                .willReturn(aResponse().withStatus(401)));
        server.stubFor(get(urlPathEqualTo("/api/thing"))
                .withHeader(
                        "Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer tok-BBB222"))
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        SignedJwtAuth auth = auth();
        auth.accessToken();
        server.stubFor(post(urlPathEqualTo("/oauth2/token"))
                .willReturn(aResponse().withStatus(200).withBody(String.format(TOKEN_BODY, "tok-BBB222"))));
        NhsHttpClient api = NhsHttpClient.builder()
                .serviceName("API")
                .baseUrl(URI.create(server.baseUrl() + "/api"))
                .options(NhsClientOptions.builder()
                        .clock(clock)
                        .sleeper(new RecordingSleeper())
                        .build())
                .auth(auth)
                .build();

        assertThat(api.execute(NhsRequest.builder("GET", "/thing").build()).status())
                .isEqualTo(200);

        server.verify(2, postRequestedFor(urlPathEqualTo("/oauth2/token")));
        server.verify(2, getRequestedFor(urlPathEqualTo("/api/thing")));
    }

    @Test
    void printsTheJwksForRegistrationFromThePrivateKey() throws Exception {
        RSAPublicKey derived = PrivateKeys.publicKeyOf((RSAPrivateKey) keys.getPrivate());
        assertThat(derived).isEqualTo(keys.getPublic());
        JsonNode jwks = Json.tree(Jwks.toJson(derived, "test-1").getBytes(StandardCharsets.UTF_8));
        JsonNode key = jwks.path("keys").get(0);
        assertThat(key.path("kty").asText()).isEqualTo("RSA");
        assertThat(key.path("alg").asText()).isEqualTo("RS512");
        assertThat(key.path("use").asText()).isEqualTo("sig");
        assertThat(key.path("kid").asText()).isEqualTo("test-1");
        assertThat(key.path("e").asText()).isEqualTo("AQAB");
        assertThat(new java.math.BigInteger(
                        1, Base64.getUrlDecoder().decode(key.path("n").asText())))
                .isEqualTo(derived.getModulus());
    }

    @Test
    void loadsPkcs8AndPkcs1PemKeys() {
        byte[] pkcs8 = keys.getPrivate().getEncoded();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
        assertThat(PrivateKeys.fromPem(pem)).isEqualTo(keys.getPrivate());

        // PKCS#1 is the inner RSAPrivateKey of the PKCS#8 structure (after a 26-byte header for RSA)
        byte[] pkcs1 = java.util.Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
        String pem1 = "-----BEGIN RSA PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pkcs1) + "\n-----END RSA PRIVATE KEY-----\n";
        assertThat(PrivateKeys.fromPem(pem1)).isEqualTo(keys.getPrivate());
    }
}
