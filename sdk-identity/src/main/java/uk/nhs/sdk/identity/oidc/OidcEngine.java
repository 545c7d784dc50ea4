package uk.nhs.sdk.identity.oidc;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.http.NhsHttpTransport;

/** The work behind {@link OidcClient}. Internal. */
final class OidcEngine {
    OidcEngine(OidcProvider provider, OidcClientCredentials credentials, URI redirectUri, NhsClientOptions options,
            NhsHttpTransport transport, Duration leeway, Set<JwsAlgorithm> algorithms, Duration metadataTtl) {
    }

    AuthorizationRequest authorizationRequest(List<String> scopes, List<VectorOfTrust> vtr, Prompt prompt,
            Boolean allowRegistration, AssuranceLevel minimumAssurance) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    OidcTokens exchangeCode(AuthorizationRequest request, String code) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    OidcTokens refresh(Secret refreshToken) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    IdTokenClaims validate(IdToken idToken, String nonce, List<VectorOfTrust> vtr, AssuranceLevel minimum) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    UserInfo userInfo(Secret accessToken, IdTokenClaims claims) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    void close() {
    }
}
