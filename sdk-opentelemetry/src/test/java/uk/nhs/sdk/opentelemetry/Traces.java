package uk.nhs.sdk.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenTelemetry SDK that keeps every finished span in memory (the SDK's own
 * {@link InMemorySpanExporter} behind a {@code SimpleSpanProcessor}), with the W3C trace context
 * propagator, and the checks the tests share.
 */
final class Traces implements AutoCloseable {
    final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final AtomicInteger open = new AtomicInteger();
    final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(new OpenSpans(open))
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();

    /** How many spans were started and not yet ended: a span left open is never exported. */
    int openSpans() {
        return open.get();
    }

    /** Finished spans, in the order they started. */
    List<SpanData> spans() {
        List<SpanData> spans = new ArrayList<>(exporter.getFinishedSpanItems());
        spans.sort(Comparator.comparingLong(SpanData::getStartEpochNanos));
        return spans;
    }

    /** The one call span (the SDK's span whose parent is not another SDK span). */
    SpanData callSpan() {
        List<SpanData> calls = sdkSpans().stream()
                .filter(s -> sdkSpans().stream().noneMatch(p -> p.getSpanId().equals(s.getParentSpanId())))
                .toList();
        assertThat(calls).as("one call span").hasSize(1);
        return calls.get(0);
    }

    /** The attempt spans, children of the call span, in order. */
    List<SpanData> attemptSpans() {
        SpanData call = callSpan();
        return sdkSpans().stream()
                .filter(s -> s.getParentSpanId().equals(call.getSpanId()))
                .toList();
    }

    /** Spans from this module's tracer. */
    List<SpanData> sdkSpans() {
        return spans().stream()
                .filter(s -> s.getInstrumentationScopeInfo().getName().equals(NhsTracing.INSTRUMENTATION_NAME))
                .toList();
    }

    /**
     * Fails when a span name, status description, attribute value, event name or event attribute
     * of any span holds one of the values.
     */
    void assertNothingHolds(String... values) {
        List<String> texts = texts();
        assertThat(texts).as("every exported string").isNotEmpty();
        for (String value : values) {
            assertThat(texts).as("exported strings holding a forbidden value").noneMatch(t -> t.contains(value));
        }
    }

    /** Every string a span carries: its name, status description, attribute keys and values, events. */
    List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (SpanData s : spans()) {
            texts.add(s.getName());
            texts.add(s.getStatus().getDescription());
            add(s.getAttributes(), texts);
            for (EventData e : s.getEvents()) {
                texts.add(e.getName());
                add(e.getAttributes(), texts);
            }
        }
        return texts;
    }

    private static void add(Attributes attributes, List<String> texts) {
        attributes.forEach((k, v) -> {
            texts.add(k.getKey());
            texts.add(String.valueOf(v));
        });
    }

    /** A call span (it carries {@code nhs.attempts}) is INTERNAL, an attempt span CLIENT. */
    static void assertClient(SpanData span, String name) {
        boolean call =
                span.getAttributes().get(io.opentelemetry.api.common.AttributeKey.longKey("nhs.attempts")) != null;
        assertThat(span.getKind())
                .as(call ? "call span" : "attempt span")
                .isEqualTo(call ? SpanKind.INTERNAL : SpanKind.CLIENT);
        assertThat(span.getName()).isEqualTo(name);
        assertThat(span.hasEnded()).isTrue();
    }

    /** Counts every span started and every span ended. */
    private static final class OpenSpans implements SpanProcessor {
        private final AtomicInteger open;

        OpenSpans(AtomicInteger open) {
            this.open = open;
        }

        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
            open.incrementAndGet();
        }

        @Override
        public boolean isStartRequired() {
            return true;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            open.decrementAndGet();
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }
    }

    @Override
    public void close() {
        openTelemetry.close();
    }
}
