package uk.nhs.sdk.identity.oidc;

import java.util.Optional;

/**
 * The asymmetric JWS algorithms the SDK signs client assertions with and accepts on ID tokens.
 * There is deliberately no {@code none} and no HMAC ({@code HS*}) member: an ID token signed
 * with either is always refused, whatever is configured.
 */
public enum JwsAlgorithm {
    /** RSASSA-PKCS1-v1_5 with SHA-256. */
    RS256,
    /** RSASSA-PKCS1-v1_5 with SHA-384. */
    RS384,
    /** RSASSA-PKCS1-v1_5 with SHA-512: NHS login and the API Platform. */
    RS512,
    /** RSASSA-PSS with SHA-256. */
    PS256,
    /** RSASSA-PSS with SHA-384. */
    PS384,
    /** RSASSA-PSS with SHA-512. */
    PS512,
    /** ECDSA P-256 with SHA-256. */
    ES256,
    /** ECDSA P-384 with SHA-384. */
    ES384,
    /** ECDSA P-521 with SHA-512. */
    ES512;

    /**
     * Whether the algorithm signs with an RSA key (RS* and PS*); otherwise an EC key.
     *
     * @return {@code true} for RSA algorithms
     */
    public boolean rsa() {
        return name().charAt(0) != 'E';
    }

    /**
     * The member with this JOSE name.
     *
     * @param name the {@code alg} header value, such as {@code RS512}
     * @return the algorithm; empty for {@code none}, HMAC and anything unknown
     */
    public static Optional<JwsAlgorithm> fromName(String name) {
        for (JwsAlgorithm a : values()) {
            if (a.name().equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
