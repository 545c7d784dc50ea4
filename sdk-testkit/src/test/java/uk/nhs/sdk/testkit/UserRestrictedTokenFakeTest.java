package uk.nhs.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.testkit.OidcHttp.Answer;
import uk.nhs.sdk.testkit.internal.oidc.Jws;

/**
 * The API Platform fake's user-restricted access over raw HTTP: token exchange of a CIS2 or NHS
 * login ID token (each subject-token refusal with the platform's body) and the combined flow
 * through {@code /oauth2/authorize}, with refresh.
 */
class UserRestrictedTokenFakeTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-25T09:00:00Z"));
    private static final String CALLBACK = "http://127.0.0.1:1/app/callback";
    private static NhsSandbox sandbox;

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
    }

    private static String idToken(SandboxIdentityProvider p) throws Exception {
        return OidcHttp.signIn(p, CLOCK.instant()).path("id_token").asText();
    }

    private static Map<String, String> exchangeForm(String subjectToken) {
        SandboxApplication app = sandbox.application();
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange");
        f.put("subject_token_type", "urn:ietf:params:oauth:token-type:id_token");
        f.put("subject_token", subjectToken);
        f.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        f.put(
                "client_assertion",
                OidcHttp.sign(
                        "RS512",
                        app.keyId(),
                        app.privateKey(),
                        OidcHttp.assertionClaims(
                                app.apiKey().reveal(), sandbox.oauthTokenUrl().toString(), CLOCK.instant())));
        return f;
    }

    private static Answer exchange(String subjectToken) throws Exception {
        return OidcHttp.post(sandbox.oauthTokenUrl().toString(), exchangeForm(subjectToken));
    }

    @Test
    void anIdTokenIsExchangedForAUserRestrictedTokenAnsweredWithStrings() throws Exception {
        Answer a = exchange(idToken(sandbox.cis2()));

        assertThat(a.status()).isEqualTo(200);
        JsonNode b = a.body();
        assertThat(b.path("expires_in").isTextual()).isTrue();
        assertThat(b.path("expires_in").asText()).isEqualTo("599");
        assertThat(b.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(b.path("issued_token_type").asText()).isEqualTo("urn:ietf:params:oauth:token-type:access_token");
        assertThat(b.path("refresh_token_expires_in").asText()).isEqualTo("43199");
        assertThat(b.path("refresh_count").asText()).isEqualTo("0");
        assertThat(sandbox.isValidAccessToken(b.path("access_token").asText())).isTrue();
    }

    @Test
    void theSameIdTokenIsNotExchangedTwice() throws Exception {
        String token = idToken(sandbox.nhsLogin());

        Answer first = exchange(token);
        Answer second = exchange(token);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("refresh_token_expires_in").asText()).isEqualTo("3599");
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.description()).isEqualTo("Non-unique jti claim in JWT");
        assertThat(second.body().path("message_id").asText()).startsWith("rrt-");
    }

    @Test
    void eachSubjectTokenRuleRefusesWithThePlatformsBody() throws Exception {
        SandboxIdentityProvider p = sandbox.cis2();
        JsonNode good = OidcHttp.claims(idToken(p));
        String kid = OidcHttp.header(idToken(p)).path("kid").asText();
        java.security.PrivateKey stranger = java.security.KeyPairGenerator.getInstance("RSA")
                .generateKeyPair()
                .getPrivate();

        Map<String, String> form = exchangeForm("x");
        form.put("subject_token_type", "urn:ietf:params:oauth:token-type:access_token");
        Answer wrongType = OidcHttp.post(sandbox.oauthTokenUrl().toString(), form);
        Answer malformed = exchange("not-a-jwt");
        Answer expired = exchange(Jws.sign(
                "RS512", kid, stranger, with(good, "exp", CLOCK.instant().getEpochSecond() - 1)));
        Answer noAud = exchange(Jws.sign("RS512", kid, stranger, without(good, "aud")));
        Answer unknownKid = exchange(Jws.sign("RS512", "nope", stranger, with(good, "jti", "a")));
        Answer badSignature = exchange(Jws.sign("RS512", kid, stranger, with(good, "jti", "b")));
        Answer strangeIssuer = exchange(Jws.sign("RS512", kid, stranger, with(good, "iss", "https://elsewhere")));

        assertThat(wrongType.description()).startsWith("missing or invalid subject_token_type");
        assertThat(malformed.description()).isEqualTo("Malformed JWT in subject_token");
        assertThat(expired.description()).isEqualTo("Invalid 'exp' claim in subject_token JWT - JWT has expired");
        assertThat(noAud.status()).isEqualTo(401);
        assertThat(noAud.description()).isEqualTo("Missing 'aud' claim in subject_token JWT");
        assertThat(unknownKid.status()).isEqualTo(401);
        assertThat(unknownKid.description())
                .isEqualTo("Invalid 'kid' header in subject_token JWT - no matching public key");
        assertThat(badSignature.description()).isEqualTo("subject_token is invalid");
        assertThat(strangeIssuer.description()).isEqualTo("subject_token is invalid");
    }

    @Test
    void theClientAssertionIsCheckedAsForClientCredentials() throws Exception {
        Map<String, String> form = exchangeForm(idToken(sandbox.cis2()));
        Map<String, String> replay = new LinkedHashMap<>(form);
        OidcHttp.post(sandbox.oauthTokenUrl().toString(), form);

        Answer again = OidcHttp.post(sandbox.oauthTokenUrl().toString(), replay);

        assertThat(again.description()).isEqualTo("Non-unique 'jti' claim in client_assertion JWT");
    }

    private static Map<String, Object> with(JsonNode claims, String name, Object value) {
        Map<String, Object> m = without(claims, "");
        m.put(name, value);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> without(JsonNode claims, String name) {
        Map<String, Object> m = uk.nhs.sdk.core.internal.json.Json.mapper().convertValue(claims, LinkedHashMap.class);
        m.remove(name);
        return m;
    }

    private static Answer combinedSignIn(String scope) throws Exception {
        SandboxApplication app = sandbox.application();
        Answer start = OidcHttp.get(sandbox.baseUrl() + "/oauth2/authorize?response_type=code&client_id="
                + app.apiKey().reveal() + "&redirect_uri=" + CALLBACK + "&state=app-state" + scope);
        Answer provider = OidcHttp.get(start.location());
        Answer callback = OidcHttp.get(provider.location());
        assertThat(start.status()).isEqualTo(302);
        assertThat(provider.location()).startsWith(sandbox.baseUrl() + "/oauth2/callback?");
        return callback;
    }

    private static Map<String, String> codeGrant(String code, String secret) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("code", code);
        f.put("redirect_uri", CALLBACK);
        f.put("client_id", sandbox.application().apiKey().reveal());
        f.put("client_secret", secret);
        return f;
    }

    @Test
    void theCombinedFlowSignsInAtTheProviderAndIssuesTokensForTheCodeAndRefresh() throws Exception {
        Answer callback = combinedSignIn("");
        String code = callback.locationParam("code");
        Answer wrongSecret = OidcHttp.post(sandbox.oauthTokenUrl().toString(), codeGrant(code, "wrong"));
        Answer tokens = OidcHttp.post(
                sandbox.oauthTokenUrl().toString(),
                codeGrant(code, sandbox.application().clientSecret().reveal()));
        Answer reused = OidcHttp.post(
                sandbox.oauthTokenUrl().toString(),
                codeGrant(code, sandbox.application().clientSecret().reveal()));
        Map<String, String> refresh = new LinkedHashMap<>();
        refresh.put("grant_type", "refresh_token");
        refresh.put("client_id", sandbox.application().apiKey().reveal());
        refresh.put("client_secret", sandbox.application().clientSecret().reveal());
        refresh.put("refresh_token", tokens.body().path("refresh_token").asText());
        Answer refreshed = OidcHttp.post(sandbox.oauthTokenUrl().toString(), refresh);
        Answer refreshedAgain = OidcHttp.post(sandbox.oauthTokenUrl().toString(), refresh);

        assertThat(callback.location()).startsWith(CALLBACK + "?code=");
        assertThat(callback.locationParam("state")).isEqualTo("app-state");
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.description()).isEqualTo("client_id or client_secret is invalid");
        assertThat(tokens.status()).isEqualTo(200);
        assertThat(tokens.body().path("expires_in").asText()).isEqualTo("599");
        assertThat(tokens.body().path("refresh_token_expires_in").asText()).isEqualTo("43199");
        assertThat(reused.description()).isEqualTo("authorization_code is invalid");
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.body().path("refresh_count").asText()).isEqualTo("1");
        assertThat(sandbox.isValidAccessToken(
                        refreshed.body().path("access_token").asText()))
                .isTrue();
        assertThat(refreshedAgain.description()).isEqualTo("refresh_token is invalid");
    }

    @Test
    void nhsLoginThroughTheCombinedFlowHasAnHourOfRefreshThatExpires() throws Exception {
        String code = combinedSignIn("&scope=nhs-login").locationParam("code");
        Answer tokens = OidcHttp.post(
                sandbox.oauthTokenUrl().toString(),
                codeGrant(code, sandbox.application().clientSecret().reveal()));
        CLOCK.advance(Duration.ofSeconds(3600));
        Map<String, String> refresh = new LinkedHashMap<>();
        refresh.put("grant_type", "refresh_token");
        refresh.put("client_id", sandbox.application().apiKey().reveal());
        refresh.put("client_secret", sandbox.application().clientSecret().reveal());
        refresh.put("refresh_token", tokens.body().path("refresh_token").asText());
        Answer late = OidcHttp.post(sandbox.oauthTokenUrl().toString(), refresh);

        assertThat(tokens.body().path("refresh_token_expires_in").asText()).isEqualTo("3599");
        assertThat(late.status()).isEqualTo(401);
        assertThat(late.description()).isEqualTo("refresh token refresh period has expired");
    }

    @Test
    void authorizeNeedsItsParameters() throws Exception {
        String base = sandbox.baseUrl() + "/oauth2/authorize?response_type=code&client_id="
                + sandbox.application().apiKey().reveal();
        Answer noRedirect = OidcHttp.get(base + "&state=s");
        Answer noState = OidcHttp.get(base + "&redirect_uri=" + CALLBACK);
        Answer unknownApp = OidcHttp.get(sandbox.baseUrl() + "/oauth2/authorize?response_type=code&client_id=x"
                + "&redirect_uri=" + CALLBACK + "&state=s");

        assertThat(noRedirect.status()).isEqualTo(400);
        assertThat(noRedirect.description()).isEqualTo("redirect_uri is missing");
        assertThat(noState.description()).isEqualTo("state is missing");
        assertThat(unknownApp.status()).isEqualTo(401);
    }
}
