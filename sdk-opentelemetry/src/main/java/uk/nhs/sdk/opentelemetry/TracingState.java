package uk.nhs.sdk.opentelemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Optional;

/**
 * What the policies and the event listener of one {@link NhsTracing} share: the tracer, the key
 * under which the call span is stored on the call and in the context, and the propagator when
 * trace context propagation is on.
 *
 * @param tracer the tracer
 * @param attributeKey the call attribute holding the call span
 * @param callSpanKey the context key marking the current call span, for events that carry no call
 * @param propagator the propagator, present only when propagation is on
 */
record TracingState(
        Tracer tracer, String attributeKey, ContextKey<Span> callSpanKey, Optional<TextMapPropagator> propagator) {}
