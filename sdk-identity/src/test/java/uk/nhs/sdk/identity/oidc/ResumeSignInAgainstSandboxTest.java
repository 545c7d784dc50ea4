package uk.nhs.sdk.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.NhsSandboxExtension;
import uk.nhs.sdk.testkit.SandboxIdentityProvider;

/**
 * A sign-in started by one {@link OidcClient} and completed by another from the values the
 * application stored as strings (another node behind a load balancer, or a restart), against the
 * embedded sandbox's fake NHS login and CIS2; and stored values that were changed.
 */
@ExtendWith(NhsSandboxExtension.class)
class ResumeSignInAgainstSandboxTest {
    private static final URI REDIRECT = URI.create("http://127.0.0.1:8765/callback");
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

    /** What a web application keeps in its shared session store: strings only. */
    private static Map<String, String> store(AuthorizationRequest request) {
        StoredSignIn s = request.stored();
        Map<String, String> session = new HashMap<>();
        session.put("state", s.state());
        session.put("nonce", s.nonce());
        s.codeVerifier().ifPresent(v -> session.put("verifier", v.reveal()));
        session.put("scopes", String.join(" ", s.scopes()));
        session.put("vtr", s.vectorsOfTrust().stream().map(VectorOfTrust::value).collect(Collectors.joining(" ")));
        s.minimumAssurance().ifPresent(a -> session.put("assurance", a.name()));
        return session;
    }

    /** What the instance that receives the callback rebuilds from the store. */
    private static StoredSignIn load(Map<String, String> session) {
        StoredSignIn.Builder b = StoredSignIn.builder()
                .state(session.get("state"))
                .nonce(session.get("nonce"))
                .scopes(session.get("scopes").split(" "));
        if (session.containsKey("verifier")) {
            b.codeVerifier(Secret.of(session.get("verifier")));
        }
        if (!session.get("vtr").isEmpty()) {
            b.vectorsOfTrust(Arrays.stream(session.get("vtr").split(" "))
                    .map(v -> VectorOfTrust.fromValue(v).orElseThrow())
                    .toArray(VectorOfTrust[]::new));
        }
        if (session.containsKey("assurance")) {
            b.minimumAssurance(AssuranceLevel.valueOf(session.get("assurance")));
        }
        return b.build();
    }

    @Test
    void anNhsLoginSignInStartedOnOneClientCompletesOnAnotherFromTheStoredStrings(NhsSandbox sandbox) throws Exception {
        Map<String, String> session;
        URI callback;
        try (OidcClient first = client(sandbox.nhsLogin(), false)) {
            AuthorizationRequest request = first.authorizationRequest()
                    .scopes("openid", "profile")
                    .vectorsOfTrust(VectorOfTrust.P9_CP_CD, VectorOfTrust.P9_CM)
                    .build();
            session = store(request);
            callback = OidcClientAgainstSandboxTest.follow(
                    request.uri(), sandbox.baseUrl().toString());
        }

        try (OidcClient second = client(sandbox.nhsLogin(), false)) {
            AuthorizationRequest resumed = second.resumeSignIn(load(session));
            SignIn signIn = second.completeSignIn(resumed, callback);

            assertThat(signIn.claims().nhsNumber()).contains(NhsNumber.parse("9000000009"));
            assertThat(signIn.claims().vectorOfTrust()).contains(VectorOfTrust.P9_CP_CD);
            assertThat(resumed.scopes()).containsExactly("openid", "profile");
            assertThat(resumed.vectorsOfTrust()).containsExactly(VectorOfTrust.P9_CP_CD, VectorOfTrust.P9_CM);
            assertThat(resumed.clientId()).isEqualTo(sandbox.nhsLogin().client().clientId());
        }
    }

    @Test
    void aCis2SignInIsResumedWithItsStoredMinimumAssuranceWhichIsStillEnforced(NhsSandbox sandbox) throws Exception {
        sandbox.cis2().signInAs("555254240101");
        try (OidcClient first = client(sandbox.cis2(), true);
                OidcClient second = client(sandbox.cis2(), true)) {
            AuthorizationRequest ok = first.authorizationRequest()
                    .minimumAssurance(AssuranceLevel.AAL1)
                    .build();
            Map<String, String> okSession = store(ok);
            URI okCallback = OidcClientAgainstSandboxTest.follow(
                    ok.uri(), sandbox.baseUrl().toString());
            AuthorizationRequest raised = first.authorizationRequest()
                    .minimumAssurance(AssuranceLevel.AAL1)
                    .build();
            Map<String, String> raisedSession = store(raised);
            URI raisedCallback = OidcClientAgainstSandboxTest.follow(
                    raised.uri(), sandbox.baseUrl().toString());
            raisedSession.put("assurance", "AAL3");

            SignIn signIn = second.completeSignIn(second.resumeSignIn(load(okSession)), okCallback);
            IdTokenValidationException e = catchThrowableOfType(
                    IdTokenValidationException.class,
                    () -> second.completeSignIn(second.resumeSignIn(load(raisedSession)), raisedCallback));

            assertThat(signIn.claims().assuranceLevel()).contains(AssuranceLevel.AAL2);
            assertThat(e.reason()).isEqualTo(IdTokenValidationException.Reason.ACR_TOO_WEAK);
        }
    }

