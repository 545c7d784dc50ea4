package uk.nhs.sdk.core.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.NhsEnvironment;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.http.Idempotency;
import uk.nhs.sdk.core.http.NhsHttpClient;
import uk.nhs.sdk.core.http.NhsHttpTransport;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsRequestBody;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.core.internal.auth.AccessToken;
import uk.nhs.sdk.core.internal.auth.ClientAssertion;
import uk.nhs.sdk.core.internal.auth.OAuthErrorDecoder;
import uk.nhs.sdk.core.internal.auth.TokenCache;
import uk.nhs.sdk.core.internal.auth.TokenResponse;

/**
 * API Platform application-restricted authentication with a signed JWT (RFC 7523
 * {@code client_credentials} with a {@code client_assertion}), identity.md §C2.
 *
 * <p>Build one per application and environment, share it between clients, close it when the
 * application stops:
 *
 * <pre>{@code
 * try (SignedJwtAuth auth = SignedJwtAuth.builder()
 *         .environment(NhsEnvironment.INTEGRATION)
 *         .apiKey(Secret.of(System.getenv("NHS_API_KEY")))
 *         .keyId("int-1")
 *         .privateKey(PrivateKeys.fromPem(Path.of("int-1.pem")))
 *         .build()) {
 *     PdsClient pds = PdsClient.builder().environment(NhsEnvironment.INTEGRATION).auth(auth).build();
 *     ...
 * }
 * }</pre>
 *
 * <p><b>The assertion.</b> Each token request carries a freshly signed assertion: RS512 with
 * {@code kid}, {@code iss = sub =} the API key, {@code aud} = the exact token URL, a new
 * {@code jti} (also on a retry), and {@code exp = now + 240 s},
 * well inside the platform's 5-minute limit so that a client clock running up to a minute
 * ahead of the platform's is still accepted.
 *
 * <p><b>The token cache.</b> The platform's token lives 599 s and its OAuth server has its own rate
 * limit, so the token is cached and shared by every thread:
 * <ul>
 *   <li>it is served while valid, with no locking;</li>
 *   <li>{@link Builder#refreshMargin(Duration) a margin} before expiry (60 s by default) one caller
 *       refreshes it while the others keep using the still-valid token, without waiting;</li>
 *   <li>when no valid token exists one caller fetches (single flight) and the others wait for
 *       its result, for at most their call's deadline and never longer than the options'
 *       {@link NhsClientOptions#deadline() deadline};
 *       a wait that runs out is an {@link uk.nhs.sdk.core.error.NhsTimeoutException}, an
 *       interrupted wait an {@link uk.nhs.sdk.core.error.NhsTransportException};</li>
 *   <li>if a refresh fails while the token is still valid, the token is served until it expires
 *       (the failure is logged at DEBUG); after any failed fetch no new fetch starts for
 *       {@link Builder#refreshCooldown(Duration) the cooldown} (30 s by default): without a
 *       valid token, callers get that fetch's exception again at once, and after the cooldown
 *       the next caller fetches anew. However many threads call, a failing token endpoint sees
 *       one fetch (with its own retries) per cooldown;</li>
 *   <li>a 401 from an API drops the token that attempt used and the pipeline retries once with a
 *       new one; a burst of 401s for the same stale token causes one refresh, not one each.</li>
 * </ul>
 * Token lifetimes, assertion times and the cooldown use the options' {@link NhsClientOptions#clock()
 * clock}.
 *
 * <p>Thread-safe. No token, key or assertion appears in a log line, an exception message or
 * {@link #toString()}.
 */
public final class SignedJwtAuth implements AuthProvider, AutoCloseable {
    private final Secret apiKey;
    private final String keyId;
    private final RSAPrivateKey privateKey;
    private final URI tokenUrl;
    private final Duration refreshMargin;
    private final NhsClientOptions options;
    private final NhsHttpTransport ownedTransport;
    private final NhsHttpClient http;
    private final String tokenPath;
    private final TokenCache cache;
    private volatile boolean closed;

