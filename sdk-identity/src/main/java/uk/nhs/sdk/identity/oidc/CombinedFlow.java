package uk.nhs.sdk.identity.oidc;

import uk.nhs.sdk.core.auth.RefreshingTokenAuth;

/** The requests behind {@link CombinedAuth}. Internal. */
final class CombinedFlow {
    CombinedFlow(CombinedAuth.Builder b) {
    }

    CombinedAuth.PendingSignIn authorizationRequest() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    CombinedAuth.Session exchangeCode(String code) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    void close() {
    }

    /** One user's tokens. */
    static final class SessionTokens {
        private final RefreshingTokenAuth auth;

        SessionTokens(RefreshingTokenAuth auth) {
            this.auth = auth;
        }

        RefreshingTokenAuth auth() {
            return auth;
        }
    }
}
