package uk.nhs.sdk.identity.oidc;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.http.NhsHttpTransport;

/**
 * An OpenID Connect relying-party client for one provider (CIS2, NHS login or any other):
 * authorization requests, the code exchange and refresh with {@code private_key_jwt}, ID-token
 * validation, and UserInfo.
 *
 * <pre>{@code
 * OidcClient nhsLogin = OidcClient.builder()
 *     .provider(NhsLogin.integration())
 *     .credentials(OidcClientCredentials.builder().clientId("my-service").keyId("k1").privateKey(key).build())
 *     .redirectUri(URI.create("https://my-service.example/callback"))
 *     .build();
 * AuthorizationRequest request = nhsLogin.authorizationRequest().build();   // redirect to request.uri()
 * SignIn signIn = nhsLogin.completeSignIn(request, callbackUri);            // validated ID token
 * }</pre>
 *
 * <p><b>Several instances.</b> A sign-in started on one instance of a load-balanced or restarted
 * application completes on another: store {@link AuthorizationRequest#stored()} field by field
 * (state, nonce, PKCE verifier, scopes, vectors of trust, minimum assurance), and on the callback
 * rebuild the request with {@link #resumeSignIn(StoredSignIn)}; the same checks apply (a changed
 * state is {@link AuthorizationCallbackException.Reason#STATE_MISMATCH}, a changed nonce
 * {@link IdTokenValidationException.Reason#NONCE_MISMATCH}).
 *
 * <p><b>Discovery and keys.</b> The discovery document and the JWKS it names are fetched on first
 * use and cached for {@link Builder#metadataTtl(Duration) at most an hour}. A token whose
 * {@code kid} is not in the cached JWKS triggers one JWKS refetch, at most once a minute, so a
 * key the provider rotated in is picked up without a restart and a stream of bad tokens cannot
 * make the client hammer the provider. A discovery document that cannot be fetched or used is an
 * {@link OidcDiscoveryException}.
 *
 * <p><b>Client assertion.</b> Each token request carries a fresh assertion signed with the
 * {@link OidcClientCredentials}: {@code iss = sub =} the client id, {@code aud} = the token
 * endpoint exactly as the discovery document gives it, a new {@code jti}, {@code exp} a few
 * minutes ahead.
 *
 * <p><b>Validation.</b> Every rule has its own {@link IdTokenValidationException.Reason}: the
 * signature against the provider's JWKS with an asymmetric-only allow-list (never {@code none},
 * never HMAC), {@code iss} exactly the discovery issuer, {@code aud} containing the client id,
 * {@code azp} when there are several audiences, {@code exp}/{@code iat}/{@code nbf} within
 * {@link Builder#clockLeeway(Duration) a leeway}, {@code nonce}, NHS login's {@code vot} among the
 * requested {@code vtr}, CIS2's {@code acr} meeting the required level.
 *
 * <p>HTTP goes through the SDK's pipeline (retries, timeouts, logging without values) with the
 * {@link Builder#options(NhsClientOptions) options}; their clock drives caching and validation.
 * Thread-safe; build one per provider and share it. No token, code, nonce, state or claim value
 * appears in a log line, an exception message or {@link #toString()}.
 */
public final class OidcClient implements AutoCloseable {
    private final OidcProvider provider;
    private final OidcClientCredentials credentials;
    private final URI redirectUri;
    private final OidcEngine engine;

