package uk.nhs.sdk.identity.oidc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingSleeper;

/**
 * A WireMock server standing in for an OpenID Connect provider (discovery, JWKS, token,
 * UserInfo), keys generated per test run, and helpers to sign ID tokens.
 */
abstract class OidcWireMockTest {
    static final String CLIENT_ID = "969567331415.apps.national";
    static final String ISSUER = "https://am.nhsint.auth-ptl.cis2.spineservices.nhs.uk:443/openam/oauth2/realms/root"
            + "/realms/NHSIdentity/realms/Healthcare";
    static final String DISCOVERY_PATH =
            "/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare" + "/.well-known/openid-configuration";
    static final String TOKEN_PATH = "/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare/access_token";
    static final URI REDIRECT = URI.create("https://my-service.example/callback");
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    static WireMockServer server;
    static RSAKey providerKey;
    static RSAKey clientKey;

    MutableClock clock;
    RecordingSleeper sleeper;
    final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeAll
    static void startServer() throws JOSEException {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        providerKey = rsa("provider-1");
        clientKey = rsa("client-1");
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void resetServer() {
        server.resetAll();
        clock = new MutableClock(NOW);
        sleeper = new RecordingSleeper(clock);
        secret("787807429511"); // the test user's subject: a claim value, never logged
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    static RSAKey rsa(String kid) throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
    }

    NhsClientOptions options() {
        return NhsClientOptions.builder()
                .clock(clock)
                .sleeper(sleeper)
                .circuitBreaker(CircuitBreakerOptions.disabled())
                .build();
    }

    /** The token endpoint as discovery publishes it: a mixed-case host the SDK must keep verbatim. */
    static String tokenEndpoint() {
        return "http://LocalHost:" + server.port() + TOKEN_PATH;
    }

    static Map<String, Object> discoveryDoc(boolean pkce) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("issuer", ISSUER);
        d.put("authorization_endpoint", server.baseUrl() + "/authorize");
        d.put("token_endpoint", tokenEndpoint());
        d.put("jwks_uri", server.baseUrl() + "/jwks");
        d.put("userinfo_endpoint", server.baseUrl() + "/userinfo");
        d.put("response_types_supported", List.of("code"));
        if (pkce) {
            d.put("code_challenge_methods_supported", List.of("plain", "S256"));
        }
        return d;
    }

    static void stubDiscovery(boolean pkce) {
        server.stubFor(get(urlPathEqualTo(DISCOVERY_PATH)).willReturn(okJson(json(discoveryDoc(pkce)))));
    }

    static void stubJwks(JWK... keys) {
        server.stubFor(get(urlPathEqualTo("/jwks")).willReturn(okJson(new JWKSet(List.of(keys)).toString(true))));
    }

    static void stubProvider() {
        stubDiscovery(false);
        stubJwks(providerKey.toPublicJWK());
    }

    static void stubToken(String body) {
        server.stubFor(post(urlPathEqualTo(TOKEN_PATH))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    static URI discoveryUrl() {
        return URI.create(server.baseUrl() + DISCOVERY_PATH);
    }

    OidcClient client(OidcProvider provider) {
        return client(provider, OidcClient.builder());
    }

    OidcClient client(OidcProvider provider, OidcClient.Builder b) {
        OidcClient c = b.provider(provider)
                .credentials(credentials())
                .redirectUri(REDIRECT)
                .options(options())
                .build();
        closeables.add(c);
        return c;
    }

    static OidcClientCredentials credentials() {
        try {
            return OidcClientCredentials.builder()
                    .clientId(CLIENT_ID)
                    .keyId(clientKey.getKeyID())
                    .privateKey(clientKey.toRSAPrivateKey())
                    .build();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims that pass every rule for {@code nonce}. */
    static JWTClaimsSet.Builder validClaims(String nonce) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("787807429511")
                .audience(CLIENT_ID)
                .issueTime(Date.from(NOW.minusSeconds(10)))
                .expirationTime(Date.from(NOW.plus(Duration.ofMinutes(10))))
                .claim("nonce", nonce);
    }

    static String sign(JWTClaimsSet claims) {
        return sign(claims, providerKey, JWSAlgorithm.RS256);
    }

    static String sign(JWTClaimsSet claims, RSAKey key, JWSAlgorithm alg) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(alg)
                            .type(JOSEObjectType.JWT)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registers a value LogGuard must never see in a log line; returns it. */
    static String secret(String value) {
        LogGuard.forbid(value);
        return value;
    }

    static String json(Object o) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> form(LoggedRequest r) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : r.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            out.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
