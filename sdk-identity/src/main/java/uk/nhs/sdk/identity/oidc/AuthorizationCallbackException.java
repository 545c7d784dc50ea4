package uk.nhs.sdk.identity.oidc;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import uk.nhs.sdk.core.error.NhsSdkException;

/**
 * The redirect back from the provider cannot complete a sign-in: the user or provider refused,
 * the {@code state} is not the one this request sent (possible cross-site request forgery), or
 * there is no code, or the redirect is malformed. The message never holds the code or the state.
 */
public class AuthorizationCallbackException extends NhsSdkException {
    private static final long serialVersionUID = 1L;
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /**
     * The error codes of RFC 6749 section 4.1.2.1 and OpenID Connect Core section 3.1.2.6: only
     * these are named in the message, since the redirect (and so its {@code error}) is whatever
     * the browser was sent to; any other well-formed code stays in {@link #providerError()}.
     */
    private static final Set<String> REGISTERED = Set.of(
            "invalid_request",
            "unauthorized_client",
            "access_denied",
            "unsupported_response_type",
            "invalid_scope",
            "server_error",
            "temporarily_unavailable",
            "interaction_required",
            "login_required",
            "account_selection_required",
            "consent_required",
            "invalid_request_uri",
            "invalid_request_object",
            "request_not_supported",
            "request_uri_not_supported",
            "registration_not_supported");

    /** Why the callback was refused. */
    public enum Reason {
        /** The provider answered with {@code error} (for example {@code access_denied}). */
        PROVIDER_ERROR,
        /** The returned {@code state} is missing or differs from the request's. */
        STATE_MISMATCH,
        /** No {@code code} in the redirect. */
        MISSING_CODE,
        /** The redirect repeats {@code code}, {@code state}, {@code error} or {@code iss}. */
        MALFORMED
    }

    /** Why the callback was refused. */
    private final Reason reason;
    /** The provider's error code, or {@code null}. */
    private final String providerError;

    /**
     * Creates the exception.
     *
     * @param reason why
     * @param providerError the provider's OAuth {@code error} code, or {@code null}; kept only
     *     when it looks like an error code (letters, digits, {@code _ . -})
     */
    public AuthorizationCallbackException(Reason reason, String providerError) {
        super(message(reason, providerError != null && REGISTERED.contains(providerError) ? providerError : null));
        this.reason = Objects.requireNonNull(reason, "reason");
        this.providerError = safe(providerError);
    }

    private static String safe(String code) {
        return code != null && ERROR_CODE.matcher(code).matches() ? code : null;
    }

    private static String message(Reason reason, String code) {
        switch (reason) {
            case PROVIDER_ERROR:
                return "the provider refused the sign-in" + (code == null ? "" : " with error " + code);
            case STATE_MISMATCH:
                return "the callback's state does not match the authorization request's; refusing the sign-in";
            case MALFORMED:
                return "the callback repeats code, state, error or iss; refusing the sign-in";
            default:
                return "the callback carries no authorization code";
        }
    }

    /**
     * Why the callback was refused.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * The provider's OAuth {@code error} code, for {@link Reason#PROVIDER_ERROR}.
     *
     * @return the code, when the provider sent a well-formed one
     */
    public Optional<String> providerError() {
        return Optional.ofNullable(providerError);
    }
}