    private OidcClient(Builder b) {
        this.provider = b.provider;
        this.credentials = b.credentials;
        this.redirectUri = b.redirectUri;
        this.engine = new OidcEngine(
                b.provider,
                b.credentials,
                b.redirectUri,
                b.options,
                b.transport,
                b.leeway,
                Set.copyOf(b.algorithms),
                b.metadataTtl);
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
     * The provider.
     *
     * @return the provider
     */
    public OidcProvider provider() {
        return provider;
    }

    /**
     * The client id.
     *
     * @return the client id
     */
    public String clientId() {
        return credentials.clientId();
    }

    /**
     * The redirect URI.
     *
     * @return the redirect URI registered with the provider
     */
    public URI redirectUri() {
        return redirectUri;
    }

    /**
     * Starts an authorization request.
     *
     * @return the builder; {@link AuthorizationRequest.Builder#build()} generates state, nonce and
     *     PKCE verifier
     */
    public AuthorizationRequest.Builder authorizationRequest() {
        return new AuthorizationRequest.Builder(this);
    }

    AuthorizationRequest buildAuthorizationRequest(
            List<String> scopes,
            List<VectorOfTrust> vtr,
            Prompt prompt,
            Boolean allowRegistration,
            AssuranceLevel minimumAssurance,
            StoredSignIn stored) {
        return engine.authorizationRequest(scopes, vtr, prompt, allowRegistration, minimumAssurance, stored);
    }

    /**
     * Rebuilds the request of a sign-in that this or another instance of the application started,
     * from the values it stored ({@link AuthorizationRequest#stored()}), to hand to
     * {@link #completeSignIn(AuthorizationRequest, URI)}. The stored values are checked by the
     * rules they were generated under: scopes as {@link AuthorizationRequest.Builder#scopes(String...)},
     * vectors of trust for NHS login only, a minimum assurance for CIS2 only, and a PKCE verifier
     * when the provider uses PKCE. The request's client id and redirect URI are this client's, so
     * configure it as the one that started the sign-in. Its {@link AuthorizationRequest#uri()} is
     * rebuilt without {@code prompt} and {@code allow_registration}, which completing does not
     * need. Fetches the discovery document when it is not cached.
     *
     * @param stored the stored values
     * @return the request
     * @throws NhsValidationException when a stored value breaks a rule for this provider
     * @throws OidcDiscoveryException when the discovery document cannot be fetched or used
     */
    public AuthorizationRequest resumeSignIn(StoredSignIn stored) {
        Objects.requireNonNull(stored, "stored");
        AuthorizationRequest.Builder b = authorizationRequest();
        if (!stored.scopes().isEmpty()) {
            b.scopes(stored.scopes().toArray(String[]::new));
        }
        if (!stored.vectorsOfTrust().isEmpty()) {
            b.vectorsOfTrust(stored.vectorsOfTrust().toArray(VectorOfTrust[]::new));
        }
        stored.minimumAssurance().ifPresent(b::minimumAssurance);
        return b.restore(stored);
    }

    /**
     * Completes a sign-in from the redirect the provider sent the browser to: checks
     * {@code error} and {@code state}, exchanges the code and validates the ID token.
     *
     * @param request the request the sign-in started with
     * @param callback the full redirect URL the browser arrived at (with its query)
     * @return the sign-in
     * @throws AuthorizationCallbackException when the provider refused, the state differs (also on an
     *     error redirect), there is no code, or a parameter is repeated
     * @throws IdTokenValidationException when the ID token breaks a rule
     * @throws uk.nhs.sdk.core.error.NhsServiceException when the token endpoint refuses (the OAuth
     *     {@code error} is the error code)
     * @throws OidcDiscoveryException when the provider's metadata cannot be fetched
     */
    public SignIn completeSignIn(AuthorizationRequest request, URI callback) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(callback, "callback");
        Callback cb = Callback.parse(callback, request.state());
        return exchangeCode(request, cb.code(), cb.state());
    }

    /**
     * Exchanges an authorization code, after checking the callback's state, and validates the ID
     * token against the request's nonce, {@code vtr} and assurance level.
     *
     * @param request the request the sign-in started with
     * @param code the callback's {@code code}
     * @param returnedState the callback's {@code state}
     * @return the sign-in
     * @throws AuthorizationCallbackException when the state differs or the code is missing
     * @throws IdTokenValidationException when the ID token breaks a rule
     * @throws uk.nhs.sdk.core.error.NhsServiceException when the token endpoint refuses
     * @throws OidcDiscoveryException when the provider's metadata cannot be fetched
     */
    public SignIn exchangeCode(AuthorizationRequest request, String code, String returnedState) {
        Objects.requireNonNull(request, "request");
        Callback.checkState(request.state(), returnedState);
        if (code == null || code.isEmpty()) {
            throw new AuthorizationCallbackException(AuthorizationCallbackException.Reason.MISSING_CODE, null);
        }
        if (!request.clientId().equals(clientId())) {
            throw new NhsValidationException("request", "was made by another client");
        }
        return new SignIn(engine.exchangeCode(request, code));
    }

