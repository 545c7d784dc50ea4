package uk.nhs.sdk.identity.oidc;

import java.util.Objects;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsSdkException;

/**
 * An ID token (or a UserInfo response) failed one of the validation rules. {@link #reason()}
 * names the rule; the message names the rule too and never holds the token, a claim value or the
 * nonce.
 */
public class IdTokenValidationException extends NhsSdkException {
    private static final long serialVersionUID = 1L;

    /** The rule an ID token broke. */
    public enum Reason {
        /** Not a compact JWS, or its header or claims are not JSON. */
        MALFORMED,
        /** Signed with {@code none}, HMAC, or an algorithm outside the configured allow-list. */
        ALGORITHM_NOT_ALLOWED,
        /** No key in the provider's JWKS has the token's {@code kid}, even after a refetch. */
        UNKNOWN_KEY,
        /** The signature does not verify (a tampered header or payload, or the wrong key). */
        SIGNATURE_INVALID,
        /** {@code iss} is not exactly the discovery document's issuer. */
        ISSUER_MISMATCH,
        /** {@code aud} does not contain the client id. */
        AUDIENCE_MISMATCH,
        /** Several audiences and no {@code azp}, or an {@code azp} other than the client id. */
        AUTHORIZED_PARTY_MISMATCH,
        /** {@code exp} is past, beyond the leeway. */
        EXPIRED,
        /** {@code iat} (or {@code nbf}) lies in the future, beyond the leeway. */
        NOT_YET_VALID,
        /** {@code nonce} is missing or differs from the authorization request's. */
        NONCE_MISMATCH,
        /** NHS login: {@code vot} is missing or not one of the requested {@code vtr} values. */
        VOT_NOT_REQUESTED,
        /** CIS2: {@code acr} is missing or below the required assurance level. */
        ACR_TOO_WEAK,
        /** A required claim ({@code sub}, {@code exp}, {@code iat}) is missing or has the wrong type. */
        MISSING_CLAIM,
        /** UserInfo, or an ID token from a refresh: its {@code sub} differs from the signed-in user's. */
        SUBJECT_MISMATCH
    }

    /** The broken rule. */
    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason the broken rule
     * @param message what broke, without token, claim or nonce values
     */
    public IdTokenValidationException(Reason reason, String message) {
        super(
                "ID token refused (" + Objects.requireNonNull(reason, "reason") + "): " + message,
                CallDetails.none(),
                null);
        this.reason = reason;
    }

    /**
     * The rule the token broke.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
