package uk.nhs.sdk.opentelemetry;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.core.http.PipelineCall;
import uk.nhs.sdk.core.http.PipelineNext;
import uk.nhs.sdk.core.http.PipelinePolicy;

/**
 * The per-attempt policy: one CLIENT span per HTTP request sent, a child of the call's span, with
 * {@code http.request.resend_count} from the second attempt on and the attempt's own status (a
 * 503 that the retry step will retry is an ERROR here, whatever the call's outcome). When trace
 * context propagation is on, it injects the attempt span's context into the request's headers
 * (never the caller's baggage).
 */
final class AttemptSpanPolicy implements PipelinePolicy {
    private final TracingState tracing;

    AttemptSpanPolicy(TracingState tracing) {
        this.tracing = tracing;
    }

    @Override
    public NhsResponse process(PipelineCall call, PipelineNext next) {
        Context parent = Context.current();
        Object callSpan = call.attribute(tracing.attributeKey()).orElse(null);
        if (callSpan instanceof Span s) {
            parent = parent.with(s);
        }
        AttributesBuilder start = Attributes.builder();
        SpanAttributes.request(call, start);
        if (call.attempt() > 1) {
            start.put(SpanAttributes.HTTP_REQUEST_RESEND_COUNT, (long) (call.attempt() - 1));
        }
        Span span = tracing.tracer()
                .spanBuilder(SpanAttributes.spanName(call))
                .setSpanKind(SpanKind.CLIENT)
                .setParent(parent)
                .setAllAttributes(start.build())
                .startSpan();
        Context current = parent.with(span);
        Scope scope = current.makeCurrent();
        try {
            tracing.propagator().ifPresent(p -> inject(p, current, call));
            NhsResponse response = next.process();
            int status = response.status();
            span.setAttribute(SpanAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
            if (status >= 400) {
                span.setAttribute(SpanAttributes.ERROR_TYPE, String.valueOf(status));
                span.setStatus(StatusCode.ERROR);
            }
            return response;
        } catch (Throwable e) {
            // Throwable: a Kotlin or @SneakyThrows policy can throw a checked exception, and the span
            // must still say the call failed (a precise rethrow: nothing checked is declared)
            AttributesBuilder end = Attributes.builder();
            SpanAttributes.failure(call, e, end);
            span.setAllAttributes(end.build());
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            scope.close();
            span.end();
        }
    }

    /**
     * Writes the trace context of the attempt onto its headers, without the caller's baggage (an
     * application's baggage can hold user or patient identifiers, and is no business of an NHS
     * API). A propagator that throws is skipped: tracing never fails a call.
     */
    private static void inject(TextMapPropagator propagator, Context attempt, PipelineCall call) {
        try {
            propagator.inject(attempt.with(Baggage.empty()), call, HeaderSetter.INSTANCE);
        } catch (RuntimeException e) {
            // a broken propagator: the attempt goes out without its headers
        }
    }
}