    @Test
    void aChangedStoredStateOrNonceFailsWithItsTypedReason(NhsSandbox sandbox) throws Exception {
        try (OidcClient first = client(sandbox.nhsLogin(), false);
                OidcClient second = client(sandbox.nhsLogin(), false)) {
            AuthorizationRequest forState = first.authorizationRequest().build();
            AuthorizationRequest forNonce = first.authorizationRequest().build();
            AuthorizationRequest other = first.authorizationRequest().build();
            URI stateCallback = OidcClientAgainstSandboxTest.follow(
                    forState.uri(), sandbox.baseUrl().toString());
            URI nonceCallback = OidcClientAgainstSandboxTest.follow(
                    forNonce.uri(), sandbox.baseUrl().toString());
            Map<String, String> wrongState = store(forState);
            wrongState.put("state", other.state());
            Map<String, String> wrongNonce = store(forNonce);
            wrongNonce.put("nonce", other.nonce());

            AuthorizationCallbackException stateMismatch = catchThrowableOfType(
                    AuthorizationCallbackException.class,
                    () -> second.completeSignIn(second.resumeSignIn(load(wrongState)), stateCallback));
            IdTokenValidationException nonceMismatch = catchThrowableOfType(
                    IdTokenValidationException.class,
                    () -> second.completeSignIn(second.resumeSignIn(load(wrongNonce)), nonceCallback));

            assertThat(stateMismatch.reason()).isEqualTo(AuthorizationCallbackException.Reason.STATE_MISMATCH);
            assertThat(nonceMismatch.reason()).isEqualTo(IdTokenValidationException.Reason.NONCE_MISMATCH);
            assertThat(stateMismatch.getMessage()).doesNotContain(other.state()).doesNotContain(forState.state());
            assertThat(nonceMismatch.getMessage()).doesNotContain(other.nonce()).doesNotContain(forNonce.nonce());
        }
    }

    @Test
    void storedValuesAreCheckedByTheRulesTheyWereGeneratedUnder(NhsSandbox sandbox) {
        String good = "A".repeat(43);
        try (OidcClient nhsLogin = client(sandbox.nhsLogin(), false);
                OidcClient cis2 = client(sandbox.cis2(), true)) {
            assertThatThrownBy(() ->
                            StoredSignIn.builder().state("abc").nonce(good).build())
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageStartingWith("state:");
            assertThatThrownBy(() -> StoredSignIn.builder().state(good).build())
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageStartingWith("nonce:");
            assertThatThrownBy(() ->
                            StoredSignIn.builder().state(good).nonce(good + "=").build())
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageStartingWith("nonce:");
            assertThatThrownBy(() -> nhsLogin.resumeSignIn(StoredSignIn.builder()
                            .state(good)
                            .nonce(good)
                            .scopes("profile")
                            .build()))
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageContaining("openid");
            assertThatThrownBy(() -> nhsLogin.resumeSignIn(StoredSignIn.builder()
                            .state(good)
                            .nonce(good)
                            .scopes("openid", "profile", "basic_demographics")
                            .build()))
                    .isInstanceOf(NhsValidationException.class);
            assertThatThrownBy(() -> nhsLogin.resumeSignIn(StoredSignIn.builder()
                            .state(good)
                            .nonce(good)
                            .minimumAssurance(AssuranceLevel.AAL3)
                            .build()))
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageStartingWith("minimumAssurance:");
            assertThatThrownBy(() -> cis2.resumeSignIn(StoredSignIn.builder()
                            .state(good)
                            .nonce(good)
                            .vectorsOfTrust(VectorOfTrust.P9_CM)
                            .build()))
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageStartingWith("vectorsOfTrust:");

            AuthorizationRequest defaults = nhsLogin.resumeSignIn(
                    StoredSignIn.builder().state(good).nonce(good).build());
            assertThat(defaults.scopes()).isEqualTo(nhsLogin.provider().defaultScopes());
            assertThat(defaults.vectorsOfTrust())
                    .containsExactly(VectorOfTrust.P9_CP_CD, VectorOfTrust.P9_CP_CK, VectorOfTrust.P9_CM);
            assertThat(defaults.codeVerifier()).isEmpty();
        }
    }
}
