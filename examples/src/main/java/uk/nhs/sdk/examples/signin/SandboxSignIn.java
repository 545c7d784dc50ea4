package uk.nhs.sdk.examples.signin;

import java.net.URI;
import java.time.Duration;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.identity.oidc.AuthorizationRequest;
import uk.nhs.sdk.identity.oidc.Cis2;
import uk.nhs.sdk.identity.oidc.NhsLogin;
import uk.nhs.sdk.identity.oidc.OidcClient;
import uk.nhs.sdk.identity.oidc.OidcClientCredentials;
import uk.nhs.sdk.identity.oidc.SignIn;
import uk.nhs.sdk.identity.oidc.TokenExchangeAuth;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.SandboxIdentityProvider;

/**
 * Sign-in against the embedded sandbox, as the demo does it: the sandbox's relying party, a
 * loopback redirect, the authorization URL visited here (the fake provider signs its test user in
 * at once), the code exchanged and the ID token validated; then the token exchange with the
 * sandbox's API Platform application.
 */
final class SandboxSignIn {
    private SandboxSignIn() {}

    /**
     * An OIDC client for one of the sandbox's providers, with the relying party it registered.
     *
     * @param provider the sandbox's provider
     * @param cis2 whether it is CIS2 (else NHS login)
     * @param redirectUri the redirect URI
     * @param options the client options
     * @return the client; the caller closes it
     */
    static OidcClient client(
            SandboxIdentityProvider provider, boolean cis2, URI redirectUri, NhsClientOptions options) {
        return OidcClient.builder()
                .provider(cis2 ? Cis2.at(provider.discoveryUrl()) : NhsLogin.at(provider.discoveryUrl()))
                .credentials(OidcClientCredentials.builder()
                        .clientId(provider.client().clientId())
                        .keyId(provider.client().keyId())
                        .privateKey(provider.client().privateKey())
                        .build())
                .redirectUri(redirectUri)
                .options(options)
                .build();
    }

    /**
     * Signs the provider's current test user in, unattended.
     *
     * @param provider the sandbox's provider
     * @param cis2 whether it is CIS2
     * @param options the client options
     * @return the validated sign-in
     */
    static SignIn signIn(SandboxIdentityProvider provider, boolean cis2, NhsClientOptions options) {
        try (LoopbackRedirect redirect = LoopbackRedirect.start();
                OidcClient client = client(provider, cis2, redirect.redirectUri(), options)) {
            AuthorizationRequest request = client.authorizationRequest().build();
            Browser.visit(request.uri());
            return client.completeSignIn(request, redirect.await(Duration.ofSeconds(30)));
        }
    }

    /**
     * The token-exchange auth of the sandbox's API Platform application for a signed-in user.
     *
     * @param sandbox the sandbox
     * @param signIn the sign-in
     * @param options the client options
     * @return the auth; the caller closes it
     */
    static TokenExchangeAuth exchange(NhsSandbox sandbox, SignIn signIn, NhsClientOptions options) {
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
