package uk.nhs.sdk.identity.oidc;

import uk.nhs.sdk.core.auth.RefreshingTokenAuth;

/** The token requests behind {@link TokenExchangeAuth}. Internal. */
final class TokenExchanger {
    private final RefreshingTokenAuth auth;

    TokenExchanger(TokenExchangeAuth.Builder b) {
        this.auth = RefreshingTokenAuth.builder("API Platform token exchange", () -> {
            throw new UnsupportedOperationException("not yet implemented");
        }).clock(b.options.clock()).refreshMargin(b.refreshMargin).refreshCooldown(b.refreshCooldown)
                .maxWait(b.options.deadline()).build();
    }

    RefreshingTokenAuth auth() {
        return auth;
    }

    void close() {
    }
}