    /**
     * Refreshes the provider's tokens. A new ID token, when issued, is validated (without a
     * nonce: none is sent on refresh) but not compared with the signed-in user's: prefer
     * {@link #refresh(Secret, IdTokenClaims)}, which also checks it is for the same user.
     *
     * @param refreshToken the refresh token
     * @return the new tokens
     * @throws uk.nhs.sdk.core.error.NhsServiceException when the token endpoint refuses (an
     *     expired refresh token is {@code invalid_grant})
     * @throws IdTokenValidationException when a new ID token breaks a rule
     */
    public OidcTokens refresh(Secret refreshToken) {
        return engine.refresh(Objects.requireNonNull(refreshToken, "refreshToken"), null);
    }

    /**
     * Refreshes the provider's tokens for a signed-in user. A new ID token, when issued, is
     * validated (without a nonce) and its {@code sub} must be the signed-in user's (OIDC Core
     * §12.2).
     *
     * @param refreshToken the refresh token
     * @param signedIn the validated claims of the user's ID token (from {@link SignIn#claims()})
     * @return the new tokens
     * @throws uk.nhs.sdk.core.error.NhsServiceException when the token endpoint refuses (an
     *     expired refresh token is {@code invalid_grant})
     * @throws IdTokenValidationException when a new ID token breaks a rule, or names another
     *     user ({@link IdTokenValidationException.Reason#SUBJECT_MISMATCH})
     */
    public OidcTokens refresh(Secret refreshToken, IdTokenClaims signedIn) {
        return engine.refresh(
                Objects.requireNonNull(refreshToken, "refreshToken"),
                Objects.requireNonNull(signedIn, "signedIn").subject());
    }

    /**
     * Validates an ID token against the request the sign-in started with.
     *
     * @param idToken the token
     * @param request the request (its nonce, {@code vtr}, assurance level)
     * @return the validated claims
     * @throws IdTokenValidationException when the token breaks a rule
     * @throws OidcDiscoveryException when the provider's metadata cannot be fetched
     */
    public IdTokenClaims validateIdToken(IdToken idToken, AuthorizationRequest request) {
        Objects.requireNonNull(idToken, "idToken");
        Objects.requireNonNull(request, "request");
        return engine.validate(
                idToken,
                request.nonce(),
                request.vectorsOfTrust(),
                request.minimumAssurance().orElse(null));
    }

    /**
     * Fetches the user's claims from the UserInfo endpoint, and checks its {@code sub} equals the
     * ID token's.
     *
     * @param accessToken the provider's access token
     * @param claims the validated ID token's claims
     * @return the user info
     * @throws IdTokenValidationException with {@link IdTokenValidationException.Reason#SUBJECT_MISMATCH}
     *     when the subjects differ
     * @throws OidcDiscoveryException when the provider publishes no UserInfo endpoint
     * @throws uk.nhs.sdk.core.error.NhsServiceException when the endpoint refuses
     */
    public UserInfo userInfo(Secret accessToken, IdTokenClaims claims) {
        return engine.userInfo(
                Objects.requireNonNull(accessToken, "accessToken"), Objects.requireNonNull(claims, "claims"));
    }

