package uk.nhs.sdk.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.NhsEnvironment;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.http.Idempotency;
import uk.nhs.sdk.core.http.NhsHttpClient;
import uk.nhs.sdk.core.http.NhsHttpTransport;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsRequestBody;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.core.internal.auth.ClientAssertion;
import uk.nhs.sdk.core.internal.auth.OAuthErrorDecoder;
import uk.nhs.sdk.core.internal.json.Json;

/**
 * API Platform application-restricted authentication with a signed JWT (RFC 7523
 * {@code client_credentials} with a {@code client_assertion}).
 *
 * <p>Each token request carries a fresh assertion: RS512 with {@code kid}, {@code iss = sub =}
 * the API key, {@code aud} = the exact token URL, a new {@code jti} and {@code exp = now + 300 s}.
 * The access token is cached until {@link Builder#refreshMargin(Duration) shortly before} it
 * expires; when it must be refreshed one thread fetches while the others wait (single flight).
 * A 401 from the API refreshes the token once and retries once.
 *
 * <pre>{@code
 * SignedJwtAuth auth = SignedJwtAuth.builder()
 *     .environment(NhsEnvironment.INTEGRATION)
 *     .apiKey(Secret.of(System.getenv("NHS_API_KEY")))
 *     .keyId("int-1")
 *     .privateKey(PrivateKeys.fromPem(Path.of("int-1.pem")))
 *     .build();
 * }</pre>
 */
public final class SignedJwtAuth implements AuthProvider {
    private final Secret apiKey;
    private final String keyId;
    private final RSAPrivateKey privateKey;
    private final URI tokenUrl;
    private final Duration refreshMargin;
    private final NhsClientOptions options;
    private final NhsHttpClient http;
    private final String tokenPath;
    private final ReentrantLock refreshLock = new ReentrantLock();
    private final ThreadLocal<Token> lastUsed = new ThreadLocal<>();
    private volatile Token token;

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
        this.http = NhsHttpClient.builder()
                .serviceName("OAuth2")
                .baseUrl(URI.create(url.substring(0, slash)))
                .options(b.options)
                .transport(b.transport)
                .errorDecoder(new OAuthErrorDecoder())
                .build();
    }

    /**
     * Starts a builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void authenticate(AuthRequest request) {
        Token used = current();
        lastUsed.set(used);
        request.header("Authorization", "Bearer " + used.value.reveal());
    }

    /**
     * Drops the token the refused attempt used (unless another thread already replaced it), so
     * the next attempt fetches a new one.
     *
     * @param request the refused attempt
     * @return {@code true}: one fresh attempt may succeed
     */
    @Override
    public boolean refreshAfterUnauthorized(AuthRequest request) {
        Token used = lastUsed.get();
        refreshLock.lock();
        try {
            if (token == used) {
                token = null;
            }
        } finally {
            refreshLock.unlock();
        }
        return true;
    }

    /**
     * The current access token, fetching a new one when none is cached or it is about to expire.
     *
     * @return the access token
     * @throws uk.nhs.sdk.core.error.NhsServiceException when the token endpoint refuses (the
     *     OAuth {@code error} is the exception's error code)
     */
    public Secret accessToken() {
        return current().value;
    }

    private Token current() {
        Token t = token;
        if (t != null && t.fresh(options.clock().instant(), refreshMargin)) {
            return t;
        }
        refreshLock.lock();
        try {
            t = token;
            if (t != null && t.fresh(options.clock().instant(), refreshMargin)) {
                return t;
            }
            t = fetch();
            token = t;
            return t;
        } finally {
            refreshLock.unlock();
        }
    }

    /**
     * When the cached token expires.
     *
     * @return the expiry, when a token is cached
     */
    public java.util.Optional<Instant> tokenExpiry() {
        Token t = token;
        return t == null ? java.util.Optional.empty() : java.util.Optional.of(t.expiresAt);
    }

    private Token fetch() {
        Instant requestedAt = options.clock().instant();
        NhsRequest request = NhsRequest.builder("POST", tokenPath)
                .idempotency(Idempotency.KEYED)
                .body(new AssertionBody())
                .build();
        try (NhsResponse response = http.execute(request)) {
            JsonNode body;
            try {
                body = Json.tree(response.body());
            } catch (IOException e) {
                throw new NhsDecodeException("the token response is not JSON", response.details(), e);
            }
            String accessToken = body.path("access_token").asText("");
            long expiresIn = parseLong(body.path("expires_in"));
            if (accessToken.isEmpty() || expiresIn <= 0) {
                throw new NhsDecodeException("the token response has no access_token or expires_in",
                        response.details(), null);
            }
            return new Token(Secret.of(accessToken), requestedAt.plusSeconds(expiresIn));
        }
    }

    /** {@code expires_in} and {@code issued_at} arrive as JSON strings; accept numbers too. */
    private static long parseLong(JsonNode n) {
        if (n.isNumber()) {
            return n.asLong();
        }
        try {
            return Long.parseLong(n.asText("").strip());
        } catch (NumberFormatException e) {
            return -1;
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
            String assertion = ClientAssertion.sign(apiKey.reveal(), keyId, privateKey, tokenUrl.toString(),
                    options.clock().instant());
            String form = "grant_type=client_credentials"
                    + "&client_assertion_type=" + URLEncoder.encode(
                            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                    + "&client_assertion=" + assertion;
            out.write(form.getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Override
    public String toString() {
        return "SignedJwtAuth[tokenUrl=" + tokenUrl + ", kid=" + keyId + "]";
    }

    private static final class Token {
        final Secret value;
        final Instant expiresAt;

        Token(Secret value, Instant expiresAt) {
            this.value = value;
            this.expiresAt = expiresAt;
        }

        boolean fresh(Instant now, Duration margin) {
            return now.isBefore(expiresAt.minus(margin));
        }
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
        private NhsClientOptions options = NhsClientOptions.defaults();
        private NhsHttpTransport transport;

        private Builder() {
        }

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
                throw new IllegalArgumentException("refreshMargin must be zero or positive");
            }
            this.refreshMargin = value;
            return this;
        }

        /**
         * Sets the options of the token client (timeouts, retries, clock).
         *
         * @param value the options
         * @return this builder
         */
        public Builder options(NhsClientOptions value) {
            this.options = Objects.requireNonNull(value, "options");
            return this;
        }

        /**
         * Shares a transport with the SDK's other clients.
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
