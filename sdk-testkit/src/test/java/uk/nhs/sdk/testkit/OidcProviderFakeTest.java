package uk.nhs.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.nhs.sdk.testkit.OidcHttp.assertionClaims;
import static uk.nhs.sdk.testkit.OidcHttp.codeForm;
import static uk.nhs.sdk.testkit.OidcHttp.sign;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.testkit.OidcHttp.Answer;
import uk.nhs.sdk.testkit.internal.oidc.Jws;

/**
 * The fake CIS2 and NHS login providers over raw HTTP: discovery, JWKS and its rotation, the
 * authorization redirect, the token endpoint's {@code private_key_jwt} checks (each refusal
 * alone), the grants, the ID token's claims and signature, and UserInfo.
 */
class OidcProviderFakeTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-25T09:00:00Z"));
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

    private static String tokenEndpoint(SandboxIdentityProvider p) throws Exception {
        return OidcHttp.discovery(p).path("token_endpoint").asText();
    }

    @Test
    void discoveryNamesTheEndpointsAndCis2sIssuerIsSpelledUnlikeItsUrl() throws Exception {
        JsonNode cis2 = OidcHttp.discovery(sandbox.cis2());
        JsonNode nhsLogin = OidcHttp.discovery(sandbox.nhsLogin());

        String cis2Base = sandbox.baseUrl() + "/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare";
        assertThat(cis2.path("issuer").asText())
                .isEqualTo(sandbox.cis2().issuer())
                .isEqualTo("http://localhost:" + sandbox.baseUrl().getPort()
                        + "/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare")
                .isNotEqualTo(cis2Base);
        assertThat(cis2.path("token_endpoint").asText()).isEqualTo(cis2Base + "/access_token");
        assertThat(cis2.path("jwks_uri").asText()).isEqualTo(cis2Base + "/connect/jwk_uri");
        assertThat(nhsLogin.path("issuer").asText()).isEqualTo(sandbox.baseUrl() + "/nhs-login");
        assertThat(nhsLogin.path("token_endpoint").asText()).isEqualTo(sandbox.baseUrl() + "/nhs-login/token");
        assertThat(nhsLogin.path("token_endpoint_auth_methods_supported").toString())
                .isEqualTo("[\"private_key_jwt\"]");
        assertThat(nhsLogin.path("id_token_signing_alg_values_supported").toString())
                .isEqualTo("[\"RS512\"]");
    }

    @Test
    void rotationPublishesANewKeyKeepsTheOldAndSignsWithTheNew() throws Exception {
        SandboxIdentityProvider p = sandbox.nhsLogin();
        String jwksUri = OidcHttp.discovery(p).path("jwks_uri").asText();
        String before = OidcHttp.header(
                        OidcHttp.signIn(p, CLOCK.instant()).path("id_token").asText())
                .path("kid")
                .asText();

        String newKid = p.rotateSigningKey();
        JsonNode jwks = OidcHttp.get(jwksUri).body();
        String after = OidcHttp.header(
                        OidcHttp.signIn(p, CLOCK.instant()).path("id_token").asText())
                .path("kid")
                .asText();

        List<String> kids = new ArrayList<>();
        jwks.path("keys").forEach(k -> kids.add(k.path("kid").asText()));
        assertThat(kids).containsExactly(before, newKid);
        assertThat(after).isEqualTo(newKid).isNotEqualTo(before);
        assertThat(jwks.path("keys").path(1).path("kty").asText()).isEqualTo("RSA");
    }

    @Test
    void authorizeRedirectsWithACodeAndTheStateForTheChosenUser() throws Exception {
        Answer a = OidcHttp.authorize(sandbox.nhsLogin(), "&nonce=n-1");

        assertThat(a.status()).isEqualTo(302);
        assertThat(a.location()).startsWith(OidcHttp.REDIRECT + "?code=");
        assertThat(a.locationParam("state")).isEqualTo("s-1");
        assertThat(a.locationParam("code")).hasSizeGreaterThan(20);
    }

    @Test
    void authorizeRefusalsBeforeAndAfterTheRedirectUriIsTrusted() throws Exception {
        SandboxIdentityProvider p = sandbox.nhsLogin();
        String endpoint = OidcHttp.discovery(p).path("authorization_endpoint").asText();

        Answer unknownClient = OidcHttp.get(endpoint + "?response_type=code&client_id=nobody&redirect_uri="
                + OidcHttp.REDIRECT + "&scope=openid&state=s&nonce=n");
        Answer noNonce = OidcHttp.authorize(p, "");
        Answer badVtr = OidcHttp.authorize(p, "&nonce=n&vtr=P9");
        p.signInAs("p5");
        Answer tooWeak = OidcHttp.authorize(p, "&nonce=n");
        Answer p5 = OidcHttp.authorize(p, "&nonce=n&vtr=%5B%22P5.Cp.Cd%22%2C%22P9.Cp.Cd%22%5D");

        assertThat(unknownClient.status()).isEqualTo(400);
        assertThat(unknownClient.location()).isNull();
        assertThat(noNonce.locationParam("error")).isEqualTo("invalid_request");
        assertThat(noNonce.locationParam("state")).isEqualTo("s-1");
        assertThat(badVtr.locationParam("error")).isEqualTo("invalid_request");
        assertThat(tooWeak.locationParam("error")).isEqualTo("access_denied");
        assertThat(p5.locationParam("code")).isNotNull();
    }

    @Test
    void authorizeRedirectsOnlyToARegisteredRedirectUriAndALoopbackOneAtAnyPort() throws Exception {
        SandboxIdentityProvider p = sandbox.cis2();
        String client = p.client().clientId();
        assertThat(SandboxIdentityProvider.DEFAULT_REDIRECT_URI).hasToString("http://127.0.0.1/callback");

        Answer anyPort = OidcHttp.authorize(p, client, "http://127.0.0.1:54321/callback", "");
        Answer asRegistered = OidcHttp.authorize(p, client, "http://127.0.0.1/callback", "");

        assertThat(anyPort.status()).isEqualTo(302);
        assertThat(anyPort.location()).startsWith("http://127.0.0.1:54321/callback?code=");
        assertThat(asRegistered.location()).startsWith("http://127.0.0.1/callback?code=");
        for (String wrong : List.of(
                "https://attacker.example/callback",
                "http://127.0.0.1:54321/other",
                "http://127.0.0.1:54321/callback/more",
                "http://127.0.0.1:54321/callback?next=x",
                "http://localhost:54321/callback",
                "https://127.0.0.1:54321/callback",
                "http://user@127.0.0.1:54321/callback",
                "http://127.0.0.2:54321/callback",
                "/callback",
                "")) {
            Answer a = OidcHttp.authorize(p, client, wrong, "");
            assertThat(a.status()).as(wrong).isEqualTo(400);
            assertThat(a.location())
                    .as(wrong + ": the error page, never a redirect")
                    .isNull();
            assertThat(a.error()).as(wrong).isEqualTo("invalid_request");
            assertThat(a.description()).as(wrong).isEqualTo("redirect_uri is missing or not registered for the client");
        }
    }

    @Test
    void anotherRelyingPartysRedirectUrisAreItsOwnAndMatchedExactly() throws Exception {
        SandboxIdentityProvider p = sandbox.nhsLogin();
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        p.registerClient("rp-exact", "k1", (RSAPublicKey) g.generateKeyPair().getPublic());
        p.registerRedirectUri("rp-exact", URI.create("https://rp.example/signin/callback"));

        Answer exact = OidcHttp.authorize(p, "rp-exact", "https://rp.example/signin/callback", "&nonce=n");
        Answer otherPort = OidcHttp.authorize(p, "rp-exact", "https://rp.example:8443/signin/callback", "&nonce=n");
        Answer trailingSlash = OidcHttp.authorize(p, "rp-exact", "https://rp.example/signin/callback/", "&nonce=n");
        Answer defaultClientsUri = OidcHttp.authorize(p, "rp-exact", OidcHttp.REDIRECT, "&nonce=n");

        assertThat(exact.location()).startsWith("https://rp.example/signin/callback?code=");
        assertThat(List.of(otherPort, trailingSlash, defaultClientsUri)).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.location()).isNull();
        });
        assertThatThrownBy(() -> p.registerRedirectUri("nobody", URI.create("https://rp.example/cb")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.registerRedirectUri("rp-exact", URI.create("https://rp.example/cb#x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theIdTokenIsRs512SignedByAPublishedKeyAndCarriesTheRequestAndTheUser() throws Exception {
        SandboxIdentityProvider p = sandbox.nhsLogin();
        JsonNode tokens = OidcHttp.signIn(p, CLOCK.instant());
        String idToken = tokens.path("id_token").asText();
        JsonNode claims = OidcHttp.claims(idToken);
        JsonNode header = OidcHttp.header(idToken);

        assertThat(header.path("alg").asText()).isEqualTo("RS512");
        assertThat(header.path("typ").asText()).isEqualTo("JWT");
        assertThat(Jws.parse(idToken)
                        .orElseThrow()
                        .verifiesWith(sandboxKey(p, header.path("kid").asText())))
                .isTrue();
        assertThat(claims.path("iss").asText()).isEqualTo(p.issuer());
        assertThat(claims.path("aud").asText()).isEqualTo(p.client().clientId());
        assertThat(claims.path("nonce").asText()).isEqualTo("n-1");
        assertThat(claims.path("vot").asText()).isEqualTo("P9.Cp.Cd");
        assertThat(claims.path("nhs_number").asText()).isEqualTo("9000000009");
        assertThat(claims.path("identity_proofing_level").asText()).isEqualTo("P9");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(3600);
        assertThat(tokens.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(tokens.path("refresh_token").asText()).isNotEmpty();
    }

    @Test
    void cis2TokensCarryAcrRolesAndOrganisations() throws Exception {
        SandboxIdentityProvider p = sandbox.cis2();
        JsonNode claims = OidcHttp.claims(
                OidcHttp.signIn(p, CLOCK.instant()).path("id_token").asText());

        assertThat(claims.path("iss").asText()).isEqualTo(p.issuer());
        assertThat(claims.path("acr").asText()).isEqualTo("AAL3_ANY");
        assertThat(claims.path("amr").path(0).asText()).isEqualTo("N3_SMARTCARD");
        assertThat(claims.path("azp").asText()).isEqualTo(p.client().clientId());
        assertThat(claims.path("nhsid_nrbac_roles").path(0).path("org_code").asText())
                .isEqualTo("RBA");
        assertThat(claims.path("nhsid_user_orgs").path(0).path("org_code").asText())
                .isEqualTo("RBA");
        assertThat(claims.has("nonce")).isTrue();
    }

    @Test
    void eachClientAssertionRuleRefusesAlone() throws Exception {
        SandboxIdentityProvider p = sandbox.nhsLogin();
        String aud = tokenEndpoint(p);
        PrivateKey other = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();

        Map<String, Answer> refusals = new java.util.LinkedHashMap<>();
        refusals.put("alg", redeem(p, "RS256", p.client().privateKey(), c -> {}));
        refusals.put("iss", redeem(p, "RS512", p.client().privateKey(), c -> c.put("sub", "someone-else")));
        refusals.put("aud", redeem(p, "RS512", p.client().privateKey(), c -> c.put("aud", aud + "/")));
        refusals.put(
                "exp",
                redeem(
                        p,
                        "RS512",
                        p.client().privateKey(),
                        c -> c.put("exp", CLOCK.instant().getEpochSecond() - 60)));
        refusals.put("client", redeem(p, "RS512", p.client().privateKey(), c -> {
            c.put("iss", "unregistered");
            c.put("sub", "unregistered");
        }));
        refusals.put("signature", redeem(p, "RS512", other, c -> {}));
        refusals.put("kid", redeemWithKid(p, "unknown-kid"));
        refusals.put("type", redeemWithType(p, "urn:ietf:params:oauth:client-assertion-type:saml2-bearer"));

        refusals.forEach((rule, a) -> {
            assertThat(a.status()).as(rule).isEqualTo(401);
            assertThat(a.error()).as(rule).isEqualTo("invalid_client");
        });
        assertThat(refusals.get("aud").description()).contains("aud");
        assertThat(refusals.get("signature").description()).contains("signature");
        assertThat(refusals.get("kid").description()).contains("kid");
        assertThat(refusals.get("type").description()).contains("client_assertion_type");
    }

    private Answer redeem(SandboxIdentityProvider p, String alg, PrivateKey key, Consumer<Map<String, Object>> change)
            throws Exception {
        String code = OidcHttp.authorize(p, "&nonce=n").locationParam("code");
        Map<String, Object> claims = assertionClaims(p.client().clientId(), tokenEndpoint(p), CLOCK.instant());
        change.accept(claims);
        return OidcHttp.post(
                tokenEndpoint(p), codeForm(code, sign(alg, p.client().keyId(), key, claims)));
    }

    private Answer redeemWithKid(SandboxIdentityProvider p, String kid) throws Exception {
        String code = OidcHttp.authorize(p, "&nonce=n").locationParam("code");
        return OidcHttp.post(
                tokenEndpoint(p),
                codeForm(
                        code,
                        sign(
                                "RS512",
                                kid,
                                p.client().privateKey(),
                                assertionClaims(p.client().clientId(), tokenEndpoint(p), CLOCK.instant()))));
    }

    private Answer redeemWithType(SandboxIdentityProvider p, String type) throws Exception {
        String code = OidcHttp.authorize(p, "&nonce=n").locationParam("code");
        Map<String, String> form = codeForm(
                code,
                sign(
                        "RS512",
                        p.client().keyId(),
                        p.client().privateKey(),
                        assertionClaims(p.client().clientId(), tokenEndpoint(p), CLOCK.instant())));
        form.put("client_assertion_type", type);
        return OidcHttp.post(tokenEndpoint(p), form);
    }

    @Test
    void aJtiIsRefusedTheSecondTimeAndACodeWorksOnce() throws Exception {
        SandboxIdentityProvider p = sandbox.cis2();
        String code = OidcHttp.authorize(p, "").locationParam("code");
        Map<String, Object> claims = assertionClaims(p.client().clientId(), tokenEndpoint(p), CLOCK.instant());
        String assertion = sign("RS512", p.client().keyId(), p.client().privateKey(), claims);

        Answer first = OidcHttp.post(tokenEndpoint(p), codeForm(code, assertion));
        Answer replayed = OidcHttp.post(tokenEndpoint(p), codeForm(code, assertion));
        claims.put("jti", "fresh");
        Answer codeAgain = OidcHttp.post(
                tokenEndpoint(p),
                codeForm(code, sign("RS512", p.client().keyId(), p.client().privateKey(), claims)));

        assertThat(first.status()).isEqualTo(200);
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.description()).contains("jti");
        assertThat(codeAgain.status()).isEqualTo(400);
        assertThat(codeAgain.error()).isEqualTo("invalid_grant");
    }

    @Test
    void aCodeExpiresAndItsRedirectUriMustMatch() throws Exception {
        SandboxIdentityProvider p = sandbox.cis2();
        String code = OidcHttp.authorize(p, "").locationParam("code");
        Map<String, String> form = codeForm(
                code,
                sign(
                        "RS512",
                        p.client().keyId(),
                        p.client().privateKey(),
                        assertionClaims(p.client().clientId(), tokenEndpoint(p), CLOCK.instant())));
        form.put("redirect_uri", OidcHttp.REDIRECT + "/other");
        Answer wrongRedirect = OidcHttp.post(tokenEndpoint(p), form);

        String late = OidcHttp.authorize(p, "").locationParam("code");
        CLOCK.advance(Duration.ofMinutes(11));
        Answer expired = OidcHttp.post(
                tokenEndpoint(p),
                codeForm(
                        late,
                        sign(
                                "RS512",
                                p.client().keyId(),
                                p.client().privateKey(),
                                assertionClaims(p.client().clientId(), tokenEndpoint(p), CLOCK.instant()))));

        assertThat(wrongRedirect.error()).isEqualTo("invalid_grant");
        assertThat(expired.error()).isEqualTo("invalid_grant");
    }

    @Test
    void aRefreshTokenGivesNewTokensOnceAndUserInfoAnswersTheAccessToken() throws Exception {
        SandboxIdentityProvider p = sandbox.nhsLogin();
        JsonNode tokens = OidcHttp.signIn(p, CLOCK.instant());
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", tokens.path("refresh_token").asText());
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.put(
                "client_assertion",
                sign(
                        "RS512",
                        p.client().keyId(),
                        p.client().privateKey(),
                        assertionClaims(p.client().clientId(), tokenEndpoint(p), CLOCK.instant())));
        Answer refreshed = OidcHttp.post(tokenEndpoint(p), form);
        form.put(
                "client_assertion",
                sign(
                        "RS512",
                        p.client().keyId(),
                        p.client().privateKey(),
                        assertionClaims(p.client().clientId(), tokenEndpoint(p), CLOCK.instant())));
        Answer again = OidcHttp.post(tokenEndpoint(p), form);
        String userInfo = OidcHttp.discovery(p).path("userinfo_endpoint").asText();
        Answer info = OidcHttp.get(
                userInfo,
                "Authorization",
                "Bearer " + refreshed.body().path("access_token").asText());
        Answer forged = OidcHttp.get(userInfo, "Authorization", "Bearer forged");

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(OidcHttp.claims(refreshed.body().path("id_token").asText())
                        .path("sub")
                        .asText())
                .isEqualTo(OidcHttp.claims(tokens.path("id_token").asText())
                        .path("sub")
                        .asText());
        assertThat(again.error()).isEqualTo("invalid_grant");
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.body().path("sub").asText())
                .isEqualTo(OidcHttp.claims(tokens.path("id_token").asText())
                        .path("sub")
                        .asText());
        assertThat(info.body().path("nhs_number").asText()).isEqualTo("9000000009");
        assertThat(forged.status()).isEqualTo(401);
    }

    @Test
    void aTokenRequestThatIsNotAFormOrNamesAnUnknownGrantIsRefused() throws Exception {
        SandboxIdentityProvider p = sandbox.nhsLogin();
        Map<String, String> form = codeForm(
                "x",
                sign(
                        "RS512",
                        p.client().keyId(),
                        p.client().privateKey(),
                        assertionClaims(p.client().clientId(), tokenEndpoint(p), CLOCK.instant())));
        form.put("grant_type", "password");

        Answer unknownGrant = OidcHttp.post(tokenEndpoint(p), form);
        Answer notForm = answerJson(tokenEndpoint(p));

        assertThat(unknownGrant.error()).isEqualTo("unsupported_grant_type");
        assertThat(notForm.status()).isEqualTo(400);
    }

    @Test
    void aRepeatedParameterIsRefusedNotGuessedAt() throws Exception {
        SandboxIdentityProvider p = sandbox.nhsLogin();
        Answer twiceAtAuthorize = OidcHttp.authorize(
                p,
                "&nonce=n-1&redirect_uri="
                        + java.net.URLEncoder.encode(
                                "https://elsewhere.example/cb", java.nio.charset.StandardCharsets.UTF_8));
        String code = OidcHttp.authorize(p, "&nonce=n-1").locationParam("code");
        String form = OidcHttp.encode(codeForm(
                code,
                sign(
                        "RS512",
                        p.client().keyId(),
                        p.client().privateKey(),
                        assertionClaims(p.client().clientId(), tokenEndpoint(p), CLOCK.instant()))));

        Answer twiceAtToken = postRaw(tokenEndpoint(p), form + "&redirect_uri=https%3A%2F%2Felsewhere.example%2Fcb");

        assertThat(twiceAtAuthorize.status()).isEqualTo(400);
        assertThat(twiceAtAuthorize.location()).as("no redirect to either URI").isNull();
        assertThat(twiceAtAuthorize.error()).isEqualTo("invalid_request");
        assertThat(twiceAtToken.status()).isEqualTo(400);
        assertThat(twiceAtToken.error()).isEqualTo("invalid_request");
    }

    private static Answer postRaw(String url, String body) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(URI.create(url))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        return new Answer(
                r.statusCode(), uk.nhs.sdk.core.internal.json.Json.mapper().readTree(r.body()), null);
    }

    private static Answer answerJson(String url) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(URI.create(url))
                                .header("Content-Type", "application/json")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        return new Answer(
                r.statusCode(), uk.nhs.sdk.core.internal.json.Json.mapper().readTree(r.body()), null);
    }

    private static java.security.interfaces.RSAPublicKey sandboxKey(SandboxIdentityProvider p, String kid)
            throws Exception {
        JsonNode jwks =
                OidcHttp.get(OidcHttp.discovery(p).path("jwks_uri").asText()).body();
        for (JsonNode k : jwks.path("keys")) {
            if (k.path("kid").asText().equals(kid)) {
                java.util.Base64.Decoder d = java.util.Base64.getUrlDecoder();
                return (java.security.interfaces.RSAPublicKey) java.security.KeyFactory.getInstance("RSA")
                        .generatePublic(new java.security.spec.RSAPublicKeySpec(
                                new java.math.BigInteger(1, d.decode(k.path("n").asText())),
                                new java.math.BigInteger(1, d.decode(k.path("e").asText()))));
            }
        }
        throw new AssertionError("kid not published");
    }
}
