package uk.nhs.sdk.identity.oidc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.testing.CapturingAppender;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.core.testing.MutableClock;

/**
 * Random strings as ID tokens and as discovery documents: only the documented exceptions, and no
 * message or log line echoes the input.
 */
class OidcFuzzPropertiesTest {
    static WireMockServer server;
    static OidcClient client;
    static AuthorizationRequest request;
    static RSAKey key;

    @BeforeContainer
    static void start() throws Exception {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        key = new RSAKeyGenerator(2048)
                .keyID("provider-1")
                .keyUse(KeyUse.SIGNATURE)
                .generate();
        Map<String, Object> doc = Map.of(
                "issuer",
                "https://idp.example",
                "authorization_endpoint",
                server.baseUrl() + "/authorize",
                "token_endpoint",
                server.baseUrl() + "/token",
                "jwks_uri",
                server.baseUrl() + "/jwks");
        server.stubFor(get(urlPathEqualTo("/.well-known/openid-configuration"))
                .willReturn(okJson(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(doc))));
        server.stubFor(get(urlPathEqualTo("/jwks")).willReturn(okJson(new JWKSet(key.toPublicJWK()).toString())));
        client = OidcClient.builder()
                .provider(NhsLogin.at(URI.create(server.baseUrl() + "/.well-known/openid-configuration")))
                .credentials(OidcClientCredentials.builder()
                        .clientId("fuzz-client")
                        .keyId("k")
                        .privateKey(key.toRSAPrivateKey())
                        .build())
                .redirectUri(URI.create("https://rp.example/cb"))
                .options(options())
                .build();
        request = client.authorizationRequest().build();
    }

    static NhsClientOptions options() {
        return NhsClientOptions.builder()
                .clock(new MutableClock(Instant.parse("2026-11-24T10:00:00Z")))
                .circuitBreaker(CircuitBreakerOptions.disabled())
                .retry(RetryOptions.none())
                .build();
    }

    @AfterContainer
    static void stop() {
        client.close();
        server.stop();
    }

    @AfterProperty
    void logsAreClean() {
        List<String> v = LogGuard.violations();
        CapturingAppender.clear();
        assertThat(v).isEmpty();
    }

    @Provide
    Arbitrary<String> jwtLike() {
        Arbitrary<String> part = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(60).map(OidcFuzzPropertiesTest::b64),
                Arbitraries.strings()
                        .withChars("{}[]\":,abcnoe0123456789.-")
                        .ofMaxLength(60)
                        .map(OidcFuzzPropertiesTest::b64),
                Arbitraries.of(
                                "{\"alg\":\"none\"}",
                                "{\"alg\":\"HS256\",\"kid\":\"provider-1\"}",
                                "{\"alg\":\"RS256\",\"kid\":\"provider-1\"}",
                                "{\"alg\":\"RS256\"}",
                                "{\"alg\":\"ES256\"}",
                                "{\"sub\":\"x\",\"exp\":\"soon\"}",
                                "[]",
                                "null")
                        .map(OidcFuzzPropertiesTest::b64),
                Arbitraries.strings().withChars("A-Za-z0-9_-").ofMaxLength(80));
        return Combinators.combine(part, part, part).as((a, b, c) -> a + "." + b + "." + c);
    }

    @Property(tries = 300)
    void randomTokensFailOnlyWithDocumentedExceptionsAndNeverEchoThem(@ForAll("jwtLike") String token) {
        try {
            client.validateIdToken(IdToken.of(token), request);
            throw new AssertionError("a random token validated");
        } catch (IdTokenValidationException | NhsValidationException e) {
            assertThat(e.getMessage()).doesNotContain(token);
            for (String part : token.split("\\.")) {
                if (part.length() >= 8) {
                    assertThat(e.getMessage()).doesNotContain(part);
                }
            }
            assertLogsFree(token);
        }
    }

    @Property(tries = 300)
    void randomStringsAreNotIdTokens(@ForAll String text) {
        try {
            IdToken.of(text);
        } catch (NhsValidationException e) {
            if (text.length() >= 8) {
                assertThat(e.getMessage()).doesNotContain(text);
            }
            return;
        }
        assertThat(text).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    }

    @Property(tries = 60)
    void randomDiscoveryDocumentsAreMalformedNeverEchoed(@ForAll("documents") String body) {
        server.stubFor(get(urlPathEqualTo("/fuzz/.well-known/openid-configuration"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
        try (OidcClient c = OidcClient.builder()
                .provider(Cis2.at(URI.create(server.baseUrl() + "/fuzz/.well-known/openid-configuration")))
                .credentials(credentials())
                .redirectUri(URI.create("https://rp.example/cb"))
                .options(options())
                .build()) {
            try {
                c.authorizationRequest().build();
            } catch (OidcDiscoveryException e) {
                assertThat(e.reason()).isEqualTo(OidcDiscoveryException.Reason.MALFORMED);
                if (body.length() >= 8) {
                    assertThat(e.getMessage()).doesNotContain(body);
                }
                assertLogsFree(body);
            }
        }
    }

    @Property(tries = 60)
    void randomTokenResponsesAreDecodeErrorsNeverEchoed(@ForAll("tokenResponses") String body) {
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/token"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
        try {
            client.exchangeCode(request, "fuzz-code", request.state());
            throw new AssertionError("a random token response completed a sign-in");
        } catch (uk.nhs.sdk.core.error.NhsDecodeException | IdTokenValidationException e) {
            if (body.length() >= 8) {
                assertThat(e.getMessage()).doesNotContain(body);
            }
            assertLogsFree(body);
        }
    }

    @Provide
    Arbitrary<String> tokenResponses() {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMaxLength(20).map(s -> "\"" + s + "\""),
                Arbitraries.of(
                        "null",
                        "-1",
                        "0",
                        "599",
                        "\"599\"",
                        "\"1e3\"",
                        "1.5",
                        "[]",
                        "{}",
                        "\"a.b.c\"",
                        "\"eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.\""));
        Arbitrary<String> key = Arbitraries.of("access_token", "id_token", "expires_in", "refresh_token", "scope");
        Arbitrary<String> member = Combinators.combine(key, value).as((k, v) -> "\"" + k + "\":" + v);
        return Arbitraries.oneOf(
                member.list().ofMaxSize(5).map(l -> "{" + String.join(",", l) + "}"),
                Arbitraries.strings().ofMaxLength(80));
    }

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMaxLength(20).map(s -> "\"" + s + "\""),
                Arbitraries.of(
                        "null",
                        "42",
                        "[]",
                        "{}",
                        "\"https://idp.example\"",
                        "\"http://remote.example/x\"",
                        "\"not a url\"",
                        "\"https://idp.example/#frag\""));
        Arbitrary<String> key = Arbitraries.of(
                "issuer",
                "authorization_endpoint",
                "token_endpoint",
                "jwks_uri",
                "userinfo_endpoint",
                "code_challenge_methods_supported",
                "other");
        Arbitrary<String> member = Combinators.combine(key, value).as((k, v) -> "\"" + k + "\":" + v);
        return Arbitraries.oneOf(
                member.list().ofMaxSize(6).map(l -> "{" + String.join(",", l) + "}"),
                Arbitraries.strings().ofMaxLength(80));
    }

    static OidcClientCredentials credentials() {
        try {
            return OidcClientCredentials.builder()
                    .clientId("fuzz-client")
                    .keyId("k")
                    .privateKey(key.toRSAPrivateKey())
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void assertLogsFree(String input) {
        if (input.length() < 8) {
            return;
        }
        for (String line : CapturingAppender.lines()) {
            assertThat(line).doesNotContain(input);
        }
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
