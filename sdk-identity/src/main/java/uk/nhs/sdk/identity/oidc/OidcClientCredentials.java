package uk.nhs.sdk.identity.oidc;

import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Objects;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * A relying party's identity at an OpenID Connect provider: its client id and the key it signs
 * {@code private_key_jwt} client assertions with.
 *
 * <p>This is deliberately a different type from the API Platform's credentials (the API key
 * {@link uk.nhs.sdk.core.auth.SignedJwtAuth} and {@link TokenExchangeAuth} take): a CIS2 client id
 * such as {@code 999999999999.apps.national} is issued by CIS2, is public, and is the assertion's
 * {@code iss} and {@code sub} at CIS2; the API key is neither (identity.md §D1 9). The signing
 * algorithm defaults to RS512 and may be changed for CIS2, which onboards some clients with RS256.
 *
 * <pre>{@code
 * OidcClientCredentials cis2 = OidcClientCredentials.builder()
 *     .clientId("999999999999.apps.national")
 *     .keyId("cis2-1")
 *     .privateKey(PrivateKeys.fromPem(Path.of("cis2-1.pem")))
 *     .build();
 * }</pre>
 *
 * <p>Immutable; {@link #toString()} shows the client id and key id, never the key.
 */
public final class OidcClientCredentials {
    private final String clientId;
    private final String keyId;
    private final PrivateKey privateKey;
    private final JwsAlgorithm algorithm;

    private OidcClientCredentials(Builder b) {
        this.clientId = b.clientId;
        this.keyId = b.keyId;
        this.privateKey = b.privateKey;
        this.algorithm = b.algorithm;
    }

    /**
     * Starts a builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The client id: the client assertion's {@code iss} and {@code sub}, the ID token's
     * {@code aud}.
     *
     * @return the client id
     */
    public String clientId() {
        return clientId;
    }

    /**
     * The key id, sent as the assertion's {@code kid}.
     *
     * @return the key id
     */
    public String keyId() {
        return keyId;
    }

    /**
     * The signing key.
     *
     * @return the private key
     */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /**
     * The assertion's signing algorithm.
     *
     * @return the algorithm, RS512 unless set
     */
    public JwsAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public String toString() {
        return "OidcClientCredentials[clientId=" + clientId + ", kid=" + keyId + ", alg=" + algorithm + "]";
    }

    /**
     * Builds {@link OidcClientCredentials}.
     */
    public static final class Builder {
        private String clientId;
        private String keyId;
        private PrivateKey privateKey;
        private JwsAlgorithm algorithm = JwsAlgorithm.RS512;

        private Builder() {}

        /**
         * Sets the client id the provider issued (required), such as
         * {@code 999999999999.apps.national} at CIS2.
         *
         * @param value the client id: 1 to 256 visible ASCII characters
         * @return this builder
         * @throws NhsValidationException when the value is empty, too long or holds spaces or
         *     control characters
         */
        public Builder clientId(String value) {
            this.clientId = token("clientId", value);
            return this;
        }

        /**
         * Sets the key id registered with the provider (required).
         *
         * @param value the key id: 1 to 256 visible ASCII characters
         * @return this builder
         * @throws NhsValidationException when the value cannot be a key id
         */
        public Builder keyId(String value) {
            this.keyId = token("keyId", value);
            return this;
        }

        /**
         * Sets the private key (required): RSA for RS and PS algorithms, EC for ES.
         *
         * @param value the key; see {@link uk.nhs.sdk.core.auth.PrivateKeys}
         * @return this builder
         */
        public Builder privateKey(PrivateKey value) {
            this.privateKey = Objects.requireNonNull(value, "privateKey");
            return this;
        }

        /**
         * Sets the signing algorithm (default RS512).
         *
         * @param value the algorithm
         * @return this builder
         */
        public Builder algorithm(JwsAlgorithm value) {
            this.algorithm = Objects.requireNonNull(value, "algorithm");
            return this;
        }

        /**
         * Builds the credentials.
         *
         * @return the credentials
         * @throws NhsConfigurationException when a value is missing or the key does not fit the
         *     algorithm
         */
        public OidcClientCredentials build() {
            if (clientId == null || keyId == null || privateKey == null) {
                throw new NhsConfigurationException("OidcClientCredentials needs clientId, keyId and privateKey");
            }
            boolean rsaKey = privateKey instanceof RSAPrivateKey;
            boolean ecKey = privateKey instanceof ECPrivateKey;
            if (algorithm.rsa() ? !rsaKey : !ecKey) {
                throw new NhsConfigurationException("the private key does not fit " + algorithm
                        + (algorithm.rsa() ? " (needs an RSA key)" : " (needs an EC key)"));
            }
            return new OidcClientCredentials(this);
        }

        private static String token(String field, String value) {
            Objects.requireNonNull(value, field);
            if (value.isEmpty() || value.length() > 256 || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new NhsValidationException(field, "must be 1 to 256 visible ASCII characters without spaces");
            }
            return value;
        }
    }
}
