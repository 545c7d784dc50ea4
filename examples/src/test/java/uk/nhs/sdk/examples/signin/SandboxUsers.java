package uk.nhs.sdk.examples.signin;

import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.identity.oidc.SignIn;
import uk.nhs.sdk.identity.oidc.TokenExchangeAuth;
import uk.nhs.sdk.testkit.NhsSandbox;

/**
 * User-restricted access tokens of a running sandbox for the command tests, made the way the demo
 * makes them: a test user signs in and the ID token is exchanged at the sandbox's API Platform.
 */
public final class SandboxUsers {
    private SandboxUsers() {}

    /**
     * The CIS2 test clinician's access token (healthcare worker access).
     *
     * @param sandbox the sandbox
     * @return the token
     */
    public static String clinicianToken(NhsSandbox sandbox) {
        return token(sandbox, SandboxSignIn.signIn(sandbox.cis2(), true, NhsClientOptions.defaults()));
    }

    /**
     * A signed-in user's ID token.
     *
     * @param sandbox the sandbox
     * @param cis2 CIS2, else NHS login
     * @return the compact ID token
     */
    public static String idToken(NhsSandbox sandbox, boolean cis2) {
        return SandboxSignIn.signIn(cis2 ? sandbox.cis2() : sandbox.nhsLogin(), cis2, NhsClientOptions.defaults())
                .idToken()
                .value()
                .reveal();
    }

    private static String token(NhsSandbox sandbox, SignIn signIn) {
        try (TokenExchangeAuth auth = SandboxSignIn.exchange(sandbox, signIn, NhsClientOptions.defaults())) {
            return auth.accessToken().reveal();
        }
    }
}
