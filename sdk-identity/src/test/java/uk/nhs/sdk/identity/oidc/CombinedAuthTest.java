package uk.nhs.sdk.identity.oidc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.testing.RecordingAuthRequest;
import uk.nhs.sdk.core.testing.SpecConformance;

/** The platform's own /oauth2/authorize flow: URL, code exchange with client id and secret, refresh. */
class CombinedAuthTest extends OidcWireMockTest {
    static final String API_KEY = "Y29tYmluZWRhcGlrZXk5OTk5";
    static final String CLIENT_SECRET = "combined-client-secret-77";
    static final String CODE = "platform-code-5e6f7a8b";
    static final String RESPONSE = "{\"access_token\":\"combined-token-1\",\"expires_in\":\"599\","
            + "\"refresh_token\":\"combined-refresh-1\",\"refresh_token_expires_in\":\"43199\",\"refresh_count\":\"0\","
            + "\"token_type\":\"Bearer\"}";

    @BeforeEach
    void secrets() {
        secret(API_KEY);
        secret(CLIENT_SECRET);
        secret(CODE);
        secret("combined-token-1");
        secret("combined-token-2");
        secret("combined-refresh-1");
    }

    CombinedAuth combined() {
        CombinedAuth c = CombinedAuth.builder()
                .baseUrl(URI.create(server.baseUrl() + "/oauth2"))
                .apiKey(Secret.of(API_KEY))
                .clientSecret(Secret.of(CLIENT_SECRET))
                .redirectUri(REDIRECT)
                .options(options())
                .build();
        closeables.add(c);
        return c;
    }

    static void stubToken(String body) {
        server.stubFor(post(urlPathEqualTo("/oauth2/token"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    static List<LoggedRequest> tokenRequests() {
        return server.findAll(postRequestedFor(urlPathEqualTo("/oauth2/token")));
    }

    @Test
    void signsInAndConformsToTheIdentityServiceSpec() throws Exception {
        CombinedAuth combined = combined();
        CombinedAuth.PendingSignIn pending = combined.authorizationRequest();
        secret(pending.state());
        Map<String, String> q = query(pending.uri());
        assertThat(pending.uri().getPath()).isEqualTo("/oauth2/authorize");
        assertThat(q)
                .containsExactly(
                        Map.entry("response_type", "code"),
                        Map.entry("client_id", API_KEY),
                        Map.entry("redirect_uri", REDIRECT.toString()),
                        Map.entry("state", pending.state()));
        assertThat(pending.toString()).doesNotContain(pending.state());

        // let WireMock see the browser's request, for the spec check
        server.stubFor(get(urlPathEqualTo("/oauth2/authorize"))
                .willReturn(aResponse()
                        .withStatus(302)
                        .withHeader("Location", REDIRECT + "?code=" + CODE + "&state=" + pending.state())));
        HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(pending.uri()).build(), HttpResponse.BodyHandlers.discarding());

        stubToken(RESPONSE);
        CombinedAuth.Session session =
                combined.completeSignIn(pending, URI.create(REDIRECT + "?code=" + CODE + "&state=" + pending.state()));
        RecordingAuthRequest attempt = new RecordingAuthRequest(URI.create("https://api.example/x"));
        session.authenticate(attempt);
        assertThat(attempt.headers).containsEntry("Authorization", "Bearer combined-token-1");
        assertThat(session.tokenExpiry()).contains(NOW.plusSeconds(599));

        Map<String, String> form = form(tokenRequests().get(0));
        assertThat(form.keySet()).containsExactly("grant_type", "code", "redirect_uri", "client_id", "client_secret");
        assertThat(form)
                .containsEntry("grant_type", "authorization_code")
                .containsEntry("code", CODE)
                .containsEntry("client_id", API_KEY)
                .containsEntry("client_secret", CLIENT_SECRET);

        SpecConformance.fromClasspath("/specs/identity-service.yaml", "/oauth2")
                .assertConforms(server.findAll(anyRequestedFor(anyUrl())));
        assertThat(session.toString()).doesNotContain("combined-token-1");
        assertThat(combined.toString()).doesNotContain(API_KEY);
    }

    @Test
    void refreshesWithTheRefreshTokenBeforeExpiry() {
        CombinedAuth combined = combined();
        CombinedAuth.PendingSignIn pending = combined.authorizationRequest();
        stubToken(RESPONSE);
        CombinedAuth.Session session = combined.exchangeCode(pending, CODE, pending.state());
        assertThat(session.accessToken().reveal()).isEqualTo("combined-token-1");
        stubToken(RESPONSE.replace("combined-token-1", "combined-token-2"));
        clock.advance(Duration.ofSeconds(545));
        assertThat(session.accessToken().reveal()).isEqualTo("combined-token-2");
        Map<String, String> form = form(tokenRequests().get(1));
        assertThat(form.keySet()).containsExactly("grant_type", "client_id", "client_secret", "refresh_token");
        assertThat(form)
                .containsEntry("grant_type", "refresh_token")
                .containsEntry("refresh_token", "combined-refresh-1");
        // the spec (thin, authorization_code only) marks code and redirect_uri required on every
        // token request: the checker flags the refresh form, which shows it reads form bodies
        SpecConformance spec = SpecConformance.fromClasspath("/specs/identity-service.yaml", "/oauth2");
        assertThat(spec.problems(tokenRequests().get(0))).isEmpty();
        assertThat(spec.problems(tokenRequests().get(1))).isNotEmpty();
    }

    @Test
    void aRefusedRefreshTokenMeansSignInAgain() {
        CombinedAuth combined = combined();
        CombinedAuth.PendingSignIn pending = combined.authorizationRequest();
        stubToken(RESPONSE);
        CombinedAuth.Session session = combined.exchangeCode(pending, CODE, pending.state());
        session.accessToken();
        server.stubFor(post(urlPathEqualTo("/oauth2/token"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\"}")));
        clock.advance(Duration.ofSeconds(600));
        assertThatThrownBy(session::accessToken).isInstanceOf(SignInExpiredException.class);
    }

    @Test
    void aForgedStateIsRefusedBeforeAnyTokenRequest() {
        CombinedAuth combined = combined();
        CombinedAuth.PendingSignIn pending = combined.authorizationRequest();
        assertThatThrownBy(() -> combined.exchangeCode(pending, CODE, "forged"))
                .isInstanceOfSatisfying(
                        AuthorizationCallbackException.class,
                        e -> assertThat(e.reason()).isEqualTo(AuthorizationCallbackException.Reason.STATE_MISMATCH));
        assertThat(tokenRequests()).isEmpty();
    }
}
