package uk.nhs.sdk.identity.oidc;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * An OpenID Connect ID token, as a type of its own so that an access token cannot be passed
 * where the ID token belongs (token exchange takes the ID token; identity.md §D1 10).
 *
 * <p>{@link OidcClient} returns validated ones; {@link #of(String)} wraps one obtained elsewhere
 * (it checks the shape only; {@link OidcClient#validateIdToken} checks the signature and claims).
 * {@link #toString()} never shows the token.
 */
public final class IdToken {
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final int MAX_LENGTH = 64 * 1024;

    private final Secret value;
    private final Instant expiresAt;

    private IdToken(Secret value, Instant expiresAt) {
        this.value = value;
        this.expiresAt = expiresAt;
    }

    /**
     * Wraps an ID token.
     *
     * @param compactJws the token as the provider issued it ({@code header.payload.signature})
     * @return the token
     * @throws NhsValidationException when the text is not a compact JWS with JSON claims, or its
     *     claims mark it as an access token (CIS2's {@code tokenName})
     */
    public static IdToken of(String compactJws) {
        Objects.requireNonNull(compactJws, "idToken");
        if (compactJws.length() > MAX_LENGTH || !COMPACT_JWS.matcher(compactJws).matches()) {
            throw new NhsValidationException("idToken", "must be a compact JWS (three base64url parts)");
        }
        Map<String, Object> claims = Jwts.unverifiedClaims(compactJws)
                .orElseThrow(() -> new NhsValidationException("idToken", "its claims are not a JSON object"));
        Object tokenName = claims.get("tokenName");
        if (tokenName != null && !"id_token".equals(tokenName)) {
            throw new NhsValidationException(
                    "idToken",
                    "is not an ID token (its tokenName claim says otherwise);"
                            + " pass the provider's id_token, not its access token");
        }
        Object exp = claims.get("exp");
        Instant expiresAt = exp instanceof Number ? Instant.ofEpochSecond(((Number) exp).longValue()) : null;
        return new IdToken(Secret.of(compactJws), expiresAt);
    }

    /**
     * The token, for sending to the API Platform's token exchange. Never log it.
     *
     * @return the compact JWS
     */
    public Secret value() {
        return value;
    }

    /**
     * The token's {@code exp}, read without verifying the signature (use it to decide when to
     * sign the user in again, not to trust the token).
     *
     * @return the expiry, when the token has a numeric {@code exp}
     */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /**
     * Constant-time comparison of the token values.
     *
     * @param o the other object
     * @return whether both hold the same token
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof IdToken && value.equals(((IdToken) o).value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "IdToken[***]";
    }
}
