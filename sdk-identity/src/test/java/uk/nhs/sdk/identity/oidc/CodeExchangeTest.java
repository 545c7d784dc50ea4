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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.error.NhsValidationException;

/** The code exchange and refresh with private_key_jwt, the callback checks, and UserInfo. */
class CodeExchangeTest extends OidcWireMockTest {
    static final String CODE = "auth-code-4f1c2d9e8b7a";
    static final String ACCESS = "provider-access-token-1a2b3c";
    static final String REFRESH = "provider-refresh-token-9z8y7x";

    OidcClient cis2;
    AuthorizationRequest request;

    @BeforeEach
    void provider() {
        stubDiscovery(true);
        stubJwks(providerKey.toPublicJWK());
        cis2 = client(Cis2.at(discoveryUrl()));
        request = cis2.authorizationRequest()
                .minimumAssurance(AssuranceLevel.AAL2)
                .build();
        secret(CODE);
        secret(ACCESS);
        secret(REFRESH);
        secret(request.state());
        secret(request.nonce());
        secret(request.codeVerifier().orElseThrow().reveal());
    }

    String idToken(String nonce) {
        return secret(sign(validClaims(nonce).claim("acr", "AAL3_ANY").build()));
    }

    Map<String, Object> tokenResponse(String idToken) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("access_token", ACCESS);
        m.put("refresh_token", REFRESH);
        m.put("id_token", idToken);
        m.put("token_type", "Bearer");
        m.put("expires_in", 3599);
        m.put("scope", "openid nationalrbacaccess");
        return m;
    }

    URI callback(String code, String state) {
        return URI.create(REDIRECT + "?code=" + code + "&state=" + state + "&iss=ignored");
    }

    LoggedRequest tokenRequest() {
        List<LoggedRequest> all = server.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    void aStoredSignInCompletesOnAnotherClientWithItsPkceVerifier() throws Exception {
        StoredSignIn s = request.stored();
        String state = s.state();
        String nonce = s.nonce();
        String verifier = s.codeVerifier().orElseThrow().reveal();
        String level = s.minimumAssurance().orElseThrow().name();
        List<String> scopes = s.scopes();
        stubToken(json(tokenResponse(idToken(request.nonce()))));
        OidcClient other = client(Cis2.at(discoveryUrl()));

        AuthorizationRequest resumed = other.resumeSignIn(StoredSignIn.builder()
                .state(state)
                .nonce(nonce)
                .codeVerifier(Secret.of(verifier))
                .scopes(scopes.toArray(String[]::new))
                .minimumAssurance(AssuranceLevel.valueOf(level))
                .build());
        SignIn signIn = other.completeSignIn(resumed, callback(CODE, state));

        assertThat(signIn.claims().subject()).isEqualTo("787807429511");
        assertThat(form(tokenRequest())).containsEntry("code_verifier", verifier);
        assertThat(query(resumed.uri()))
                .containsEntry("code_challenge", query(request.uri()).get("code_challenge"))
                .containsEntry("state", state)
                .containsEntry("nonce", nonce)
                .containsEntry("acr_values", "AAL2_OR_AAL3_ANY");
        assertThat(resumed.toString())
                .doesNotContain(state)
                .doesNotContain(nonce)
                .doesNotContain(verifier);
        assertThat(s.toString()).doesNotContain(state).doesNotContain(nonce).doesNotContain(verifier);
        assertThatThrownBy(() -> other.resumeSignIn(
                        StoredSignIn.builder().state(state).nonce(nonce).build()))
                .as("the provider uses PKCE: a stored sign-in without its verifier cannot complete")
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("codeVerifier");
        assertThatThrownBy(() -> StoredSignIn.builder()
                        .state(state)
                        .nonce(nonce)
                        .codeVerifier(Secret.of("short"))
                        .build())
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("codeVerifier");
    }

    @Test
    void completesASignInWithAnExactPrivateKeyJwtAssertion() throws Exception {
        String idToken = idToken(request.nonce());
        stubToken(json(tokenResponse(idToken)));

        SignIn signIn = cis2.completeSignIn(request, callback(CODE, request.state()));

        assertThat(signIn.idToken()).isEqualTo(IdToken.of(idToken));
        assertThat(signIn.claims().subject()).isEqualTo("787807429511");
        assertThat(signIn.accessToken().reveal()).isEqualTo(ACCESS);
        assertThat(signIn.refreshToken()).contains(Secret.of(REFRESH));
        assertThat(signIn.tokens().accessTokenExpiresAt()).contains(NOW.plusSeconds(3599));
        assertThat(signIn.tokens().scopes()).containsExactly("openid", "nationalrbacaccess");
        assertThat(signIn.toString())
                .doesNotContain(ACCESS)
                .doesNotContain(REFRESH)
                .doesNotContain(idToken);

        LoggedRequest r = tokenRequest();
        assertThat(r.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        Map<String, String> form = form(r);
        assertThat(form)
                .containsOnlyKeys(
                        "grant_type",
                        "code",
                        "redirect_uri",
                        "code_verifier",
                        "client_id",
                        "client_assertion_type",
                        "client_assertion");
        assertThat(form)
                .containsEntry("grant_type", "authorization_code")
                .containsEntry("code", CODE)
                .containsEntry("redirect_uri", REDIRECT.toString())
                .containsEntry(
                        "code_verifier", request.codeVerifier().orElseThrow().reveal())
                .containsEntry("client_id", CLIENT_ID)
                .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");

        SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
        assertThat(assertion.getHeader().getAlgorithm().getName()).isEqualTo("RS512");
        assertThat(assertion.getHeader().getKeyID()).isEqualTo("client-1");
        assertThat(assertion.getHeader().getType().getType()).isEqualTo("JWT");
        assertThat(assertion.verify(new RSASSAVerifier(clientKey.toRSAPublicKey())))
                .isTrue();
        Map<String, Object> claims = assertion.getJWTClaimsSet().toJSONObject();
        assertThat(claims).containsOnlyKeys("iss", "sub", "aud", "jti", "iat", "exp");
        assertThat(claims.get("iss")).isEqualTo(CLIENT_ID);
        assertThat(claims.get("sub")).isEqualTo(CLIENT_ID);
        // verbatim from discovery: the mixed-case host survives, as CIS2's ":443" must
        assertThat(assertion.getJWTClaimsSet().getAudience()).containsExactly(tokenEndpoint());
        assertThat((String) claims.get("jti")).matches("[0-9a-f-]{36}");
        assertThat(((Number) claims.get("iat")).longValue()).isEqualTo(NOW.getEpochSecond());
        assertThat(((Number) claims.get("exp")).longValue()).isEqualTo(NOW.getEpochSecond() + 240);

        // the pipeline logged the calls (LogGuard then checks no forbidden value is in them)
        List<String> lines = uk.nhs.sdk.core.testing.CapturingAppender.lines();
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("POST").contains("access_token"));
        assertThat(lines).noneSatisfy(l -> assertThat(l).contains(CODE));
    }

    @Test
    void eachTokenRequestHasAFreshJti() throws Exception {
        stubToken(json(tokenResponse(idToken(request.nonce()))));
        cis2.exchangeCode(request, CODE, request.state());
        AuthorizationRequest second = cis2.authorizationRequest().build();
        stubToken(json(tokenResponse(idToken(second.nonce()))));
        cis2.exchangeCode(second, CODE, second.state());
        List<LoggedRequest> all = server.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        assertThat(all).hasSize(2);
        String jti1 = SignedJWT.parse(form(all.get(0)).get("client_assertion"))
                .getJWTClaimsSet()
                .getJWTID();
        String jti2 = SignedJWT.parse(form(all.get(1)).get("client_assertion"))
                .getJWTClaimsSet()
                .getJWTID();
        assertThat(jti1).isNotEqualTo(jti2);
    }

    @Test
    void aCallbackWithAnotherStateIsRefusedBeforeAnyTokenRequest() {
        assertThatThrownBy(() -> cis2.completeSignIn(request, callback(CODE, "forged-state-value")))
                .isInstanceOfSatisfying(AuthorizationCallbackException.class, e -> {
                    assertThat(e.reason()).isEqualTo(AuthorizationCallbackException.Reason.STATE_MISMATCH);
                    assertThat(e.getMessage()).doesNotContain(CODE).doesNotContain(request.state());
                });
        assertThatThrownBy(() -> cis2.completeSignIn(request, URI.create(REDIRECT + "?code=" + CODE)))
                .isInstanceOfSatisfying(
                        AuthorizationCallbackException.class,
                        e -> assertThat(e.reason()).isEqualTo(AuthorizationCallbackException.Reason.STATE_MISMATCH));
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)))).isEmpty();
    }

    @Test
    void aProviderErrorIsTyped() {
        assertThatThrownBy(() -> cis2.completeSignIn(
                        request,
                        URI.create(REDIRECT + "?error=access_denied&error_description=User%20cancelled&state="
                                + request.state())))
                .isInstanceOfSatisfying(AuthorizationCallbackException.class, e -> {
                    assertThat(e.reason()).isEqualTo(AuthorizationCallbackException.Reason.PROVIDER_ERROR);
                    assertThat(e.providerError()).contains("access_denied");
                    assertThat(e.getMessage()).doesNotContain("cancelled");
                });
        assertThatThrownBy(() -> cis2.completeSignIn(request, URI.create(REDIRECT + "?error=%3Cscript%3E")))
                .isInstanceOfSatisfying(AuthorizationCallbackException.class, e -> {
                    assertThat(e.providerError()).isEmpty();
                    assertThat(e.getMessage()).doesNotContain("script");
                });
    }

    @Test
    void aCallbackWithoutACodeIsTyped() {
        assertThatThrownBy(() -> cis2.completeSignIn(request, URI.create(REDIRECT + "?state=" + request.state())))
                .isInstanceOfSatisfying(
                        AuthorizationCallbackException.class,
                        e -> assertThat(e.reason()).isEqualTo(AuthorizationCallbackException.Reason.MISSING_CODE));
    }

    @Test
    void aRefusedCodeIsAServiceExceptionWithTheOAuthError() {
        server.stubFor(post(urlPathEqualTo(TOKEN_PATH))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"error\":\"invalid_grant\",\"error_description\":\"code " + CODE + " expired\"}")));
        assertThatThrownBy(() -> cis2.exchangeCode(request, CODE, request.state()))
                .isInstanceOfSatisfying(NhsServiceException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errorCode()).contains("invalid_grant");
                    assertThat(e.getMessage()).doesNotContain(CODE);
                });
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)))).hasSize(1);
    }

    @Test
    void theIssuedIdTokenIsValidatedAgainstTheRequest() {
        stubToken(json(tokenResponse(idToken("a-nonce-from-another-request"))));
        assertThatThrownBy(() -> cis2.exchangeCode(request, CODE, request.state()))
                .isInstanceOfSatisfying(
                        IdTokenValidationException.class,
                        e -> assertThat(e.reason()).isEqualTo(IdTokenValidationException.Reason.NONCE_MISMATCH));
    }

    @Test
    void aTokenResponseWithoutAnIdTokenIsADecodeError() {
        Map<String, Object> body = tokenResponse("x");
        body.remove("id_token");
        stubToken(json(body));
        assertThatThrownBy(() -> cis2.exchangeCode(request, CODE, request.state()))
                .isInstanceOf(uk.nhs.sdk.core.error.NhsDecodeException.class)
                .hasMessageContaining("id_token")
                .hasMessageNotContaining(ACCESS);
    }

    @Test
    void refreshSendsTheRefreshTokenWithAnAssertionAndValidatesANewIdToken() throws Exception {
        Map<String, Object> body = tokenResponse(sign(validClaims(null).build()));
        body.put("expires_in", "599");
        body.put("refresh_token", "provider-refresh-token-rotated");
        secret("provider-refresh-token-rotated");
        stubToken(json(body));
        OidcTokens t = cis2.refresh(Secret.of(REFRESH));
        assertThat(t.accessTokenExpiresAt()).contains(NOW.plusSeconds(599));
        assertThat(t.refreshToken()).contains(Secret.of("provider-refresh-token-rotated"));
        assertThat(t.claims()).isPresent();
        Map<String, String> form = form(tokenRequest());
        assertThat(form)
                .containsOnlyKeys(
                        "grant_type", "refresh_token", "client_id", "client_assertion_type", "client_assertion");
        assertThat(form).containsEntry("grant_type", "refresh_token").containsEntry("refresh_token", REFRESH);
        assertThat(SignedJWT.parse(form.get("client_assertion"))
                        .getJWTClaimsSet()
                        .getAudience())
                .containsExactly(tokenEndpoint());
    }

    @Test
    void userInfoChecksTheSubject() {
        stubToken(json(tokenResponse(idToken(request.nonce()))));
        SignIn signIn = cis2.exchangeCode(request, CODE, request.state());
        server.stubFor(get(urlPathEqualTo("/userinfo"))
                .willReturn(okJson(
                        "{\"sub\":\"787807429511\",\"name\":\"Dr Jane Example\",\"nhsid_useruid\":\"910000000001\"}")));
        UserInfo info = cis2.userInfo(signIn.accessToken(), signIn.claims());
        assertThat(info.subject()).isEqualTo("787807429511");
        assertThat(info.stringClaim("name")).contains("Dr Jane Example");
        assertThat(info.toString()).doesNotContain("Jane");
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/userinfo")))
                        .get(0)
                        .getHeader("Authorization"))
                .isEqualTo("Bearer " + ACCESS);

        server.stubFor(get(urlPathEqualTo("/userinfo")).willReturn(okJson("{\"sub\":\"someone-else\"}")));
        assertThatThrownBy(() -> cis2.userInfo(signIn.accessToken(), signIn.claims()))
                .isInstanceOfSatisfying(IdTokenValidationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(IdTokenValidationException.Reason.SUBJECT_MISMATCH);
                    assertThat(e.getMessage()).doesNotContain("someone-else").doesNotContain("787807429511");
                });
    }
}
