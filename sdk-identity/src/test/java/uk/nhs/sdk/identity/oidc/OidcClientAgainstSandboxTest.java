package uk.nhs.sdk.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.error.ForbiddenException;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.identity.pds.PatientPatch;
import uk.nhs.sdk.identity.pds.PdsClient;
import uk.nhs.sdk.identity.pds.RetrievedPatient;
import uk.nhs.sdk.identity.pds.UpdateResult;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.NhsSandboxExtension;
import uk.nhs.sdk.testkit.SandboxIdentityProvider;

/**
 * The OIDC client, token exchange and combined auth against the embedded sandbox's fake CIS2, NHS
 * login and API Platform, then PDS in the access mode each sign-in gives.
 */
@ExtendWith(NhsSandboxExtension.class)
class OidcClientAgainstSandboxTest {
    private static final URI REDIRECT = URI.create("http://127.0.0.1:8765/callback");
    private static final NhsNumber JANE = NhsNumber.parse("9000000009");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final NhsClientOptions OPTIONS = NhsClientOptions.builder()
            .circuitBreaker(CircuitBreakerOptions.disabled())
            .build();

    private static OidcClient client(SandboxIdentityProvider p, boolean cis2) {
        return OidcClient.builder()
                .provider(cis2 ? Cis2.at(p.discoveryUrl()) : NhsLogin.at(p.discoveryUrl()))
                .credentials(OidcClientCredentials.builder()
                        .clientId(p.client().clientId())
                        .keyId(p.client().keyId())
                        .privateKey(p.client().privateKey())
                        .build())
                .redirectUri(REDIRECT)
                .options(OPTIONS)
                .build();
    }

    /** What the user's browser does: follows redirects until one leaves the sandbox. */
    static URI follow(URI start, String sandboxBase) throws Exception {
        URI at = start;
        for (int hops = 0; hops < 5; hops++) {
            HttpResponse<Void> r =
                    HTTP.send(HttpRequest.newBuilder(at).GET().build(), HttpResponse.BodyHandlers.discarding());
            String location = r.headers()
                    .firstValue("Location")
                    .orElseThrow(() -> new AssertionError("no redirect: " + r.statusCode()));
            at = URI.create(location);
            if (!location.startsWith(sandboxBase)) {
                return at;
            }
        }
        throw new AssertionError("too many redirects");
    }

    private static SignIn signIn(NhsSandbox sandbox, OidcClient client) throws Exception {
        AuthorizationRequest request = client.authorizationRequest().build();
        return client.completeSignIn(
                request, follow(request.uri(), sandbox.baseUrl().toString()));
    }

    private static TokenExchangeAuth exchange(NhsSandbox sandbox, SignIn signIn) {
        return TokenExchangeAuth.builder()
                .tokenUrl(sandbox.oauthTokenUrl())
                .apiKey(sandbox.application().apiKey())
                .keyId(sandbox.application().keyId())
                .privateKey(sandbox.application().privateKey())
                .idToken(signIn.idToken())
                .options(OPTIONS)
                .build();
    }

    private static PdsClient pds(NhsSandbox sandbox, uk.nhs.sdk.core.auth.AuthProvider auth) {
        return PdsClient.builder()
                .baseUrl(sandbox.pdsBaseUrl())
                .options(OPTIONS)
                .auth(auth)
                .build();
    }

    @Test
    void aClinicianSignsInWithCis2AndReadsAndUpdatesPdsThroughTokenExchange(NhsSandbox sandbox) throws Exception {
        try (OidcClient cis2 = client(sandbox.cis2(), true)) {
            SignIn signIn = signIn(sandbox, cis2);
            LogGuard.forbid(signIn.accessToken().reveal());

            IdTokenClaims claims = signIn.claims();
            assertThat(claims.issuer()).isEqualTo(sandbox.cis2().issuer());
            assertThat(claims.assuranceLevel()).contains(AssuranceLevel.AAL3);
            assertThat(claims.roles())
                    .singleElement()
                    .satisfies(r -> assertThat(r.roleId()).isEqualTo("555254242102"));
            assertThat(claims.organisations()).hasSize(1);
            assertThat(cis2.userInfo(signIn.accessToken(), claims).subject()).isEqualTo(claims.subject());

            try (TokenExchangeAuth auth = exchange(sandbox, signIn);
                    PdsClient pds = pds(sandbox, auth)) {
                RetrievedPatient p = pds.getPatient(JANE);
                UpdateResult u = pds.update(
                        p, PatientPatch.builder().replace("/gender", "male").build());

                assertThat(u.version()).isEqualTo(p.version() + 1);
                assertThat(pds.getPatient(JANE).patient().gender())
                        .hasValueSatisfying(g -> assertThat(g.toString()).isEqualToIgnoringCase("male"));
            }
        }
    }