    /**
     * Releases the connection pool this client created (none when a transport was given).
     */
    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "OidcClient[" + provider + ", clientId=" + credentials.clientId() + "]";
    }

    /**
     * Builds {@link OidcClient}.
     */
    public static final class Builder {
        private OidcProvider provider;
        private OidcClientCredentials credentials;
        private URI redirectUri;
        private NhsClientOptions options = NhsClientOptions.defaults();
        private NhsHttpTransport transport;
        private Duration leeway = Duration.ofSeconds(60);
        private Set<JwsAlgorithm> algorithms = EnumSet.allOf(JwsAlgorithm.class);
        private Duration metadataTtl = Duration.ofHours(1);

        private Builder() {}

        /**
         * Sets the provider (required): {@link Cis2}, {@link NhsLogin} or
         * {@link OidcProvider#discovery(URI)}.
         *
         * @param value the provider
         * @return this builder
         */
        public Builder provider(OidcProvider value) {
            this.provider = Objects.requireNonNull(value, "provider");
            return this;
        }

        /**
         * Sets the relying party's credentials at the provider (required).
         *
         * @param value the credentials
         * @return this builder
         */
        public Builder credentials(OidcClientCredentials value) {
            this.credentials = Objects.requireNonNull(value, "credentials");
            return this;
        }

        /**
         * Sets the redirect URI registered with the provider (required): absolute, https (http
         * only to a loopback host), no fragment; NHS login also allows no query.
         *
         * @param value the redirect URI
         * @return this builder
         */
        public Builder redirectUri(URI value) {
            this.redirectUri = Objects.requireNonNull(value, "redirectUri");
            return this;
        }

        /**
         * Sets the HTTP options (timeouts, retries, clock).
         *
         * @param value the options
         * @return this builder
         */
        public Builder options(NhsClientOptions value) {
            this.options = Objects.requireNonNull(value, "options");
            return this;
        }

        /**
         * Shares a transport with other clients; {@link OidcClient#close()} leaves it open.
         *
         * @param value the transport
         * @return this builder
         */
        public Builder transport(NhsHttpTransport value) {
            this.transport = value;
            return this;
        }

        /**
         * Sets the clock leeway for {@code exp}, {@code iat} and {@code nbf} (default 60 s,
         * at most 5 minutes).
         *
         * @param value the leeway
         * @return this builder
         * @throws NhsValidationException when negative or over 5 minutes
         */
        public Builder clockLeeway(Duration value) {
            if (value == null || value.isNegative() || value.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new NhsValidationException("clockLeeway", "must be between 0 and 5 minutes");
            }
            this.leeway = value;
            return this;
        }

        /**
         * Restricts the algorithms accepted on ID tokens (default: every {@link JwsAlgorithm};
         * {@code none} and HMAC are never accepted).
         *
         * @param values one or more algorithms
         * @return this builder
         * @throws NhsValidationException with no value
         */
        public Builder allowedAlgorithms(JwsAlgorithm... values) {
            Objects.requireNonNull(values, "allowedAlgorithms");
            if (values.length == 0) {
                throw new NhsValidationException("allowedAlgorithms", "needs at least one algorithm");
            }
            EnumSet<JwsAlgorithm> set = EnumSet.noneOf(JwsAlgorithm.class);
            for (JwsAlgorithm a : values) {
                set.add(Objects.requireNonNull(a, "algorithm"));
            }
            this.algorithms = set;
            return this;
        }

        /**
         * Sets how long the discovery document and JWKS are cached (default and maximum 1 hour).
         *
         * @param value the time to live
         * @return this builder
         * @throws NhsValidationException when not positive or over an hour
         */
        public Builder metadataTtl(Duration value) {
            if (value == null || value.isNegative() || value.isZero() || value.compareTo(Duration.ofHours(1)) > 0) {
                throw new NhsValidationException("metadataTtl", "must be positive and at most 1 hour");
            }
            this.metadataTtl = value;
            return this;
        }

        /**
         * Builds the client. No I/O: discovery happens on first use.
         *
         * @return the client
         * @throws NhsConfigurationException when the provider, credentials or redirect URI is
         *     missing, or the redirect URI breaks the provider's rules
         */
        public OidcClient build() {
            if (provider == null || credentials == null || redirectUri == null) {
                throw new NhsConfigurationException("OidcClient needs provider, credentials and redirectUri");
            }
            RedirectUris.check(provider, redirectUri);
            return new OidcClient(this);
        }
    }
}
