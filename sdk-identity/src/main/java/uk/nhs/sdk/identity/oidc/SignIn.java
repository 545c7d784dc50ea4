package uk.nhs.sdk.identity.oidc;

import java.util.Optional;
import uk.nhs.sdk.core.Secret;

/**
 * A completed sign-in: the validated ID token and its claims, and the provider's tokens.
 * Immutable; {@link #toString()} shows no token or claim value.
 */
public final class SignIn {
    private final OidcTokens tokens;

    SignIn(OidcTokens tokens) {
        if (tokens.idToken().isEmpty() || tokens.claims().isEmpty()) {
            throw new IllegalArgumentException("a sign-in needs a validated ID token");
        }
        this.tokens = tokens;
    }

    /**
     * The validated ID token: what {@link TokenExchangeAuth} exchanges for an API Platform token.
     *
     * @return the ID token
     */
    public IdToken idToken() {
        return tokens.idToken().orElseThrow();
    }

    /**
     * The ID token's claims, validated.
     *
     * @return the claims
     */
    public IdTokenClaims claims() {
        return tokens.claims().orElseThrow();
    }

    /**
     * The provider's access token (for its UserInfo endpoint).
     *
     * @return the access token
     */
    public Secret accessToken() {
        return tokens.accessToken();
    }

    /**
     * The provider's refresh token.
     *
     * @return the refresh token, when issued
     */
    public Optional<Secret> refreshToken() {
        return tokens.refreshToken();
    }

    /**
     * Everything the token endpoint issued.
     *
     * @return the tokens
     */
    public OidcTokens tokens() {
        return tokens;
    }

    @Override
    public String toString() {
        return "SignIn[" + tokens + "]";
    }
}
