package uk.nhs.sdk.core;

import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.internal.http.HeaderValues;

/**
 * Overrides for the calls made through one view of a client, without building a new client:
 * a deadline, extra headers, a correlation id. Every service client has a
 * {@code withCallOptions(CallOptions)} method returning such a view, which shares the client's
 * connection pool, auth, circuit breaker and retry budget.
 *
 * <pre>{@code
 * CallOptions urgent = CallOptions.builder()
 *     .deadline(Duration.ofSeconds(5))
 *     .correlationId("ward-round-42")
 *     .header("X-Tenant", "north")
 *     .build();
 * RetrievedPatient p = pds.withCallOptions(urgent).getPatient(nhsNumber);
 * }</pre>
 */
public final class CallOptions {
    private static final CallOptions NONE = builder().build();

    private final Duration deadline;
    private final String correlationId;
    private final List<Map.Entry<String, String>> headers;

    private CallOptions(Builder b) {
        this.deadline = b.deadline;
        this.correlationId = b.correlationId;
        this.headers = List.copyOf(b.headers);
    }

    /**
     * No overrides.
     *
     * @return the empty options
     */
    public static CallOptions none() {
        return NONE;
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
     * The deadline of each call, replacing {@link NhsClientOptions#deadline()}.
     *
     * @return the deadline, if overridden
     */
    public Optional<Duration> deadline() {
        return Optional.ofNullable(deadline);
    }

    /**
     * The {@code X-Correlation-ID} of each call, replacing the client's.
     *
     * @return the id, if overridden
     */
    public Optional<String> correlationId() {
        return Optional.ofNullable(correlationId);
    }

    /**
     * Headers added to each call, after the service's own (a header of the same name replaces the
     * service's).
     *
     * @return an unmodifiable list of name/value pairs
     */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /**
     * Header names only: values may be sensitive.
     *
     * @return a description
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CallOptions[deadline=")
                .append(deadline)
                .append(", correlationId=")
                .append(correlationId == null ? "-" : "set")
                .append(", headers=[");
        for (int i = 0; i < headers.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(headers.get(i).getKey());
        }
        return sb.append("]]").toString();
    }

    /**
     * Builds {@link CallOptions}.
     */
    public static final class Builder {
        private Duration deadline;
        private String correlationId;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();

        private Builder() {}

        /**
         * Sets the deadline of each call.
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
         * Sets the {@code X-Correlation-ID} of each call.
         *
         * @param value the id: 1 to 200 visible ASCII characters
         * @return this builder
         * @throws NhsValidationException when the id is empty, too long or not visible ASCII
         */
        public Builder correlationId(String value) {
            Objects.requireNonNull(value, "correlationId");
            if (!HeaderValues.isToken(value, 200)) {
                throw new NhsValidationException("correlationId", "must be 1 to 200 visible ASCII characters");
            }
            this.correlationId = value;
            return this;
        }

        /**
         * Adds a header to each call.
         *
         * @param name an HTTP token, such as {@code X-Tenant}
         * @param value visible ASCII and spaces, at most 8,192 characters
         * @return this builder
         * @throws NhsValidationException when the name or value is not valid in an HTTP header
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            HeaderValues.check("header", name, value);
            headers.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public CallOptions build() {
            return new CallOptions(this);
        }
    }
}
