package uk.nhs.sdk.core.http;

import java.net.InetAddress;
import java.net.URI;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import uk.nhs.sdk.core.CallOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.auth.AuthProvider;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.internal.http.HeaderValues;
import uk.nhs.sdk.core.internal.http.Pipeline;

/**
 * The HTTP client a service client is built on: one service, one base URL, one auth provider,
 * the full pipeline (request id, correlation id, user agent, rate limiter, circuit breaker,
 * retries, per-attempt auth and logging).
 *
 * <p>Immutable and thread-safe; build once and share. Service clients (PDS, MESH, ...) use it;
 * applications normally use those clients instead. Closing it releases the connection pool it
 * created, never a {@link NhsHttpTransport} it was given.
 *
 * <pre>{@code
 * NhsHttpClient http = NhsHttpClient.builder()
 *     .serviceName("PDS")
 *     .baseUrl(NhsEnvironment.INTEGRATION.apiBaseUrl("personal-demographics/FHIR/R4"))
 *     .auth(signedJwtAuth)
 *     .build();
 * try (NhsResponse r = http.execute(NhsRequest.builder("GET", "/Patient/{id}").pathParam("id", n).build())) {
 *     ...
 * }
 * }</pre>
 */
public final class NhsHttpClient implements AutoCloseable {
    private final String serviceName;
    private final URI baseUrl;
    private final NhsClientOptions options;
    private final Pipeline pipeline;
    private final NhsHttpTransport ownTransport;
    private final CallOptions callOptions;
    /** Shared with the views of this client: closing the client closes them too. */
    private final AtomicBoolean closed;

    private final boolean view;

    private NhsHttpClient(Builder b) {
        this.serviceName = b.serviceName;
        this.baseUrl = b.baseUrl;
        this.options = b.options;
        this.ownTransport = b.transport == null ? NhsHttpTransport.create(b.options) : null;
        NhsHttpTransport transport = b.transport != null ? b.transport : ownTransport;
        okhttp3.OkHttpClient ok = transport.derive(b.options);
        if (!b.replayOnConnectionFailure) {
            ok = ok.newBuilder().retryOnConnectionFailure(false).build();
        }
        this.pipeline = new Pipeline(
                b.serviceName, b.baseUrl, b.options, ok, b.auth, b.errorDecoder, b.correlationId, b.defaultHeaders);
        this.callOptions = CallOptions.none();
        this.closed = new AtomicBoolean();
        this.view = false;
    }

    private NhsHttpClient(NhsHttpClient base, CallOptions callOptions) {
        this.serviceName = base.serviceName;
        this.baseUrl = base.baseUrl;
        this.options = base.options;
        this.pipeline = base.pipeline;
        this.ownTransport = null;
        this.callOptions = callOptions;
        this.closed = base.closed;
        this.view = true;
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
     * Executes a call through the pipeline.
     *
     * @param request the call
     * @return the 2xx response; close it when the request asked for a streamed body
     * @throws uk.nhs.sdk.core.error.NhsServiceException for an error status after retries
     * @throws uk.nhs.sdk.core.error.NhsTransportException when no usable response arrived
     * @throws uk.nhs.sdk.core.error.NhsServiceUnavailableException when the circuit is open or
     *     the rate limit refused the call
     * @throws NhsSdkException when this client (or the client this view came from) was closed
     */
    public NhsResponse execute(NhsRequest request) {
        Objects.requireNonNull(request, "request");
        if (closed.get()) {
            throw new NhsSdkException(serviceName + " client was closed");
        }
        return pipeline.execute(request, callOptions);
    }

    /**
     * A view of this client whose calls use the given overrides (deadline, headers, correlation
     * id). The view shares this client's connections, auth, circuit breaker and retry budget;
     * closing the view releases nothing.
     *
     * @param value the overrides
     * @return the view
     */
    public NhsHttpClient withCallOptions(CallOptions value) {
        return new NhsHttpClient(this, Objects.requireNonNull(value, "callOptions"));
    }

    /**
     * The pipeline's steps in the order they run: the built-in steps by name ({@code request-id},
     * {@code correlation-id}, {@code user-agent}, {@code rate-limiter}, {@code circuit-breaker},
     * {@code retry}, {@code auth}, {@code logging}, {@code transport}) and the caller's policies by
     * class name, where {@link NhsClientOptions.Builder#addPolicy} put them.
     *
     * @return an unmodifiable list of step names
     */
    public java.util.List<String> pipelineSteps() {
        return java.util.List.copyOf(pipeline.stepNames());
    }

    /**
     * Releases the connection pool and threads this client created; a transport given to the
     * builder is left open for its other clients. Calls after closing, through this client or its
     * views, fail with {@link NhsSdkException}; closing a view releases nothing and changes nothing.
     */
    @Override
    public void close() {
        if (view) {
            return;
        }
        closed.set(true);
        if (ownTransport != null) {
            ownTransport.close();
        }
    }

    /**
     * The service name used in logs and errors.
     *
     * @return the name
     */
    public String serviceName() {
        return serviceName;
    }

    /**
     * The base URL paths are appended to.
     *
     * @return the base URL
     */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * The options.
     *
     * @return the options
     */
    public NhsClientOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return "NhsHttpClient[" + serviceName + " " + baseUrl + "]";
    }

