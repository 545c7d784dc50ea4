package uk.nhs.sdk.core;

import java.net.ProxySelector;
import java.time.Clock;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.http.PipelineEvents;
import uk.nhs.sdk.core.http.PipelinePolicy;
import uk.nhs.sdk.core.http.PipelinePosition;
import uk.nhs.sdk.core.http.TlsConfig;

/**
 * How every client of an SDK instance talks to the network: timeouts, retries, circuit breaker,
 * rate limit, proxy, TLS, the application id in the {@code User-Agent}, and the clock and sleeper
 * (injectable so tests never wait).
 *
 * <p>All timeouts are finite by default: 10 s to connect, 30 s per attempt, 2 minutes for the
 * whole call including retries. Every buffered body has a cap: 16 MiB for a success body, 64 KiB
 * read of an error body. Plain {@code http://} is accepted only for loopback hosts unless
 * {@link Builder#allowPlaintextHttpToRemoteHosts(boolean)} says otherwise.
 *
 * <p>Your own {@link PipelinePolicy policies} (metrics, tracing, headers) are added here and run
 * in every client built with these options.
 */
public final class NhsClientOptions {
    private static final NhsClientOptions DEFAULTS = builder().build();

    private final Duration connectTimeout;
    private final Duration attemptTimeout;
    private final Duration deadline;
    private final RetryOptions retry;
    private final CircuitBreakerOptions circuitBreaker;
    private final RateLimitOptions rateLimit;
    private final ProxySelector proxySelector;
    private final TlsConfig tls;
    private final String applicationId;
    private final Clock clock;
    private final Sleeper sleeper;
    private final long maxResponseBytes;
    private final int maxErrorBodyBytes;
    private final boolean plaintextToRemoteHosts;
    private final List<Map.Entry<PipelinePosition, PipelinePolicy>> policies;
    private final List<PipelineEvents> events;

    private NhsClientOptions(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.attemptTimeout = b.attemptTimeout;
        this.deadline = b.deadline;
        this.retry = b.retry;
        this.circuitBreaker = b.circuitBreaker;
        this.rateLimit = b.rateLimit;
        this.proxySelector = b.proxySelector;
        this.tls = b.tls;
        this.applicationId = b.applicationId;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.maxResponseBytes = b.maxResponseBytes;
        this.maxErrorBodyBytes = b.maxErrorBodyBytes;
        this.plaintextToRemoteHosts = b.plaintextToRemoteHosts;
        this.policies = List.copyOf(b.policies);
        this.events = List.copyOf(b.events);
    }

