package uk.nhs.sdk.identity.oidc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.http.NhsHttpClient;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.core.testing.RecordingAuthRequest;

/** RFC 8693 token exchange at the API Platform: the form of identity.md §C4, caching, refresh, expiry. */
class TokenExchangeAuthTest extends OidcWireMockTest {
    static final String PLATFORM_TOKEN_PATH = "/oauth2/token";
    static final String API_KEY = "Z3RmdG9rZW5hcGlrZXk0MjQy";
    static final String RESPONSE =
            "{\"access_token\":\"platform-token-1\",\"expires_in\":\"599\",\"token_type\":\"Bearer\","
                    + "\"issued_token_type\":\"urn:ietf:params:oauth:token-type:access_token\","
                    + "\"refresh_token\":\"platform-refresh-1\",\"refresh_token_expires_in\":\"43199\",\"refresh_count\":\"0\"}";

    String idToken;

    @BeforeEach
    void secrets() {
        secret(API_KEY);
        secret("platform-token-1");
        secret("platform-token-2");
        secret("platform-refresh-1");
        idToken = secret(sign(validClaims(null)
                .claim("acr", "AAL3_ANY")
                .claim("azp", CLIENT_ID)
                .build()));
    }

    static URI tokenUrl() {
        return URI.create(server.baseUrl() + PLATFORM_TOKEN_PATH);
    }

    TokenExchangeAuth auth(String idTokenValue) throws Exception {
        TokenExchangeAuth a = TokenExchangeAuth.builder()
                .tokenUrl(tokenUrl())
                .apiKey(Secret.of(API_KEY))
                .keyId("platform-1")
                .privateKey(clientKey.toRSAPrivateKey())
                .idToken(IdToken.of(idTokenValue))
                .options(options())
                .build();
        closeables.add(a);
        return a;
    }

    static void stubPlatform(String body) {
        server.stubFor(post(urlPathEqualTo(PLATFORM_TOKEN_PATH))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    static List<LoggedRequest> tokenRequests() {
        return server.findAll(postRequestedFor(urlPathEqualTo(PLATFORM_TOKEN_PATH)));
    }

    @Test
    void exchangesTheIdTokenWithExactlyTheDocumentedForm() throws Exception {
        stubPlatform(RESPONSE);
        TokenExchangeAuth auth = auth(idToken);
        RecordingAuthRequest attempt = new RecordingAuthRequest(URI.create("https://api.example/Patient/x"));
        auth.authenticate(attempt);

        assertThat(attempt.headers).containsEntry("Authorization", "Bearer platform-token-1");
        assertThat(auth.tokenExpiry()).contains(NOW.plusSeconds(599));
        LoggedRequest r = tokenRequests().get(0);
        assertThat(r.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        Map<String, String> form = form(r);
        assertThat(form.keySet())
                .containsExactly(
                        "grant_type",
                        "subject_token_type",
                        "subject_token",
                        "client_assertion_type",
                        "client_assertion");
        assertThat(form)
                .containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange")
                .containsEntry("subject_token_type", "urn:ietf:params:oauth:token-type:id_token")
                .containsEntry("subject_token", idToken)
                .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");

        SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
        assertThat(assertion.getHeader().getAlgorithm().getName()).isEqualTo("RS512");
        assertThat(assertion.getHeader().getKeyID()).isEqualTo("platform-1");
        assertThat(assertion.getHeader().getType().getType()).isEqualTo("JWT");
        assertThat(assertion.verify(new RSASSAVerifier(clientKey.toRSAPublicKey())))
                .isTrue();
        assertThat(assertion.getJWTClaimsSet().getIssuer()).isEqualTo(API_KEY);
        assertThat(assertion.getJWTClaimsSet().getSubject()).isEqualTo(API_KEY);
        assertThat(assertion.getJWTClaimsSet().getAudience())
                .containsExactly(tokenUrl().toString());
        assertThat(assertion.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(240));
        assertThat(auth.toString()).doesNotContain(API_KEY).doesNotContain("platform-token-1");
    }

    @Test
    void theTokenIsCachedThenRefreshedWithTheRefreshToken() throws Exception {
        stubPlatform(RESPONSE);
        TokenExchangeAuth auth = auth(idToken);
        assertThat(auth.accessToken().reveal()).isEqualTo("platform-token-1");
        clock.advance(Duration.ofSeconds(500));
        assertThat(auth.accessToken().reveal()).isEqualTo("platform-token-1");
        assertThat(tokenRequests()).hasSize(1);

        stubPlatform(RESPONSE.replace("platform-token-1", "platform-token-2"));
        clock.advance(Duration.ofSeconds(40));
        assertThat(auth.accessToken().reveal()).isEqualTo("platform-token-2");
        List<LoggedRequest> all = tokenRequests();
        assertThat(all).hasSize(2);
        Map<String, String> form = form(all.get(1));
        assertThat(form.keySet())
                .containsExactly("grant_type", "refresh_token", "client_assertion_type", "client_assertion");
        assertThat(form)
                .containsEntry("grant_type", "refresh_token")
                .containsEntry("refresh_token", "platform-refresh-1");
    }

    @Test
    void aRefusedRefreshTokenFallsBackToExchangingTheStillValidIdToken() throws Exception {
        stubPlatform(RESPONSE);
        TokenExchangeAuth auth = auth(idToken);
        auth.accessToken();
        server.stubFor(post(urlPathEqualTo(PLATFORM_TOKEN_PATH))
                .atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("grant_type=refresh_token"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"refresh token expired\"}")));
        stubPlatform(RESPONSE.replace("platform-token-1", "platform-token-2"));
        clock.advance(Duration.ofSeconds(560));
        assertThat(auth.accessToken().reveal()).isEqualTo("platform-token-2");
        List<LoggedRequest> all = tokenRequests();
        assertThat(all).hasSize(3);
        assertThat(form(all.get(2))).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange");
    }

    @Test
    void anExpiredIdTokenWithoutARefreshTokenMeansSignInAgain() throws Exception {
        stubPlatform("{\"access_token\":\"platform-token-1\",\"expires_in\":\"599\",\"token_type\":\"Bearer\"}");
        TokenExchangeAuth auth = auth(idToken);
        auth.accessToken();
        clock.advance(Duration.ofMinutes(11));
        assertThatThrownBy(auth::accessToken)
                .isInstanceOf(SignInExpiredException.class)
                .hasMessageContaining("sign in again");
        assertThat(tokenRequests()).hasSize(1);
    }

    @Test
    void anIdTokenAlreadyExpiredIsNeverSent() throws Exception {
        String expired = secret(sign(
                validClaims(null).expirationTime(Date.from(NOW.minusSeconds(1))).build()));
        TokenExchangeAuth auth = auth(expired);
        assertThatThrownBy(auth::accessToken).isInstanceOf(SignInExpiredException.class);
        assertThat(tokenRequests()).isEmpty();
    }

    @Test
    void aRefusedExchangeCarriesThePlatformsErrorCode() throws Exception {
        server.stubFor(post(urlPathEqualTo(PLATFORM_TOKEN_PATH))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"error\":\"invalid_request\",\"error_description\":\"Missing or invalid subject_token\","
                                        + "\"message_id\":\"rrt-1\"}")));
        TokenExchangeAuth auth = auth(idToken);
        assertThatThrownBy(auth::accessToken).isInstanceOfSatisfying(NhsServiceException.class, e -> {
            assertThat(e.errorCode()).contains("invalid_request");
            assertThat(e.getMessage()).doesNotContain(idToken);
        });
    }

