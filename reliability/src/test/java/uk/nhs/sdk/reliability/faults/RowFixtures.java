package uk.nhs.sdk.reliability.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.SignedJwtAuth;
import uk.nhs.sdk.identity.oidc.AuthorizationRequest;
import uk.nhs.sdk.identity.oidc.Cis2;
import uk.nhs.sdk.identity.oidc.OidcClient;
import uk.nhs.sdk.identity.oidc.OidcClientCredentials;
import uk.nhs.sdk.identity.oidc.SignIn;
import uk.nhs.sdk.identity.oidc.TokenExchangeAuth;
import uk.nhs.sdk.reliability.PrivacyAudit;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.SandboxIdentityProvider;

/**
 * What the cells of one row share, made once per row with plain clients (no fault): the
 * application's access token, a CIS2 clinician's sign-in and user-restricted token.
 */
final class RowFixtures {
    static final URI REDIRECT = URI.create("http://127.0.0.1:8765/callback");
    private static final HttpClient BROWSER =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final NhsSandbox sandbox;
    private final Map<String, Object> made = new HashMap<>();

    RowFixtures(NhsSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @SuppressWarnings("unchecked")
    private synchronized <T> T once(String key, Callable<T> make) throws Exception {
        Object v = made.get(key);
        if (v == null) {
            v = make.call();
            made.put(key, v);
        }
        return (T) v;
    }

    /** The sandbox application's application-restricted access token. */
    Secret appToken() throws Exception {
        return once("app", () -> {
            try (SignedJwtAuth auth = sandbox.signedJwtAuth(Cell.setupOptions())) {
                Secret token = auth.accessToken();
                PrivacyAudit.forbid(token.reveal());
                return token;
            }
        });
    }

    /** {@link #appToken()} for a supplier. */
    Secret appTokenUnchecked() {
        try {
            return appToken();
        } catch (Exception e) {
            throw new IllegalStateException("the application's token could not be fetched", e);
        }
    }

    /** The CIS2 test clinician's sign-in, one for the row. */
    SignIn clinicianSignIn() throws Exception {
        return once("signIn", this::freshClinicianSignIn);
    }

    /** A new sign-in of the CIS2 test clinician (a new ID token, which the platform exchanges once). */
    SignIn freshClinicianSignIn() throws Exception {
        try (OidcClient cis2 = cis2Client(sandbox, Cell.setupOptions())) {
            AuthorizationRequest request = cis2.authorizationRequest().build();
            SignIn signIn = cis2.completeSignIn(request, callback(request));
            PrivacyAudit.forbid(signIn.accessToken().reveal());
            PrivacyAudit.forbid(signIn.idToken().value().reveal());
            return signIn;
        }
    }

    /** The clinician's user-restricted API Platform token (their ID token exchanged). */
    Secret clinicianToken() throws Exception {
        SignIn signIn = clinicianSignIn();
        return once("user", () -> {
            try (TokenExchangeAuth auth = exchange(sandbox, signIn, Cell.setupOptions())) {
                Secret token = auth.accessToken();
                PrivacyAudit.forbid(token.reveal());
                return token;
            }
        });
    }

    static OidcClient cis2Client(NhsSandbox sandbox, uk.nhs.sdk.core.NhsClientOptions options) {
        SandboxIdentityProvider p = sandbox.cis2();
        return OidcClient.builder()
                .provider(Cis2.at(p.discoveryUrl()))
                .credentials(OidcClientCredentials.builder()
                        .clientId(p.client().clientId())
                        .keyId(p.client().keyId())
                        .privateKey(p.client().privateKey())
                        .build())
                .redirectUri(REDIRECT)
                .options(options)
                .build();
    }

    static TokenExchangeAuth exchange(NhsSandbox sandbox, SignIn signIn, uk.nhs.sdk.core.NhsClientOptions options) {
        return TokenExchangeAuth.builder()
                .tokenUrl(sandbox.oauthTokenUrl())
                .apiKey(sandbox.application().apiKey())
                .keyId(sandbox.application().keyId())
                .privateKey(sandbox.application().privateKey())
                .idToken(signIn.idToken())
                .options(options)
                .build();
    }

    /** What the user's browser does with the authorization URL: the fake provider redirects back at once. */
    static URI callback(AuthorizationRequest request) throws Exception {
        HttpResponse<Void> r = BROWSER.send(
                HttpRequest.newBuilder(request.uri()).GET().build(), HttpResponse.BodyHandlers.discarding());
        return URI.create(r.headers()
                .firstValue("Location")
                .orElseThrow(() -> new AssertionError("the provider did not redirect: " + r.statusCode())));
    }
}
