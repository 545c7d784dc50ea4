package uk.nhs.sdk.identity.oidc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsTransportException;

/**
 * The platform exchanges an ID token once (identity.md: it refuses a reused {@code jti} with 400
 * "Non-unique jti claim in JWT"), so an exchange whose answer was lost is not sent again: a retry
 * could only be refused, and its 400 would hide that the token may have been issued. 429 and 503,
 * which prove the exchange was not acted on, are retried.
 */
class TokenExchangeRetryTest extends OidcWireMockTest {
    private static final String PLATFORM_TOKEN_PATH = TokenExchangeAuthTest.PLATFORM_TOKEN_PATH;
    private static final String RESPONSE = TokenExchangeAuthTest.RESPONSE;
    private static final String REUSED_JTI =
            "{\"error\":\"invalid_request\",\"error_description\":" + "\"Non-unique jti claim in JWT\"}";

    /** The first exchange's answer is lost (the platform acted on it); any second is refused as a reused jti. */
    private static void stubLostAnswerThenReusedJti() {
        server.stubFor(post(urlPathEqualTo(PLATFORM_TOKEN_PATH))
                .inScenario("exchange")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("exchanged"));
        server.stubFor(post(urlPathEqualTo(PLATFORM_TOKEN_PATH))
                .inScenario("exchange")
                .whenScenarioStateIs("exchanged")
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody(REUSED_JTI)));
    }

    private String idToken;

    @BeforeEach
    void secrets() {
        secret(TokenExchangeAuthTest.API_KEY);
        secret("platform-token-1");
        secret("platform-refresh-1");
        idToken = secret(sign(validClaims(null)
                .claim("acr", "AAL3_ANY")
                .claim("azp", CLIENT_ID)
                .build()));
    }

    private TokenExchangeAuth auth() throws Exception {
        TokenExchangeAuth a = TokenExchangeAuth.builder()
                .tokenUrl(TokenExchangeAuthTest.tokenUrl())
                .apiKey(Secret.of(TokenExchangeAuthTest.API_KEY))
                .keyId("platform-1")
                .privateKey(clientKey.toRSAPrivateKey())
                .idToken(IdToken.of(idToken))
                .options(options())
                .build();
        closeables.add(a);
        return a;
    }

    private static int tokenRequests() {
        return server.findAll(postRequestedFor(urlPathEqualTo(PLATFORM_TOKEN_PATH)))
                .size();
    }

    @Test
    void anExchangeWhoseAnswerWasLostIsNotSentAgainAndEndsOutcomeUnknown() throws Exception {
        stubLostAnswerThenReusedJti();
        TokenExchangeAuth auth = auth();

        assertThatThrownBy(auth::accessToken)
                .isInstanceOfSatisfying(
                        NhsTransportException.class,
                        e -> assertThat(e.outcomeUnknown()).isTrue());
        assertThat(tokenRequests()).isEqualTo(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void anExchangeRefusedWith503IsRetried() throws Exception {
        server.stubFor(post(urlPathEqualTo(PLATFORM_TOKEN_PATH))
                .inScenario("busy")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("ready"));
        server.stubFor(post(urlPathEqualTo(PLATFORM_TOKEN_PATH))
                .inScenario("busy")
                .whenScenarioStateIs("ready")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(RESPONSE)));
        TokenExchangeAuth auth = auth();

        assertThat(auth.accessToken().reveal()).isEqualTo("platform-token-1");
        assertThat(tokenRequests()).isEqualTo(2);
    }
}
