package uk.nhs.sdk.identity.oidc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.identity.oidc.IdTokenValidationException.Reason;

/** Hostile and failing providers, and the edges of the sign-in API, found in review. */
class ReviewProbesTest extends OidcWireMockTest {

    static int gets(String path) {
        return server.findAll(getRequestedFor(urlPathEqualTo(path))).size();
    }

    String tokenFor(AuthorizationRequest r) {
        return sign(
                validClaims(r.nonce())
                        .issueTime(Date.from(clock.instant().minusSeconds(5)))
                        .expirationTime(Date.from(clock.instant().plus(Duration.ofMinutes(10))))
                        .build(),
                providerKey,
                JWSAlgorithm.RS256);
    }

    @Test
    void aJwksOutageIsNotFetchedAgainForEveryToken() {
        stubDiscovery(false);
        server.stubFor(get(urlPathEqualTo("/jwks")).willReturn(aResponse().withStatus(404)));
        OidcClient c = client(Cis2.at(discoveryUrl()));
        AuthorizationRequest r = c.authorizationRequest().build();
        String token = tokenFor(r);
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(5));
            assertThatThrownBy(() -> c.validateIdToken(IdToken.of(token), r))
                    .isInstanceOfSatisfying(
                            OidcDiscoveryException.class,
                            e -> assertThat(e.reason()).isEqualTo(OidcDiscoveryException.Reason.UNREACHABLE));
        }
        assertThat(gets("/jwks")).as("one fetch for five tokens in 25 s").isEqualTo(1);
        stubJwks(providerKey.toPublicJWK());
        clock.advance(Duration.ofMinutes(1));
        assertThat(c.validateIdToken(IdToken.of(token), r).subject()).isNotEmpty();
        assertThat(gets("/jwks")).isEqualTo(2);
    }

    @Test
    void aDiscoveryOutageIsNotFetchedAgainForEveryRequest() {
        server.stubFor(
                get(urlPathEqualTo(DISCOVERY_PATH)).willReturn(aResponse().withStatus(404)));
        OidcClient c = client(Cis2.at(discoveryUrl()));
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(5));
            assertThatThrownBy(() -> c.authorizationRequest().build()).isInstanceOf(OidcDiscoveryException.class);
        }
        assertThat(gets(DISCOVERY_PATH)).isEqualTo(1);
        stubDiscovery(false);
        clock.advance(Duration.ofMinutes(1));
        assertThat(c.authorizationRequest().build().uri()).isNotNull();
        assertThat(gets(DISCOVERY_PATH)).isEqualTo(2);
    }

    @Test
    void aRefreshedIdTokenForAnotherSubjectIsRefused() {
        stubProvider();
        OidcClient c = client(Cis2.at(discoveryUrl()));
        AuthorizationRequest r = c.authorizationRequest().build();
        IdTokenClaims signedIn = c.validateIdToken(IdToken.of(tokenFor(r)), r);
        secret("someone-else-4242");
        String other = sign(validClaims(null).subject("someone-else-4242").build());
        stubToken("{\"access_token\":\"at-2\",\"expires_in\":300,\"id_token\":\"" + other + "\"}");
        assertThatThrownBy(() -> c.refresh(Secret.of("rt-1"), signedIn))
                .isInstanceOfSatisfying(IdTokenValidationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.SUBJECT_MISMATCH);
                    assertThat(e.getMessage())
                            .doesNotContain("someone-else-4242")
                            .doesNotContain("787807429511");
                });
        stubToken("{\"access_token\":\"at-3\",\"expires_in\":300,\"id_token\":\""
                + sign(validClaims(null).build()) + "\"}");
        assertThat(c.refresh(Secret.of("rt-1"), signedIn).claims().orElseThrow().subject())
                .isEqualTo("787807429511");
    }

    @Test
    void anIdTokenWithAnAbsurdExpIsAcceptedOrAValidationErrorNeverADateTimeException() {
        String header = b64("{\"alg\":\"RS256\"}");
        for (String exp : new String[] {"1e300", "-1e300", "9223372036854775807", "\"soon\""}) {
            String token = header + "." + b64("{\"exp\":" + exp + "}") + ".c2ln";
            try {
                assertThat(IdToken.of(token).toString()).doesNotContain("c2ln");
            } catch (NhsValidationException expected) {
                assertThat(expected.getMessage()).doesNotContain(exp);
            }
        }
    }

    @Test
    void aTokenResponseWithoutScopeCompletesTheSignIn() {
        // NHS login's token response (EIS 3.5) has no scope member
        stubProvider();
        OidcClient c = client(Cis2.at(discoveryUrl()));
        AuthorizationRequest r = c.authorizationRequest().build();
        secret("at-no-scope");
        stubToken("{\"access_token\":\"at-no-scope\",\"token_type\":\"Bearer\",\"expires_in\":300," + "\"id_token\":\""
                + tokenFor(r) + "\"}");
        SignIn signIn = c.exchangeCode(r, "code-without-scope", r.state());
        assertThat(signIn.claims().subject()).isEqualTo("787807429511");
        assertThat(signIn.tokens().scopes()).isEmpty();
    }

    @Test
    void aRateLimitedCombinedRefreshKeepsTheSession() {
        String response = "{\"access_token\":\"combined-token-1\",\"expires_in\":\"599\","
                + "\"refresh_token\":\"combined-refresh-1\",\"refresh_token_expires_in\":\"43199\","
                + "\"token_type\":\"Bearer\"}";
        secret("combined-client-secret-77");
        CombinedAuth combined = CombinedAuth.builder()
                .baseUrl(URI.create(server.baseUrl() + "/oauth2"))
                .apiKey(Secret.of("Y29tYmluZWRhcGlrZXk5OTk5"))
                .clientSecret(Secret.of("combined-client-secret-77"))
                .redirectUri(REDIRECT)
                .options(options())
                .refreshCooldown(Duration.ofSeconds(5))
                .build();
        closeables.add(combined);
        CombinedAuth.PendingSignIn pending = combined.authorizationRequest();
        stubPlatformToken(200, response);
        CombinedAuth.Session session = combined.exchangeCode(pending, "code-1", pending.state());
        session.accessToken();
        stubPlatformToken(429, "{\"error\":\"rate_limited\"}");
        clock.advance(Duration.ofSeconds(600));
        assertThatThrownBy(session::accessToken)
                .isInstanceOf(NhsServiceException.class)
                .isNotInstanceOf(SignInExpiredException.class);
        stubPlatformToken(200, response.replace("combined-token-1", "combined-token-2"));
        clock.advance(Duration.ofSeconds(6));
        assertThat(session.accessToken().reveal()).isEqualTo("combined-token-2");
    }

    @Test
    void aRateLimitedTokenExchangeRefreshKeepsTheRefreshToken() throws Exception {
        String response = "{\"access_token\":\"platform-token-1\",\"expires_in\":\"599\",\"token_type\":\"Bearer\","
                + "\"refresh_token\":\"platform-refresh-1\",\"refresh_token_expires_in\":\"43199\"}";
        // an ID token that expires with the first access token: after that only the refresh token helps
        String idToken = sign(validClaims(null)
                .expirationTime(Date.from(NOW.plusSeconds(300)))
                .build());
        TokenExchangeAuth auth = TokenExchangeAuth.builder()
                .tokenUrl(URI.create(server.baseUrl() + "/oauth2/token"))
                .apiKey(Secret.of("Z3RmdG9rZW5hcGlrZXk0MjQy"))
                .keyId("platform-1")
                .privateKey(clientKey.toRSAPrivateKey())
                .idToken(IdToken.of(idToken))
                .options(options())
                .refreshCooldown(Duration.ofSeconds(5))
                .build();
        closeables.add(auth);
        stubPlatformToken(200, response);
        auth.accessToken();
        stubPlatformToken(429, "{\"error\":\"rate_limited\"}");
        clock.advance(Duration.ofSeconds(600));
        assertThatThrownBy(auth::accessToken)
                .isInstanceOf(NhsServiceException.class)
                .isNotInstanceOf(SignInExpiredException.class);
        stubPlatformToken(200, response.replace("platform-token-1", "platform-token-2"));
        clock.advance(Duration.ofSeconds(6));
        assertThat(auth.accessToken().reveal()).isEqualTo("platform-token-2");
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/oauth2/token"))
                        .withRequestBody(containing("token-exchange"))))
                .hasSize(1);
    }

    @Test
    void aCallbackRepeatingCodeOrStateOrAForgedErrorIsRefusedBeforeAnyTokenRequest() {
        stubProvider();
        OidcClient c = client(Cis2.at(discoveryUrl()));
        AuthorizationRequest r = c.authorizationRequest().build();
        secret(r.state());
        for (String query : new String[] {
            "code=c1&code=c2&state=" + r.state(),
            "code=c1&state=" + r.state() + "&state=forged",
            "code=c1&state=" + r.state() + "&iss=a&iss=b"
        }) {
            assertThatThrownBy(() -> c.completeSignIn(r, URI.create(REDIRECT + "?" + query)))
                    .isInstanceOfSatisfying(AuthorizationCallbackException.class, e -> {
                        assertThat(e.reason()).isEqualTo(AuthorizationCallbackException.Reason.MALFORMED);
                        assertThat(e.getMessage()).doesNotContain(r.state()).doesNotContain("c1");
                    });
        }
        // an error redirect with someone else's state is a forgery, not the provider's answer
        assertThatThrownBy(() -> c.completeSignIn(r, URI.create(REDIRECT + "?error=access_denied&state=forged")))
                .isInstanceOfSatisfying(
                        AuthorizationCallbackException.class,
                        e -> assertThat(e.reason()).isEqualTo(AuthorizationCallbackException.Reason.STATE_MISMATCH));
        assertThatThrownBy(() -> c.completeSignIn(r, URI.create(REDIRECT + "?error=access_denied&state=" + r.state())))
                .isInstanceOfSatisfying(
                        AuthorizationCallbackException.class,
                        e -> assertThat(e.reason()).isEqualTo(AuthorizationCallbackException.Reason.PROVIDER_ERROR));
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)))).isEmpty();
    }

    @Test
    void aCombinedSessionFirstUsedAfterItsTokenExpiredRefreshesInsteadOfSendingTheDeadToken() {
        String response = "{\"access_token\":\"combined-token-1\",\"expires_in\":\"599\","
                + "\"refresh_token\":\"combined-refresh-1\",\"refresh_token_expires_in\":\"43199\","
                + "\"token_type\":\"Bearer\"}";
        CombinedAuth combined = CombinedAuth.builder()
                .baseUrl(URI.create(server.baseUrl() + "/oauth2"))
                .apiKey(Secret.of("Y29tYmluZWRhcGlrZXk5OTk5"))
                .clientSecret(Secret.of("combined-client-secret-77"))
                .redirectUri(REDIRECT)
                .options(options())
                .build();
        closeables.add(combined);
        CombinedAuth.PendingSignIn pending = combined.authorizationRequest();
        stubPlatformToken(200, response);
        CombinedAuth.Session session = combined.exchangeCode(pending, "code-1", pending.state());
        stubPlatformToken(200, response.replace("combined-token-1", "combined-token-2"));
        clock.advance(Duration.ofSeconds(700));
        assertThat(session.accessToken().reveal()).isEqualTo("combined-token-2");
        assertThat(session.tokenExpiry()).contains(clock.instant().plusSeconds(599));
    }

    @Test
    void theIdTokenAndTheClientSecretAreNeverSentOverPlainHttpToARemoteHost() throws Exception {
        String idToken = sign(validClaims(null).build());
        for (String url : new String[] {
            "http://api.service.nhs.uk/oauth2/token",
            "ftp://x/token",
            "/oauth2/token",
            "https://api.service.nhs.uk/oauth2/token?x=1"
        }) {
            TokenExchangeAuth.Builder b = TokenExchangeAuth.builder()
                    .tokenUrl(URI.create(url))
                    .apiKey(Secret.of("Z3RmdG9rZW5hcGlrZXk0MjQy"))
                    .keyId("platform-1")
                    .privateKey(clientKey.toRSAPrivateKey())
                    .idToken(IdToken.of(idToken));
            assertThatThrownBy(b::build).isInstanceOf(uk.nhs.sdk.core.error.NhsConfigurationException.class);
            CombinedAuth.Builder c = CombinedAuth.builder()
                    .baseUrl(URI.create(url.replace("/token", "")))
                    .apiKey(Secret.of("Y29tYmluZWRhcGlrZXk5OTk5"))
                    .clientSecret(Secret.of("combined-client-secret-77"))
                    .redirectUri(REDIRECT);
            assertThatThrownBy(c::build).isInstanceOf(uk.nhs.sdk.core.error.NhsConfigurationException.class);
        }
        TokenExchangeAuth ok = TokenExchangeAuth.builder()
                .tokenUrl(URI.create("http://127.0.0.1:1/oauth2/token"))
                .apiKey(Secret.of("Z3RmdG9rZW5hcGlrZXk0MjQy"))
                .keyId("platform-1")
                .privateKey(clientKey.toRSAPrivateKey())
                .idToken(IdToken.of(idToken))
                .build();
        closeables.add(ok);
    }

    static void stubPlatformToken(int status, String body) {
        server.stubFor(post(urlPathEqualTo("/oauth2/token"))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