    /**
     * The default options.
     *
     * @return the defaults
     */
    public static NhsClientOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from these options.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.connectTimeout = connectTimeout;
        b.attemptTimeout = attemptTimeout;
        b.deadline = deadline;
        b.retry = retry;
        b.circuitBreaker = circuitBreaker;
        b.rateLimit = rateLimit;
        b.proxySelector = proxySelector;
        b.tls = tls;
        b.applicationId = applicationId;
        b.clock = clock;
        b.sleeper = sleeper;
        b.maxResponseBytes = maxResponseBytes;
        b.maxErrorBodyBytes = maxErrorBodyBytes;
        b.plaintextToRemoteHosts = plaintextToRemoteHosts;
        b.policies.addAll(policies);
        b.events.addAll(events);
        return b;
    }

    /**
     * The time allowed to open a connection.
     *
     * @return the connect timeout
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * The time allowed for one attempt, from sending to the end of the body; for streamed bodies,
     * the longest silence between reads.
     *
     * @return the attempt timeout
     */
    public Duration attemptTimeout() {
        return attemptTimeout;
    }

    /**
     * The time allowed for the whole call, retries and waits included.
     *
     * @return the deadline
     */
    public Duration deadline() {
        return deadline;
    }

    /**
     * The retry options.
     *
     * @return the retry options
     */
    public RetryOptions retry() {
        return retry;
    }

    /**
     * The circuit breaker options.
     *
     * @return the options
     */
    public CircuitBreakerOptions circuitBreaker() {
        return circuitBreaker;
    }

    /**
     * The client-side rate limit.
     *
     * @return the limit, when one is set
     */
    public Optional<RateLimitOptions> rateLimit() {
        return Optional.ofNullable(rateLimit);
    }

    /**
     * The proxy selector.
     *
     * @return the selector, when one is set
     */
    public Optional<ProxySelector> proxySelector() {
        return Optional.ofNullable(proxySelector);
    }

    /**
     * The TLS configuration (trust and, for mutual TLS, the client key).
     *
     * @return the configuration, when one is set; otherwise the JVM's default trust is used
     */
    public Optional<TlsConfig> tls() {
        return Optional.ofNullable(tls);
    }

    /**
     * The caller's application id, appended to the {@code User-Agent}.
     *
     * @return the id, when set
     */
    public Optional<String> applicationId() {
        return Optional.ofNullable(applicationId);
    }

    /**
     * The clock for deadlines, token expiry and signatures.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * The sleeper used between retries.
     *
     * @return the sleeper
     */
    public Sleeper sleeper() {
        return sleeper;
    }

    /**
     * The largest success body a client buffers in memory (streamed bodies are not buffered).
     *
     * @return the cap in bytes
     */
    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    /**
     * How much of an error body is read to find the service's error code; the rest is discarded.
     *
     * @return the cap in bytes
     */
    public int maxErrorBodyBytes() {
        return maxErrorBodyBytes;
    }

    /**
     * Whether plain {@code http://} may be used to hosts other than loopback.
     *
     * @return {@code true} only when the caller opted in
     */
    public boolean plaintextHttpToRemoteHostsAllowed() {
        return plaintextToRemoteHosts;
    }

    /**
     * The caller's pipeline policies, in the order they were added, with their positions.
     *
     * @return an unmodifiable list of position/policy pairs
     */
    public List<Map.Entry<PipelinePosition, PipelinePolicy>> policies() {
        return policies;
    }

    /**
     * The caller's event listeners, in the order they were added.
     *
     * @return an unmodifiable list
     */
    public List<PipelineEvents> events() {
        return events;
    }

    @Override
    public String toString() {
        return "NhsClientOptions[connectTimeout=" + connectTimeout + ", attemptTimeout=" + attemptTimeout
                + ", deadline=" + deadline + ", retry=" + retry + ", applicationId=" + applicationId + "]";
    }

    /**
     * Builds {@link NhsClientOptions}.
     */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration attemptTimeout = Duration.ofSeconds(30);
        private Duration deadline = Duration.ofMinutes(2);
        private RetryOptions retry = RetryOptions.defaults();
        private CircuitBreakerOptions circuitBreaker = CircuitBreakerOptions.defaults();
        private RateLimitOptions rateLimit;
        private ProxySelector proxySelector;
        private TlsConfig tls;
        private String applicationId;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private long maxResponseBytes = 16L * 1024 * 1024;
        private int maxErrorBodyBytes = 64 * 1024;
        private boolean plaintextToRemoteHosts;
        private final List<Map.Entry<PipelinePosition, PipelinePolicy>> policies = new ArrayList<>();
        private final List<PipelineEvents> events = new ArrayList<>();

        private Builder() {}

        /**
         * Sets the largest success body buffered in memory (default 16 MiB); a larger one ends
         * the call in {@link uk.nhs.sdk.core.error.NhsDecodeException} without reading the rest.
         *
         * @param value at least 1 byte
         * @return this builder
         */
        public Builder maxResponseBytes(long value) {
            if (value < 1) {
                throw new NhsValidationException("maxResponseBytes", "must be at least 1");
            }
            this.maxResponseBytes = value;
            return this;
        }

        /**
         * Sets how much of an error body is read (default 64 KiB); the rest is discarded.
         *
         * @param value at least 1 byte
         * @return this builder
         */
        public Builder maxErrorBodyBytes(int value) {
            if (value < 1) {
                throw new NhsValidationException("maxErrorBodyBytes", "must be at least 1");
            }
            this.maxErrorBodyBytes = value;
            return this;
        }

        /**
         * Allows plain {@code http://} to hosts other than loopback (default {@code false}).
         * Credentials and patient data then cross the network unencrypted: only for a trusted
         * local network, such as a test proxy, never for the NHS's services.
         *
         * @param value {@code true} to allow it
         * @return this builder
         */
        public Builder allowPlaintextHttpToRemoteHosts(boolean value) {
            this.plaintextToRemoteHosts = value;
            return this;
        }

        /**
         * Adds a pipeline policy; policies of one position run in the order they were added.
         *
         * @param position per call or per attempt
         * @param policy the policy
         * @return this builder
         */
        public Builder addPolicy(PipelinePosition position, PipelinePolicy policy) {
            policies.add(new AbstractMap.SimpleImmutableEntry<>(
                    Objects.requireNonNull(position, "position"), Objects.requireNonNull(policy, "policy")));
            return this;
        }

        /**
         * Adds a listener for what happens inside the pipeline (retries, rate-limit waits,
         * circuit-breaker changes, token fetches); listeners are told in the order they were added.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder addEvents(PipelineEvents listener) {
            events.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Sets the connect timeout.
         *
         * @param value a positive duration, at most 24 days
         * @return this builder
         * @throws NhsValidationException when the duration is not positive or longer than 24 days
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = RetryOptions.Builder.positive(value, "connectTimeout");
            return this;
        }

        /**
         * Sets the per-attempt timeout.
         *
         * @param value a positive duration, at most 24 days
         * @return this builder
         * @throws NhsValidationException when the duration is not positive or longer than 24 days
         */
        public Builder attemptTimeout(Duration value) {
            this.attemptTimeout = RetryOptions.Builder.positive(value, "attemptTimeout");
            return this;
        }

        /**
         * Sets the overall deadline of a call.
         *
         * @param value a positive duration, at most 24 days
         * @return this builder
         * @throws NhsValidationException when the duration is not positive or longer than 24 days
         */
        public Builder deadline(Duration value) {
            this.deadline = RetryOptions.Builder.positive(value, "deadline");
            return this;
        }

        /**
         * Sets the retry options.
         *
         * @param value the options
         * @return this builder
         */
        public Builder retry(RetryOptions value) {
            this.retry = Objects.requireNonNull(value, "retry");
            return this;
        }

        /**
         * Sets the circuit breaker options.
         *
         * @param value the options
         * @return this builder
         */
        public Builder circuitBreaker(CircuitBreakerOptions value) {
            this.circuitBreaker = Objects.requireNonNull(value, "circuitBreaker");
            return this;
        }

        /**
         * Sets a client-side rate limit.
         *
         * @param value the limit, or {@code null} for none
         * @return this builder
         */
        public Builder rateLimit(RateLimitOptions value) {
            this.rateLimit = value;
            return this;
        }

        /**
         * Sets the proxy selector.
         *
         * @param value the selector, or {@code null} for a direct connection
         * @return this builder
         */
        public Builder proxySelector(ProxySelector value) {
            this.proxySelector = value;
            return this;
        }

        /**
         * Sets the TLS configuration for this SDK instance's clients.
         *
         * @param value the configuration, or {@code null} for the JVM's default trust
         * @return this builder
         */
        public Builder tls(TlsConfig value) {
            this.tls = value;
            return this;
        }

        /**
         * Sets the application id appended to the {@code User-Agent}.
         *
         * @param value letters, digits, dots, dashes and underscores, or {@code null}
         * @return this builder
         */
        public Builder applicationId(String value) {
            if (value != null && !value.matches("[A-Za-z0-9._/-]{1,64}")) {
                throw new NhsValidationException("applicationId", "must be 1-64 of A-Z a-z 0-9 . _ / -");
            }
            this.applicationId = value;
            return this;
        }

        /**
         * Sets the clock.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Sets the sleeper used between retries.
         *
         * @param value the sleeper
         * @return this builder
         */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public NhsClientOptions build() {
            return new NhsClientOptions(this);
        }
    }
}