    /**
     * Whether a host names this machine's loopback interface, without any DNS lookup.
     *
     * @param host the URL's host, possibly bracketed IPv6
     * @return {@code true} for localhost, 127.0.0.0/8 and ::1
     */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false; // a name other than localhost: never resolved here
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /**
     * Builds an {@link NhsHttpClient}.
     */
    public static final class Builder {
        private String serviceName;
        private URI baseUrl;
        private NhsClientOptions options = NhsClientOptions.defaults();
        private NhsHttpTransport transport;
        private AuthProvider auth = AuthProvider.none();
        private ErrorDecoder errorDecoder = ErrorDecoder.fhir();
        private String correlationId;
        private boolean replayOnConnectionFailure = true;
        private final List<Map.Entry<String, String>> defaultHeaders = new ArrayList<>();

        private Builder() {}

        /**
         * Sets the service name (required), such as {@code PDS}.
         *
         * @param value the name
         * @return this builder
         */
        public Builder serviceName(String value) {
            this.serviceName = Objects.requireNonNull(value, "serviceName");
            return this;
        }

        /**
         * Sets the base URL (required).
         *
         * @param value an absolute http or https URL
         * @return this builder
         */
        public Builder baseUrl(URI value) {
            this.baseUrl = Objects.requireNonNull(value, "baseUrl");
            return this;
        }

        /**
         * Sets the options.
         *
         * @param value the options
         * @return this builder
         */
        public Builder options(NhsClientOptions value) {
            this.options = Objects.requireNonNull(value, "options");
            return this;
        }

        /**
         * Shares a transport (connection pool) with other clients.
         *
         * @param value the transport
         * @return this builder
         */
        public Builder transport(NhsHttpTransport value) {
            this.transport = value;
            return this;
        }

        /**
         * Sets the auth provider (default: none).
         *
         * @param value the provider
         * @return this builder
         */
        public Builder auth(AuthProvider value) {
            this.auth = Objects.requireNonNull(value, "auth");
            return this;
        }

        /**
         * Sets the error body decoder (default: FHIR OperationOutcome).
         *
         * @param value the decoder
         * @return this builder
         */
        public Builder errorDecoder(ErrorDecoder value) {
            this.errorDecoder = Objects.requireNonNull(value, "errorDecoder");
            return this;
        }

        /**
         * Sets the default {@code X-Correlation-ID}.
         *
         * @param value the id (1 to 8,192 visible ASCII characters or spaces), or {@code null}
         * @return this builder
         * @throws uk.nhs.sdk.core.error.NhsValidationException when the id cannot be sent in a
         *     header
         */
        public Builder correlationId(String value) {
            this.correlationId = NhsRequest.Builder.correlationIdOrNull(value);
            return this;
        }

        /**
         * Whether the HTTP layer may silently re-send a request, unchanged and within the same
         * attempt, when a connection fails (default {@code true}; never for
         * {@link Idempotency#NONE} requests). Turn it off when every transmission must carry
         * fresh credentials, such as MESH's NHSMESH header, which is valid for one request only:
         * such failures then go through the retry policy, and each retry is authenticated afresh
         * by the {@link AuthProvider}.
         *
         * @param value {@code false} to make every transmission a counted, freshly authenticated
         *     attempt
         * @return this builder
         */
        public Builder replayOnConnectionFailure(boolean value) {
            this.replayOnConnectionFailure = value;
            return this;
        }

        /**
         * Adds a header sent with every request.
         *
         * @param name the name, an HTTP token
         * @param value the value: visible ASCII and spaces, at most 8,192 characters
         * @return this builder
         * @throws uk.nhs.sdk.core.error.NhsValidationException when the name or value cannot be
         *     sent in a header
         */
        public Builder defaultHeader(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            HeaderValues.check("defaultHeader", name, value);
            defaultHeaders.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client
         * @throws NhsConfigurationException when the service name or base URL is missing, the
         *     base URL is not http(s), or it is plain http to a host other than loopback without the
         *     caller's opt-in
         */
        public NhsHttpClient build() {
            if (serviceName == null) {
                throw new NhsConfigurationException("serviceName is required");
            }
            if (baseUrl == null) {
                throw new NhsConfigurationException(serviceName + ": a base URL (or environment) is required");
            }
            String scheme = baseUrl.getScheme();
            if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
                throw new NhsConfigurationException(serviceName + ": the base URL must be http or https");
            }
            if (okhttp3.HttpUrl.parse(baseUrl.toString()) == null) {
                throw new NhsConfigurationException(serviceName + ": the base URL is not a valid URL (host or port)");
            }
            if ("http".equalsIgnoreCase(scheme)
                    && !isLoopback(baseUrl.getHost())
                    && !options.plaintextHttpToRemoteHostsAllowed()) {
                throw new NhsConfigurationException(serviceName + ": plain http:// is allowed only to a loopback host"
                        + " (localhost, 127.0.0.0/8, ::1); use https://, or opt in with"
                        + " NhsClientOptions.Builder.allowPlaintextHttpToRemoteHosts(true)");
            }
            return new NhsHttpClient(this);
        }
    }
}
