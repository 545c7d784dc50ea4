package uk.nhs.sdk.identity.oidc;

import java.net.URI;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.NhsEnvironment;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.AuthProvider;
import uk.nhs.sdk.core.auth.AuthRequest;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.http.NhsHttpTransport;

/**
 * API Platform user-restricted access ("separate authentication and authorisation",
 * identity.md §C4): exchanges the user's CIS2 or NHS login {@link IdToken} for an API Platform
 * access token (RFC 8693 token exchange, authenticated with the application's signed client
 * assertion), and sends it as {@code Authorization: Bearer} on every call of the client it is
 * plugged into.
 *
 * <pre>{@code
 * SignIn signIn = cis2.completeSignIn(request, callback);
 * try (TokenExchangeAuth auth = TokenExchangeAuth.builder()
 *         .environment(NhsEnvironment.INTEGRATION)
 *         .apiKey(Secret.of(System.getenv("NHS_API_KEY")))
 *         .keyId("int-1")
 *         .privateKey(PrivateKeys.fromPem(Path.of("int-1.pem")))
 *         .idToken(signIn.idToken())
 *         .build();
 *      PdsClient pds = PdsClient.builder().environment(NhsEnvironment.INTEGRATION).auth(auth).build()) {
 *     ...
 * }
 * }</pre>
 *
 * <p>One instance per signed-in user; share a {@link Builder#transport(NhsHttpTransport)
 * transport} between them. The token request is the form of §C4 exactly:
 * {@code grant_type=urn:ietf:params:oauth:grant-type:token-exchange},
 * {@code subject_token_type=urn:ietf:params:oauth:token-type:id_token}, {@code subject_token},
 * {@code client_assertion_type} and a fresh {@code client_assertion} (RS512, {@code kid},
 * {@code iss = sub =} the API key, {@code aud} = the token URL, new {@code jti}). The access token
 * is cached and refreshed as {@link uk.nhs.sdk.core.auth.SignedJwtAuth}'s is: before expiry, by one
 * caller, with a cooldown after failures, dropped after a 401. A refresh uses the
 * {@code refresh_token} the platform issued (with a client assertion) while it lives, else
 * exchanges the ID token again while that is valid; once neither is possible every call fails
 * with {@link SignInExpiredException}: the user must sign in again.
 *
 * <p>Thread-safe. No token, key or assertion appears in a log line, an exception message or
 * {@link #toString()}.
 */
public final class TokenExchangeAuth implements AuthProvider, AutoCloseable {
    private final URI tokenUrl;
    private final TokenExchanger exchanger;

