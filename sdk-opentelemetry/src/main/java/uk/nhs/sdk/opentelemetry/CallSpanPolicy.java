package uk.nhs.sdk.opentelemetry;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.core.http.PipelineCall;
import uk.nhs.sdk.core.http.PipelineNext;
import uk.nhs.sdk.core.http.PipelinePolicy;

/**
 * The per-call policy: one INTERNAL span for the logical call, its retries and waits included, a
 * child of the caller's current span (INTERNAL, not CLIENT: the conventions keep CLIENT for the
 * HTTP requests themselves, so tools that count CLIENT spans count each attempt once). It is current while the rest of the pipeline runs (so the
 * attempt spans and the SDK's events find it) and ends on every path, a thrown exception included.
 */
final class CallSpanPolicy implements PipelinePolicy {
    private final TracingState tracing;

    CallSpanPolicy(TracingState tracing) {
        this.tracing = tracing;
    }

    @Override
    public NhsResponse process(PipelineCall call, PipelineNext next) {
        Context parent = Context.current();
        AttributesBuilder start = Attributes.builder();
        SpanAttributes.request(call, start);
        Span span = tracing.tracer()
                .spanBuilder(SpanAttributes.spanName(call))
                .setSpanKind(SpanKind.INTERNAL)
                .setParent(parent)
                .setAllAttributes(start.build())
                .startSpan();
        call.setAttribute(tracing.attributeKey(), span);
        Scope scope = parent.with(span).with(tracing.callSpanKey(), span).makeCurrent();
        try {
            NhsResponse response = next.process();
            span.setAttribute(SpanAttributes.HTTP_RESPONSE_STATUS_CODE, (long) response.status());
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
            span.setAttribute(SpanAttributes.NHS_ATTEMPTS, (long) call.attempt());
            span.end();
        }
    }
}
