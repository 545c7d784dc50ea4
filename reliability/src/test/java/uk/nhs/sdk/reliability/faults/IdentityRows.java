package uk.nhs.sdk.reliability.faults;

import java.util.List;
import uk.nhs.sdk.core.auth.SignedJwtAuth;
import uk.nhs.sdk.core.http.Idempotency;
import uk.nhs.sdk.identity.oidc.AuthorizationRequest;
import uk.nhs.sdk.identity.oidc.OidcClient;
import uk.nhs.sdk.identity.oidc.SignIn;
import uk.nhs.sdk.identity.oidc.TokenExchangeAuth;
import uk.nhs.sdk.testkit.NhsSandbox;

/**
 * The API Platform's token endpoint and CIS2's OIDC endpoints, as the SDK's token providers and OIDC
 * client call them.
 */
final class IdentityRows {
    static final String FAMILY = "Identity";
    /** The token endpoint: its whole path at the sandbox, its path below the base URL the signed-JWT provider uses. */
    private static final String TOKEN = "(/oauth2)?/token";

    private static final String CIS2 = ".*/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare";

    private IdentityRows() {}

    static List<MatrixRow> rows() {
        return List.of(
                new MatrixRow(FAMILY, "API Platform token (signed JWT)", "POST", TOKEN, Idempotency.KEYED, cell -> {
                    try (SignedJwtAuth auth = signedJwt(cell.sandbox(), cell)) {
                        cell.arm();
                        PdsRows.check(
                                cell.sandbox()
                                        .isValidAccessToken(auth.accessToken().reveal()),
                                "a token the platform issued");
                    }
                }),
                new MatrixRow(
                        FAMILY,
                        "API Platform token exchange (ID token)",
                        "POST",
                        TOKEN,
                        Idempotency.NONE,
                        List.of(429, 503),
                        cell -> {
                            SignIn signIn = cell.fixtures().freshClinicianSignIn(); // an ID token is exchanged once
                            try (TokenExchangeAuth auth =
                                    RowFixtures.exchange(cell.sandbox(), signIn, cell.options())) {
                                cell.arm();
                                PdsRows.check(
                                        cell.sandbox()
                                                .isValidAccessToken(
                                                        auth.accessToken().reveal()),
                                        "a token the platform issued");
                            }
                        }),
                new MatrixRow(
                        FAMILY,
                        "OIDC discovery",
                        "GET",
                        CIS2 + "/\\.well-known/openid-configuration",
                        Idempotency.SAFE,
                        cell -> {
                            try (OidcClient cis2 = RowFixtures.cis2Client(cell.sandbox(), cell.options())) {
                                cell.arm();
                                PdsRows.check(
                                        cis2.authorizationRequest().build().uri() != null, "an authorization URL");
                            }
                        }),
                new MatrixRow(FAMILY, "OIDC code exchange", "POST", CIS2 + "/access_token", Idempotency.NONE, cell -> {
                    try (OidcClient cis2 = RowFixtures.cis2Client(cell.sandbox(), cell.options())) {
                        AuthorizationRequest request =
                                cis2.authorizationRequest().build();
                        java.net.URI callback = RowFixtures.callback(request);
                        cell.arm();
                        PdsRows.check(
                                cis2.completeSignIn(request, callback).claims().subject() != null, "a sign-in");
                    }
                }),
                new MatrixRow(
                        FAMILY,
                        "OIDC JWKS (ID token check)",
                        "GET",
                        CIS2 + "/connect/jwk_uri",
                        Idempotency.SAFE,
                        cell -> {
                            try (OidcClient cis2 = RowFixtures.cis2Client(cell.sandbox(), cell.options())) {
                                AuthorizationRequest request =
                                        cis2.authorizationRequest().build();
                                java.net.URI callback = RowFixtures.callback(request);
                                cell.arm();
                                PdsRows.check(
                                        cis2.completeSignIn(request, callback)
                                                        .claims()
                                                        .subject()
                                                != null,
                                        "a sign-in");
                            }
                        }),
                new MatrixRow(FAMILY, "OIDC userinfo", "GET", CIS2 + "/userinfo", Idempotency.SAFE, cell -> {
                    SignIn signIn = cell.fixtures().clinicianSignIn();
                    try (OidcClient cis2 = RowFixtures.cis2Client(cell.sandbox(), cell.options())) {
                        cis2.authorizationRequest().build(); // the discovery document, before the fault
                        cell.arm();
                        PdsRows.check(
                                cis2.userInfo(signIn.accessToken(), signIn.claims())
                                        .subject()
                                        .equals(signIn.claims().subject()),
                                "the signed-in user's info");
                    }
                }));
    }

    private static SignedJwtAuth signedJwt(NhsSandbox sandbox, Cell cell) {
        return SignedJwtAuth.builder()
                .tokenUrl(sandbox.oauthTokenUrl())
                .apiKey(sandbox.application().apiKey())
                .keyId(sandbox.application().keyId())
                .privateKey(sandbox.application().privateKey())
                .options(cell.options())
                .build();
    }
}
