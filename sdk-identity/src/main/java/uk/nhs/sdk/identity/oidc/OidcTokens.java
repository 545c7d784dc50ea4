package uk.nhs.sdk.identity.oidc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import uk.nhs.sdk.core.Secret;

/**
 * What a provider's token endpoint issued: an access token, and a refresh token and a validated
 * ID token when it sent them. Immutable; {@link #toString()} shows no token.
 */
public final class OidcTokens {
    private final Secret accessToken;
    private final Secret refreshToken;
    private final IdToken idToken;
    private final IdTokenClaims claims;
    private final Instant expiresAt;
    private final List<String> scopes;

    OidcTokens(
            Secret accessToken,
            Secret refreshToken,
            IdToken idToken,
            IdTokenClaims claims,
            Instant expiresAt,
            List<String> scopes) {
        this.accessToken = accessToken;
        this.refreshToken = refreshToken;
        this.idToken = idToken;
        this.claims = claims;
        this.expiresAt = expiresAt;
        this.scopes = List.copyOf(scopes);
    }

    /**
     * The provider's access token (for its UserInfo endpoint; the API Platform wants the ID
     * token instead, through {@link TokenExchangeAuth}).
     *
     * @return the access token
     */
    public Secret accessToken() {
        return accessToken;
    }

    /**
     * The refresh token, for {@link OidcClient#refresh(Secret)}.
     *
     * @return the refresh token, when issued
     */
    public Optional<Secret> refreshToken() {
        return Optional.ofNullable(refreshToken);
    }

    /**
     * The validated ID token.
     *
     * @return the ID token, when issued (always after a code exchange)
     */
    public Optional<IdToken> idToken() {
        return Optional.ofNullable(idToken);
    }

    /**
     * The validated ID token's claims.
     *
     * @return the claims, when an ID token was issued
     */
    public Optional<IdTokenClaims> claims() {
        return Optional.ofNullable(claims);
    }

    /**
     * When the access token expires ({@code expires_in} from the request's start).
     *
     * @return the expiry, when the provider said
     */
    public Optional<Instant> accessTokenExpiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /**
     * The granted scopes ({@code scope}), when the provider listed them.
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<String> scopes() {
        return scopes;
    }

    @Override
    public String toString() {
        return "OidcTokens[accessToken=***, refreshToken=" + (refreshToken == null ? "-" : "***") + ", idToken="
                + (idToken == null ? "-" : "***") + ", expiresAt=" + expiresAt + "]";
    }
}
