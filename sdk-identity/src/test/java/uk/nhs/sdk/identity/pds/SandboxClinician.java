package uk.nhs.sdk.identity.pds;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.identity.oidc.AuthorizationRequest;
import uk.nhs.sdk.identity.oidc.Cis2;
import uk.nhs.sdk.identity.oidc.OidcClient;
import uk.nhs.sdk.identity.oidc.OidcClientCredentials;
import uk.nhs.sdk.identity.oidc.SignIn;
import uk.nhs.sdk.identity.oidc.TokenExchangeAuth;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.SandboxIdentityProvider;

/**
 * A healthcare worker's PDS access in the embedded sandbox, as a service gets it: the sandbox's
 * CIS2 test clinician signs in (the fake provider redirects at once, so the "browser" is a few
 * GETs) and the ID token is exchanged at the sandbox's API Platform for a user-restricted token.
 */
final class SandboxClinician {
    private static final URI REDIRECT = URI.create("http://127.0.0.1:8765/callback");

    private SandboxClinician() {}

    /**
     * Signs the default CIS2 test clinician in and returns the token-exchange auth for PDS.
     *
     * @param sandbox the sandbox
     * @param options the options of the sign-in and exchange clients
     * @return the auth; the caller closes it
     * @throws Exception when the sign-in fails
     */
    static TokenExchangeAuth auth(NhsSandbox sandbox, NhsClientOptions options) throws Exception {
        SandboxIdentityProvider p = sandbox.cis2();
        SignIn signIn;
        try (OidcClient cis2 = OidcClient.builder()
                .provider(Cis2.at(p.discoveryUrl()))
                .credentials(OidcClientCredentials.builder()
                        .clientId(p.client().clientId())
                        .keyId(p.client().keyId())
                        .privateKey(p.client().privateKey())
                        .build())
                .redirectUri(REDIRECT)
                .options(options)
                .build()) {
            AuthorizationRequest request = cis2.authorizationRequest().build();
            HttpClient http = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            HttpResponse<Void> r = http.send(
                    HttpRequest.newBuilder(request.uri()).GET().build(), HttpResponse.BodyHandlers.discarding());
            signIn = cis2.completeSignIn(
                    request, URI.create(r.headers().firstValue("Location").orElseThrow()));
        }
        return TokenExchangeAuth.builder()
                .tokenUrl(sandbox.oauthTokenUrl())
                .apiKey(sandbox.application().apiKey())
                .keyId(sandbox.application().keyId())
                .privateKey(sandbox.application().privateKey())
                .idToken(signIn.idToken())
                .options(options)
                .build();
    }
}