    private SignedJwtAuth(Builder b) {
        this.apiKey = b.apiKey;
        this.keyId = b.keyId;
        this.privateKey = b.privateKey;
        this.tokenUrl = b.tokenUrl;
        this.refreshMargin = b.refreshMargin;
        this.options = b.options;
        String url = tokenUrl.toString();
        int slash = url.lastIndexOf('/');
        this.tokenPath = url.substring(slash);
        this.ownedTransport = b.transport == null ? NhsHttpTransport.create(b.options) : null;
        this.http = NhsHttpClient.builder()
                .serviceName("OAuth2")
                .baseUrl(URI.create(url.substring(0, slash)))
                .options(b.options)
                .transport(b.transport != null ? b.transport : ownedTransport)
                .errorDecoder(new OAuthErrorDecoder())
                .build();
        this.cache =
                new TokenCache("OAuth2 token", this::fetch, b.options.clock(), b.refreshCooldown, b.options.deadline());
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
     * Sets {@code Authorization: Bearer <token>} on the attempt. Waiting for a token another
     * thread is fetching is bounded by the attempt's {@link AuthRequest#deadline() deadline} as
     * well as by the options' deadline; the thread that fetches is bounded by the options' deadline.
     *
     * @param request the attempt
     * @throws uk.nhs.sdk.core.error.NhsTimeoutException when the wait for another thread's token
     *     request outlasts the call's deadline
     */
    @Override
    public void authenticate(AuthRequest request) {
        AccessToken used = current(request.deadline().orElse(null), request);
        request.header("Authorization", used.bearerHeader());
    }

    /**
     * Drops the cached token if it is the one the refused attempt sent (read back from its
     * {@code Authorization} header), so the next attempt uses a new token; a newer token another
     * caller already fetched is kept. Holds no state per attempt and takes no lock unless it drops
     * the token.
     *
     * @param request the refused attempt, as given to {@link #authenticate(AuthRequest)}
     * @return {@code true}: one fresh attempt may succeed
     */
    @Override
    public boolean refreshAfterUnauthorized(AuthRequest request) {
        AccessToken cached = cache.peek().orElse(null);
        if (cached == null) {
            return true;
        }
        Optional<String> sent = request.header("Authorization");
        // an attempt that does not expose its headers: assume it sent the cached token
        if (sent.isEmpty() || sent.get().equals(cached.bearerHeader())) {
            cache.invalidate(cached);
        }
        return true;
    }

    /**
     * The current access token, from the cache or fetched as the class comment describes.
     *
     * @return the access token
     * @throws uk.nhs.sdk.core.error.NhsServiceException when the token endpoint refuses (the
     *     OAuth {@code error} is the exception's error code)
     * @throws uk.nhs.sdk.core.error.NhsDecodeException when the token response is unusable
     * @throws uk.nhs.sdk.core.error.NhsTimeoutException when another thread's token request
     *     outlasted the deadline
     * @throws NhsSdkException when this provider was closed
     */
    public Secret accessToken() {
        return current(null, null).value();
    }

    /**
     * When the cached token expires.
     *
     * @return the expiry, when a token is cached
     */
    public Optional<Instant> tokenExpiry() {
        return cache.peek().map(AccessToken::expiresAt);
    }

    /**
     * Releases the transport this provider created for itself (none when one was given to
     * {@link Builder#transport(NhsHttpTransport)}: a shared transport stays open). Afterwards
     * every call fails with an {@link NhsSdkException}. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        if (ownedTransport != null) {
            ownedTransport.close();
        }
    }

    /** The transport this provider created and closes; empty when it was given one. */
    Optional<NhsHttpTransport> ownedTransport() {
        return Optional.ofNullable(ownedTransport);
    }

    private AccessToken current(Instant callerDeadline, AuthRequest reportTo) {
        if (closed) {
            throw new NhsSdkException("SignedJwtAuth was closed");
        }
        return cache.getWithin(callerDeadline, reportTo);
    }

    private AccessToken fetch() {
        Instant requestedAt = options.clock().instant();
        NhsRequest request = NhsRequest.builder("POST", tokenPath)
                .idempotency(Idempotency.KEYED)
                .body(new AssertionBody())
                .build();
        try (NhsResponse response = http.execute(request)) {
            return TokenResponse.read(response, requestedAt, refreshMargin);
        }
    }

    /** The token form, with a fresh assertion each time it is written (so a retry never reuses a jti). */
    private final class AssertionBody extends NhsRequestBody {
        AssertionBody() {
            super("application/x-www-form-urlencoded");
        }

        @Override
        public long contentLength() {
            return -1;
        }

        @Override
        public boolean replayable() {
            return true;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            String assertion = ClientAssertion.sign(
                    apiKey.reveal(),
                    keyId,
                    privateKey,
                    tokenUrl.toString(),
                    options.clock().instant());
            String form = "grant_type=client_credentials"
                    + "&client_assertion_type="
                    + URLEncoder.encode(
                            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                    + "&client_assertion=" + assertion;
            out.write(form.getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Override
    public String toString() {
        return "SignedJwtAuth[tokenUrl=" + tokenUrl + ", kid=" + keyId + "]";
    }

    /**
     * Builds {@link SignedJwtAuth}.
     */
    public static final class Builder {
        private Secret apiKey;
        private String keyId;
        private RSAPrivateKey privateKey;
        private URI tokenUrl;
        private Duration refreshMargin = Duration.ofSeconds(60);
        private Duration refreshCooldown = Duration.ofSeconds(30);
        private NhsClientOptions options = NhsClientOptions.defaults();
        private NhsHttpTransport transport;

        private Builder() {}

        /**
         * Sets the application's API key (required): the assertion's {@code iss} and {@code sub}.
         *
         * @param value the key
         * @return this builder
         */
        public Builder apiKey(Secret value) {
            this.apiKey = Objects.requireNonNull(value, "apiKey");
            return this;
        }

        /**
         * Sets the key id (required): the {@code kid} of the key in the application's JWKS.
         *
         * @param value the key id
         * @return this builder
         */
        public Builder keyId(String value) {
            this.keyId = Objects.requireNonNull(value, "keyId");
            return this;
        }

        /**
         * Sets the RSA private key (required); see {@link PrivateKeys}.
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
         * Sets the token URL exactly (it is also the assertion's {@code aud}); wins over
         * {@link #environment(NhsEnvironment)} when set after it.
         *
         * @param value the token URL
         * @return this builder
         */
        public Builder tokenUrl(URI value) {
            this.tokenUrl = Objects.requireNonNull(value, "tokenUrl");
            return this;
        }

        /**
         * Sets how long before expiry a token is refreshed (default 60 s).
         *
         * @param value the margin, zero or positive
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
         * Sets how long after a failed token request no new one is made (default 30 s), so a
         * failing token endpoint is not hammered. Meanwhile a still-valid token is served, and
         * without one callers get the failed request's exception again.
         *
         * @param value the cooldown, zero or positive
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
         * Sets the options of the token client: timeouts, retries, the clock (token expiry,
         * assertion times, cooldown) and the deadline (also the bound on waiting for another
         * thread's token request).
         *
         * @param value the options
         * @return this builder
         */
        public Builder options(NhsClientOptions value) {
            this.options = Objects.requireNonNull(value, "options");
            return this;
        }

        /**
         * Shares a transport with the SDK's other clients; {@link SignedJwtAuth#close()} leaves
         * it open. Without one the provider creates its own and closes it on close.
         *
         * @param value the transport
         * @return this builder
         */
        public Builder transport(NhsHttpTransport value) {
            this.transport = value;
            return this;
        }

        /**
         * Builds the provider.
         *
         * @return the provider
         * @throws NhsConfigurationException when a required value is missing
         */
        public SignedJwtAuth build() {
            if (apiKey == null || keyId == null || privateKey == null || tokenUrl == null) {
                throw new NhsConfigurationException(
                        "SignedJwtAuth needs apiKey, keyId, privateKey and an environment or tokenUrl");
            }
            return new SignedJwtAuth(this);
        }
    }
}