    @Test
    void plugsIntoAnyClientAndRefreshesOnce401() throws Exception {
        stubPlatform(RESPONSE);
        TokenExchangeAuth auth = auth(idToken);
        server.stubFor(get(urlPathEqualTo("/api/Patient/x")).willReturn(okJson("{}")));
        try (NhsHttpClient http = NhsHttpClient.builder()
                        .serviceName("API")
                        .baseUrl(URI.create(server.baseUrl() + "/api"))
                        .options(options())
                        .auth(auth)
                        .build();
                NhsResponse r =
                        http.execute(NhsRequest.builder("GET", "/Patient/x").build())) {
            assertThat(r.status()).isEqualTo(200);
        }
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/api/Patient/x")))
                        .get(0)
                        .getHeader("Authorization"))
                .isEqualTo("Bearer platform-token-1");

        RecordingAuthRequest refused = new RecordingAuthRequest(URI.create("https://api.example/x"));
        auth.authenticate(refused);
        assertThat(auth.refreshAfterUnauthorized(refused)).isTrue();
        stubPlatform(RESPONSE.replace("platform-token-1", "platform-token-2"));
        assertThat(auth.accessToken().reveal()).isEqualTo("platform-token-2");
    }

    @Test
    void aCis2ClientIdIsNotAnApiKey() throws Exception {
        TokenExchangeAuth.Builder b = TokenExchangeAuth.builder()
                .tokenUrl(tokenUrl())
                .apiKey(Secret.of(CLIENT_ID))
                .keyId("platform-1")
                .privateKey(clientKey.toRSAPrivateKey())
                .idToken(IdToken.of(idToken));
        assertThatThrownBy(b::build)
                .isInstanceOf(NhsConfigurationException.class)
                .hasMessageContaining("CIS2 client id")
                .hasMessageNotContaining(CLIENT_ID);
    }

    @Test
    void theBuilderNeedsEverything() {
        assertThatThrownBy(() ->
                        TokenExchangeAuth.builder().apiKey(Secret.of(API_KEY)).build())
                .isInstanceOf(NhsConfigurationException.class)
                .hasMessageNotContaining(API_KEY);
    }
}