    private TokenExchangeAuth(Builder b) {
        this.tokenUrl = b.tokenUrl;
        this.exchanger = new TokenExchanger(b);
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
     * Sets {@code Authorization: Bearer <token>} on the attempt.
     *
     * @param request the attempt
     * @throws SignInExpiredException when the ID token has expired and no refresh token is left
     * @throws uk.nhs.sdk.core.error.NhsServiceException when the token endpoint refuses the
     *     exchange (the OAuth {@code error} is the error code)
     */
    @Override
    public void authenticate(AuthRequest request) {
        exchanger.auth().authenticate(request);
    }

    /**
     * Drops the token the refused attempt sent, so the next attempt uses a new one.
     *
     * @param request the refused attempt
     * @return {@code true}
     */
    @Override
    public boolean refreshAfterUnauthorized(AuthRequest request) {
        return exchanger.auth().refreshAfterUnauthorized(request);
    }

    /**
     * The current user-restricted access token, from the cache or exchanged.
     *
     * @return the token
     * @throws SignInExpiredException when the ID token has expired and no refresh token is left
     */
    public Secret accessToken() {
        return exchanger.auth().accessToken();
    }

    /**
     * When the cached access token expires.
     *
     * @return the expiry, when a token is cached
     */
    public Optional<Instant> tokenExpiry() {
        return exchanger.auth().tokenExpiry();
    }

    /**
     * Releases the transport this provider created (none when one was given).
     */
    @Override
    public void close() {
        exchanger.close();
    }

    @Override
    public String toString() {
        return "TokenExchangeAuth[tokenUrl=" + tokenUrl + "]";
    }

    /**
     * Builds {@link TokenExchangeAuth}.
     */
    public static final class Builder {
        Secret apiKey;
        String keyId;
        RSAPrivateKey privateKey;
        URI tokenUrl;
        IdToken idToken;
        Duration refreshMargin = Duration.ofSeconds(60);
        Duration refreshCooldown = Duration.ofSeconds(30);
        NhsClientOptions options = NhsClientOptions.defaults();
        NhsHttpTransport transport;

        private Builder() {}

        /**
         * Sets the application's API Platform API key (required): the assertion's {@code iss}
         * and {@code sub}. Not a CIS2 or NHS login client id.
         *
         * @param value the key
         * @return this builder
         */
        public Builder apiKey(Secret value) {
            this.apiKey = Objects.requireNonNull(value, "apiKey");
            return this;
        }

        /**
         * Sets the key id of the application's key in its API Platform JWKS (required).
         *
         * @param value the key id
         * @return this builder
         */
        public Builder keyId(String value) {
            this.keyId = Objects.requireNonNull(value, "keyId");
            return this;
        }

        /**
         * Sets the application's RSA private key (required).
         *
         * @param value the key
         * @return this builder
         */
        public Builder privateKey(RSAPrivateKey value) {
            this.privateKey = Objects.requireNonNull(value, "privateKey");
            return this;
        }

        /**
         * Uses an environment's token URL.
         *
         * @param value the environment
         * @return this builder
         */
        public Builder environment(NhsEnvironment value) {
            this.tokenUrl = Objects.requireNonNull(value, "environment").oauthTokenUrl();
            return this;
        }

        /**
         * Sets the token URL exactly (also the assertion's {@code aud}).
         *
         * @param value the token URL
         * @return this builder
         */
        public Builder tokenUrl(URI value) {
            this.tokenUrl = Objects.requireNonNull(value, "tokenUrl");
            return this;
        }

        /**
         * Sets the user's ID token from CIS2 or NHS login (required) - the ID token, not the
         * provider's access token.
         *
         * @param value the ID token
         * @return this builder
         */
        public Builder idToken(IdToken value) {
            this.idToken = Objects.requireNonNull(value, "idToken");
            return this;
        }

        /**
         * Sets how long before expiry the access token is refreshed (default 60 s).
         *
         * @param value zero or positive
         * @return this builder
         */
        public Builder refreshMargin(Duration value) {
            if (value == null || value.isNegative()) {
                throw new NhsValidationException("refreshMargin", "must be zero or positive");
            }
            this.refreshMargin = value;
            return this;
        }

        /**
         * Sets how long after a failed token request no new one is made (default 30 s).
         *
         * @param value zero or positive
         * @return this builder
         */
        public Builder refreshCooldown(Duration value) {
            if (value == null || value.isNegative()) {
                throw new NhsValidationException("refreshCooldown", "must be zero or positive");
            }
            this.refreshCooldown = value;
            return this;
        }

        /**
         * Sets the options of the token requests (timeouts, retries, clock, deadline).
         *
         * @param value the options
         * @return this builder
         */
        public Builder options(NhsClientOptions value) {
            this.options = Objects.requireNonNull(value, "options");
            return this;
        }

        /**
         * Shares a transport; {@link TokenExchangeAuth#close()} leaves it open.
         *
         * @param value the transport
         * @return this builder
         */
        public Builder transport(NhsHttpTransport value) {
            this.transport = value;
            return this;
        }

        /**
         * Builds the provider. No I/O: the first call exchanges the token.
         *
         * @return the provider
         * @throws NhsConfigurationException when a required value is missing, or the API key is
         *     a CIS2 client id ({@code NNN.apps.national}): the two identities are not interchangeable;
         *     or the token URL is not absolute https (http only to loopback), so the ID token never
         *     travels in the clear
         */
        public TokenExchangeAuth build() {
            if (apiKey == null || keyId == null || privateKey == null || tokenUrl == null || idToken == null) {
                throw new NhsConfigurationException(
                        "TokenExchangeAuth needs apiKey, keyId, privateKey, idToken and an environment or tokenUrl");
            }
            ApiKeys.check("TokenExchangeAuth", apiKey);
            HttpsUrls.require("tokenUrl", tokenUrl);
            return new TokenExchangeAuth(this);
        }
    }
}