    @Test
    void aCis2SignInAskingForAtLeastAal2OrAal3SendsCis2sOwnAcrValuesAndSucceeds(NhsSandbox sandbox) throws Exception {
        try (OidcClient cis2 = client(sandbox.cis2(), true)) {
            for (AssuranceLevel minimum : new AssuranceLevel[] {AssuranceLevel.AAL2, AssuranceLevel.AAL3}) {
                AuthorizationRequest request =
                        cis2.authorizationRequest().minimumAssurance(minimum).build();
                assertThat(request.uri().getRawQuery()).contains("acr_values=" + minimum.acrValue());

                SignIn signIn = cis2.completeSignIn(
                        request, follow(request.uri(), sandbox.baseUrl().toString()));

                assertThat(signIn.claims().assuranceLevel()).contains(AssuranceLevel.AAL3);
            }
        }
    }

    @Test
    void aP9PatientSignsInWithNhsLoginAndReadsOnlyTheirOwnRecord(NhsSandbox sandbox) throws Exception {
        try (OidcClient nhsLogin = client(sandbox.nhsLogin(), false)) {
            SignIn signIn = signIn(sandbox, nhsLogin);

            assertThat(signIn.claims().nhsNumber()).contains(JANE);
            assertThat(signIn.claims().identityProofingLevel()).contains(IdentityProofingLevel.P9);
            assertThat(signIn.claims().vectorOfTrust()).contains(VectorOfTrust.P9_CP_CD);

            try (TokenExchangeAuth auth = exchange(sandbox, signIn);
                    PdsClient pds = pds(sandbox, auth)) {
                assertThat(pds.getPatient(JANE).nhsNumber()).isEqualTo(JANE);
                ForbiddenException e = catchThrowableOfType(
                        ForbiddenException.class, () -> pds.getPatient(NhsNumber.parse("9000000017")));
                assertThat(e.errorCode()).contains("INVALID_VALUE");
            }
        }
    }

    @Test
    void aKeyTheProviderRotatesInIsPickedUpWithoutARestart() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T09:00:00Z"));
        NhsClientOptions options = NhsClientOptions.builder()
                .clock(clock)
                .circuitBreaker(CircuitBreakerOptions.disabled())
                .build();
        try (NhsSandbox sandbox = NhsSandbox.builder().clock(clock).start();
                OidcClient nhsLogin = OidcClient.builder()
                        .provider(NhsLogin.at(sandbox.nhsLogin().discoveryUrl()))
                        .credentials(OidcClientCredentials.builder()
                                .clientId(sandbox.nhsLogin().client().clientId())
                                .keyId(sandbox.nhsLogin().client().keyId())
                                .privateKey(sandbox.nhsLogin().client().privateKey())
                                .build())
                        .redirectUri(REDIRECT)
                        .options(options)
                        .build()) {
            SignIn before = signIn(sandbox, nhsLogin);
            String kid = sandbox.nhsLogin().rotateSigningKey();
            clock.advance(Duration.ofSeconds(61));

            SignIn after = signIn(sandbox, nhsLogin);

            assertThat(after.claims().subject()).isEqualTo(before.claims().subject());
            assertThat(new String(
                            Base64.getUrlDecoder()
                                    .decode(after.idToken().value().reveal().split("\\.")[0]),
                            StandardCharsets.UTF_8))
                    .contains("\"" + kid + "\"");
        }
    }

    @Test
    void theRefreshTokenGivesNewTokensForTheSameUser(NhsSandbox sandbox) throws Exception {
        try (OidcClient cis2 = client(sandbox.cis2(), true)) {
            SignIn signIn = signIn(sandbox, cis2);

            OidcTokens refreshed = cis2.refresh(signIn.refreshToken().orElseThrow());

            assertThat(refreshed.accessToken().reveal())
                    .isNotEqualTo(signIn.accessToken().reveal());
            assertThat(refreshed.claims())
                    .hasValueSatisfying(c ->
                            assertThat(c.subject()).isEqualTo(signIn.claims().subject()));
        }
    }

    @Test
    void theCombinedFlowGivesAClinicianSessionThatCanUpdatePds(NhsSandbox sandbox) throws Exception {
        try (CombinedAuth combined = CombinedAuth.builder()
                .baseUrl(sandbox.apiBaseUrl("oauth2"))
                .apiKey(sandbox.application().apiKey())
                .clientSecret(sandbox.application().clientSecret())
                .redirectUri(REDIRECT)
                .options(OPTIONS)
                .build()) {
            CombinedAuth.PendingSignIn pending = combined.authorizationRequest();
            CombinedAuth.Session session = combined.completeSignIn(
                    pending, follow(pending.uri(), sandbox.baseUrl().toString()));

            try (PdsClient pds = pds(sandbox, session)) {
                RetrievedPatient p = pds.getPatient(JANE);
                assertThat(pds.update(
                                        p,
                                        PatientPatch.builder()
                                                .replace("/gender", "male")
                                                .build())
                                .version())
                        .isEqualTo(p.version() + 1);
            }
        }
    }
}
