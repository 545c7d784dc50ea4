package uk.nhs.sdk.core;

import java.net.URI;
import java.util.Objects;
import uk.nhs.sdk.core.auth.AuthProvider;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.http.NhsHttpClient;
import uk.nhs.sdk.core.http.NhsHttpTransport;
import uk.nhs.sdk.core.internal.http.HeaderValues;

/**
 * The settings every service client's builder shares: where to call (an environment or a base
 * URL), how ({@link NhsClientOptions}), with which credentials ({@link AuthProvider}), over which
 * connection pool ({@link NhsHttpTransport}), and the default {@code X-Correlation-ID}. A service's
 * builder extends it and adds only its own settings, then calls {@link #httpClient()} in its
 * {@code build()}.
 *
 * <pre>{@code
 * public static final class Builder extends NhsClientBuilder<Builder, OdsClient> {
 *     private Builder() {
 *         super("ODS");
 *     }
 *
 *     protected URI baseUrlFor(NhsEnvironment environment) {
 *         return environment.apiBaseUrl("organisation-data-terminology-api/fhir");
 *     }
 *
 *     public OdsClient build() {
 *         return new OdsClient(httpClient().build());
 *     }
 * }
 * }</pre>
 *
 * @param <B> the service's builder type, returned by every setter
 * @param <C> the client type the builder makes
 */
public abstract class NhsClientBuilder<B extends NhsClientBuilder<B, C>, C> {
    private final String serviceName;
    private NhsEnvironment environment;
    private URI baseUrl;
    private NhsClientOptions options = NhsClientOptions.defaults();
    private NhsHttpTransport transport;
    private AuthProvider auth = AuthProvider.none();
    private String correlationId;

    /**
     * Creates the builder.
     *
     * @param serviceName the name used in logs and exceptions, such as {@code PDS}
     */
    protected NhsClientBuilder(String serviceName) {
        this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
    }

    /**
     * This builder as its own type.
     *
     * @return this
     */
    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /**
     * Sets the NHS environment the service's base URL is taken from.
     *
     * @param value the environment
     * @return this builder
     */
    public B environment(NhsEnvironment value) {
        this.environment = Objects.requireNonNull(value, "environment");
        return self();
    }

    /**
     * Sets the base URL (the embedded sandbox, a local peer or a proxy); wins over the
     * environment. Plain {@code http://} is accepted only for loopback hosts unless the options
     * allow otherwise.
     *
     * @param value an absolute http or https URL
     * @return this builder
     */
    public B baseUrl(URI value) {
        this.baseUrl = Objects.requireNonNull(value, "baseUrl");
        return self();
    }

    /**
     * Sets timeouts, retries, circuit breaker, rate limit, TLS, policies, clock and sleeper.
     *
     * @param value the options
     * @return this builder
     */
    public B options(NhsClientOptions value) {
        this.options = Objects.requireNonNull(value, "options");
        return self();
    }

    /**
     * Shares a transport (connection pool and threads) with other clients. Closing the client
     * then leaves the transport open; close it yourself when the application stops.
     *
     * @param value the transport
     * @return this builder
     */
    public B transport(NhsHttpTransport value) {
        this.transport = Objects.requireNonNull(value, "transport");
        return self();
    }

    /**
     * Sets the credentials (default: none, for the open sandbox and the embedded fakes).
     *
     * @param value the provider
     * @return this builder
     */
    public B auth(AuthProvider value) {
        this.auth = Objects.requireNonNull(value, "auth");
        return self();
    }

    /**
     * Sets the {@code X-Correlation-ID} sent with every call (a call's own, from
     * {@link CallOptions}, wins).
     *
     * @param value the id: 1 to 8,192 visible ASCII characters or spaces
     * @return this builder
     * @throws NhsValidationException when the id cannot be sent in a header
     */
    public B correlationId(String value) {
        Objects.requireNonNull(value, "correlationId");
        if (value.isEmpty() || !HeaderValues.isValue(value)) {
            throw new NhsValidationException("correlationId", "must be 1 to 8192 visible ASCII characters or spaces");
        }
        this.correlationId = value;
        return self();
    }

    /**
     * The service's base URL in an environment.
     *
     * @param environment the environment
     * @return the base URL
     */
    protected abstract URI baseUrlFor(NhsEnvironment environment);

    /**
     * Builds the client.
     *
     * @return the client
     * @throws NhsConfigurationException when a required setting is missing or wrong
     */
    public abstract C build();

    /**
     * The service name.
     *
     * @return the name
     */
    protected final String serviceName() {
        return serviceName;
    }

    /**
     * The options set so far.
     *
     * @return the options
     */
    protected final NhsClientOptions options() {
        return options;
    }

    /**
     * The credentials set so far.
     *
     * @return the provider
     */
    protected final AuthProvider auth() {
        return auth;
    }

    /**
     * The base URL: the one set, else the environment's.
     *
     * @return the URL
     * @throws NhsConfigurationException when neither was set
     */
    protected final URI resolvedBaseUrl() {
        if (baseUrl != null) {
            return baseUrl;
        }
        if (environment == null) {
            throw new NhsConfigurationException(serviceName + ": a base URL or an environment is required");
        }
        return baseUrlFor(environment);
    }

    /**
     * An HTTP client builder with the shared settings applied; the service adds its own (default
     * headers, error decoder) and builds it.
     *
     * @return the HTTP client builder
     * @throws NhsConfigurationException when neither a base URL nor an environment was set
     */
    protected final NhsHttpClient.Builder httpClient() {
        NhsHttpClient.Builder b = NhsHttpClient.builder()
                .serviceName(serviceName)
                .baseUrl(resolvedBaseUrl())
                .options(options)
                .auth(auth)
                .correlationId(correlationId);
        if (transport != null) {
            b.transport(transport);
        }
        return b;
    }
}
