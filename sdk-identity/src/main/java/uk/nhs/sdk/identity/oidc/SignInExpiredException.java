package uk.nhs.sdk.identity.oidc;

import uk.nhs.sdk.core.error.NhsSdkException;

/**
 * The user's sign-in can no longer produce an access token: the ID token a
 * {@link TokenExchangeAuth} exchanges has expired and no refresh token is left, or a refresh
 * token was refused. The user must sign in again.
 */
public class SignInExpiredException extends NhsSdkException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what expired, without token values
     * @param cause the refused refresh, or {@code null}
     */
    public SignInExpiredException(String message, Throwable cause) {
        super(message, null, cause);
    }
}
