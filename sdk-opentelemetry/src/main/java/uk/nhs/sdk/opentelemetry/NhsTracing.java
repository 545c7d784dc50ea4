package uk.nhs.sdk.opentelemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.http.PipelinePosition;

/**
 * OpenTelemetry tracing for the SDK's clients: an INTERNAL span per logical call and a child CLIENT
 * span per attempt (per HTTP request), following the OpenTelemetry HTTP client semantic conventions, plus the NHS
 * attributes {@code nhs.service}, {@code nhs.request_id} ({@code X-Request-ID}),
 * {@code nhs.error_code} (documented codes only) and {@code nhs.outcome_unknown}.
 *
 * <pre>{@code
 * NhsTracing tracing = NhsTracing.of(openTelemetry);
 * NhsClientOptions options = tracing.applyTo(NhsClientOptions.builder()).build();
 * try (PdsClient pds = PdsClient.builder().environment(NhsEnvironment.SANDBOX).options(options).build()) {
 *     pds.getPatient(nhsNumber);   // spans "GET /Patient/{id}": the call and each attempt
 * }
 * }</pre>
 *
 * <p>Spans are named {@code {method} {url.template}} with the request's path template
 * ({@code GET /Patient/{id}}): no span name, attribute or event ever holds a path value (an NHS
 * number), a query value, a body, a token or a header value other than {@code X-Request-ID};
 * {@code url.full} is not set. The call span is current while the call runs (retries, waits and
 * token fetches included) and is a child of the caller's current span.
 *
 * <p>W3C trace context ({@code traceparent}, {@code tracestate}) is sent on outgoing requests only
 * when {@link Builder#propagateTraceContext(boolean)} is on: the NHS APIs do not need it. Baggage
 * is never sent.
 *
 * <p>Immutable and thread-safe; one instance may trace any number of clients.
 */
public final class NhsTracing {
    /** The instrumentation scope name of the SDK's spans. */
    static final String INSTRUMENTATION_NAME = "uk.nhs.sdk.opentelemetry";

    private static final AtomicLong INSTANCES = new AtomicLong();

    private final TracingState state;

    private NhsTracing(Builder b) {
        TracerBuilder tracerBuilder = b.openTelemetry.tracerBuilder(INSTRUMENTATION_NAME);
        String version = NhsTracing.class.getPackage().getImplementationVersion();
        if (version != null) {
            tracerBuilder.setInstrumentationVersion(version);
        }
        Tracer tracer = tracerBuilder.build();
        ContextKey<Span> key = ContextKey.named("nhs-sdk-call-span");
        String attributeKey = INSTRUMENTATION_NAME + ".callSpan#" + INSTANCES.incrementAndGet();
        Optional<TextMapPropagator> propagator =
                b.propagate ? Optional.of(b.openTelemetry.getPropagators().getTextMapPropagator()) : Optional.empty();
        this.state = new TracingState(tracer, attributeKey, key, propagator);
    }

    /**
     * Tracing with the given OpenTelemetry, without trace context propagation.
     *
     * @param openTelemetry the OpenTelemetry instance whose tracer provider receives the spans
     * @return the tracing
     * @throws NullPointerException when {@code openTelemetry} is {@code null}
     */
    public static NhsTracing of(OpenTelemetry openTelemetry) {
        return builder(openTelemetry).build();
    }

    /**
     * A builder, for trace context propagation.
     *
     * @param openTelemetry the OpenTelemetry instance whose tracer provider receives the spans and
     *     whose propagators write the trace context headers
     * @return the builder
     * @throws NullPointerException when {@code openTelemetry} is {@code null}
     */
    public static Builder builder(OpenTelemetry openTelemetry) {
        return new Builder(Objects.requireNonNull(openTelemetry, "openTelemetry"));
    }

    /**
     * Adds the tracing to client options: a per-call policy (the call span), a per-attempt policy
     * (the attempt spans, and the trace context headers when propagation is on) and a
     * {@link uk.nhs.sdk.core.http.PipelineEvents} listener (span events). Apply it once per
     * options builder.
     *
     * @param options the options builder
     * @return {@code options}, for chaining
     * @throws NullPointerException when {@code options} is {@code null}
     */
    public NhsClientOptions.Builder applyTo(NhsClientOptions.Builder options) {
        Objects.requireNonNull(options, "options");
        return options.addPolicy(PipelinePosition.PER_CALL, new CallSpanPolicy(state))
                .addPolicy(PipelinePosition.PER_ATTEMPT, new AttemptSpanPolicy(state))
                .addEvents(new SpanEvents(state));
    }

    /**
     * Whether this tracing writes W3C trace context onto outgoing requests.
     *
     * @return {@code true} when propagation is on
     */
    public boolean propagatesTraceContext() {
        return state.propagator().isPresent();
    }

    @Override
    public String toString() {
        return "NhsTracing[propagateTraceContext=" + propagatesTraceContext() + "]";
    }

    /**
     * Builds an {@link NhsTracing}.
     */
    public static final class Builder {
        private final OpenTelemetry openTelemetry;
        private boolean propagate;

        private Builder(OpenTelemetry openTelemetry) {
            this.openTelemetry = openTelemetry;
        }

        /**
         * Whether to send the trace context on every attempt, through the OpenTelemetry
         * instance's propagators (W3C {@code traceparent} and {@code tracestate} by default; the
         * parent is the attempt's span). Default {@code false}: the NHS APIs do not need it. The
         * caller's baggage is never sent, even when the propagators include a baggage propagator:
         * it can hold user or patient identifiers.
         *
         * @param value {@code true} to propagate
         * @return this builder
         */
        public Builder propagateTraceContext(boolean value) {
            this.propagate = value;
            return this;
        }

        /**
         * Builds the tracing.
         *
         * @return the tracing
         */
        public NhsTracing build() {
            return new NhsTracing(this);
        }
    }
}
