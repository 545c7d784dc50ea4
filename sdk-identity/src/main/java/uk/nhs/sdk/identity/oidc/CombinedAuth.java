package uk.nhs.sdk.identity.oidc;

import java.net.URI;
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
 * API Platform user-restricted access through the platform's own sign-in ("combined
 * authentication and authorisation", identity.md §C4): the platform's {@code /oauth2/authorize}
 * sends the user to CIS2 or NHS login and back with a code, which is exchanged with the
 * application's API key and secret for a platform access token and refresh token.
 *
 * <pre>{@code
 * CombinedAuth combined = CombinedAuth.builder()
 *     .environment(NhsEnvironment.INTEGRATION)
 *     .apiKey(Secret.of(System.getenv("NHS_API_KEY")))
 *     .clientSecret(Secret.of(System.getenv("NHS_API_SECRET")))
 *     .redirectUri(URI.create("https://my-service.example/callback"))
 *     .build();
 * CombinedAuth.PendingSignIn pending = combined.authorizationRequest();   // redirect to pending.uri()
 * CombinedAuth.Session user = combined.completeSignIn(pending, callbackUri);
 * PdsClient pds = PdsClient.builder().environment(NhsEnvironment.INTEGRATION).auth(user).build();
 * }</pre>
 *
 * <p>A {@link Session} is the {@link AuthProvider} of one signed-in user: it caches the access
 * token and refreshes it with the refresh token ({@code grant_type=refresh_token},
 * {@code client_id}, {@code client_secret}) before it expires, by one caller; once the refresh
 * token is refused or expired, calls fail with {@link SignInExpiredException}.
 *
 * <p>Thread-safe. No token, code, state, key or secret appears in a log line, an exception
 * message or {@link #toString()}.
 */
public final class CombinedAuth implements AutoCloseable {
    private final CombinedFlow flow;
    private final URI baseUrl;

    private CombinedAuth(Builder b) {
        this.baseUrl = b.baseUrl;
        this.flow = new CombinedFlow(b);
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
     * Starts a sign-in: the platform's authorization URL with a generated {@code state}.
     *
     * @return the pending sign-in; keep it in the user's session until the callback
     */
    public PendingSignIn authorizationRequest() {
        return flow.authorizationRequest();
    }

    /**
     * Completes a sign-in from the redirect the platform sent the browser to: checks
     * {@code error} and {@code state}, exchanges the code.
     *
     * @param pending the pending sign-in
     * @param callback the full redirect URL, with its query
     * @return the user's session, an {@link AuthProvider}
     * @throws AuthorizationCallbackException when the platform refused, the state differs (also on an
     *     error redirect), there is no code, or a parameter is repeated
     * @throws uk.nhs.sdk.core.error.NhsServiceException when the token endpoint refuses
     */
    public Session completeSignIn(PendingSignIn pending, URI callback) {
        Objects.requireNonNull(pending, "pending");
        Callback cb = Callback.parse(Objects.requireNonNull(callback, "callback"), pending.state());
        return exchangeCode(pending, cb.code(), cb.state());
    }

    /**
     * Exchanges a code, after checking the callback's state.
     *
     * @param pending the pending sign-in
     * @param code the callback's {@code code}
     * @param returnedState the callback's {@code state}
     * @return the user's session
     * @throws AuthorizationCallbackException when the state differs or the code is missing
     * @throws uk.nhs.sdk.core.error.NhsServiceException when the token endpoint refuses
     */
    public Session exchangeCode(PendingSignIn pending, String code, String returnedState) {
        Objects.requireNonNull(pending, "pending");
        Callback.checkState(pending.state(), returnedState);
        if (code == null || code.isEmpty()) {
            throw new AuthorizationCallbackException(AuthorizationCallbackException.Reason.MISSING_CODE, null);
        }
        return flow.exchangeCode(code);
    }

    /**
     * Releases the transport this object created (none when one was given). Sessions stop
     * working once it is closed.
     */
    @Override
    public void close() {
        flow.close();
    }

    @Override
    public String toString() {
        return "CombinedAuth[" + baseUrl + "]";
    }

    /**
     * A started sign-in: the URL to redirect the browser to and the generated {@code state}.
     * {@link #toString()} shows neither.
     */
    public static final class PendingSignIn {
        private final URI uri;
        private final String state;

        PendingSignIn(URI uri, String state) {
            this.uri = uri;
            this.state = state;
        }

        /**
         * The platform's authorization URL; redirect the browser here.
         *
         * @return the URL (it holds the state: do not log it)
         */
        public URI uri() {
            return uri;
        }

        /**
         * The generated {@code state}, which the callback must carry.
         *
         * @return the state
         */
        public String state() {
            return state;
        }

        @Override
        public String toString() {
            return "PendingSignIn[***]";
        }
    }

    /**
     * One signed-in user's API Platform access: an {@link AuthProvider} that caches the access
     * token and refreshes it with the refresh token.
     */
    public static final class Session implements AuthProvider {
        private final CombinedFlow.SessionTokens tokens;

        Session(CombinedFlow.SessionTokens tokens) {
            this.tokens = tokens;
        }

        /**
         * Sets {@code Authorization: Bearer <token>} on the attempt.
         *
         * @param request the attempt
         * @throws SignInExpiredException when the refresh token is refused or expired
         */
        @Override
        public void authenticate(AuthRequest request) {
            tokens.auth().authenticate(request);
        }

        /**
         * Drops the token the refused attempt sent.
         *
         * @param request the refused attempt
         * @return {@code true}
         */
        @Override
        public boolean refreshAfterUnauthorized(AuthRequest request) {
            return tokens.auth().refreshAfterUnauthorized(request);
        }

        /**
         * The current access token, from the cache or refreshed.
         *
         * @return the token
         * @throws SignInExpiredException when the refresh token is refused or expired
         */
        public Secret accessToken() {
            return tokens.auth().accessToken();
        }

        /**
         * When the cached access token expires.
         *
         * @return the expiry
         */
        public Optional<Instant> tokenExpiry() {
            return tokens.auth().tokenExpiry();
        }

        @Override
        public String toString() {
            return "CombinedAuth.Session[***]";
        }
    }

    /**
     * Builds {@link CombinedAuth}.
     */
    public static final class Builder {
        URI baseUrl;
        Secret apiKey;
        Secret clientSecret;
        URI redirectUri;
        Duration refreshMargin = Duration.ofSeconds(60);
        Duration refreshCooldown = Duration.ofSeconds(30);
        NhsClientOptions options = NhsClientOptions.defaults();
        NhsHttpTransport transport;

        private Builder() {}

        /**
         * Uses an environment's OAuth2 server ({@code https://{env}.api.service.nhs.uk/oauth2}).
         *
         * @param value the environment
         * @return this builder
         */
        public Builder environment(NhsEnvironment value) {
            this.baseUrl = Objects.requireNonNull(value, "environment").apiBaseUrl("oauth2");
            return this;
        }

        /**
         * Sets the OAuth2 server's base URL, under which {@code /authorize} and {@code /token}
         * live (the embedded sandbox, a mock such as {@code .../oauth2-mock}).
         *
         * @param value the base URL
         * @return this builder
         */
        public Builder baseUrl(URI value) {
            this.baseUrl = Objects.requireNonNull(value, "baseUrl");
            return this;
        }

        /**
         * Sets the application's API key (required): the {@code client_id}.
         *
         * @param value the key
         * @return this builder
         */
        public Builder apiKey(Secret value) {
            this.apiKey = Objects.requireNonNull(value, "apiKey");
            return this;
        }

        /**
         * Sets the application's secret (required): the {@code client_secret}.
         *
         * @param value the secret
         * @return this builder
         */
        public Builder clientSecret(Secret value) {
            this.clientSecret = Objects.requireNonNull(value, "clientSecret");
            return this;
        }

        /**
         * Sets the callback URL registered for the application (required).
         *
         * @param value the redirect URI: absolute, https (http only to a loopback host)
         * @return this builder
         */
        public Builder redirectUri(URI value) {
            this.redirectUri = Objects.requireNonNull(value, "redirectUri");
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
         * Sets how long after a failed refresh no new one is made (default 30 s).
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
         * Sets the options of the token requests.
         *
         * @param value the options
         * @return this builder
         */
        public Builder options(NhsClientOptions value) {
            this.options = Objects.requireNonNull(value, "options");
            return this;
        }

        /**
         * Shares a transport; {@link CombinedAuth#close()} leaves it open.
         *
         * @param value the transport
         * @return this builder
         */
        public Builder transport(NhsHttpTransport value) {
            this.transport = value;
            return this;
        }

        /**
         * Builds the flow. No I/O.
         *
         * @return the flow
         * @throws NhsConfigurationException when a required value is missing, the API key is a CIS2
         *     client id, or the redirect URI or base URL is not absolute https (http only to
         *     loopback): the client secret must never travel in the clear
         */
        public CombinedAuth build() {
            if (baseUrl == null || apiKey == null || clientSecret == null || redirectUri == null) {
                throw new NhsConfigurationException(
                        "CombinedAuth needs apiKey, clientSecret, redirectUri and an environment or baseUrl");
            }
            ApiKeys.check("CombinedAuth", apiKey);
            HttpsUrls.require("baseUrl", baseUrl);
            RedirectUris.check(OidcProvider.discovery(URI.create("https://localhost/")), redirectUri);
            return new CombinedAuth(this);
        }
    }
}
