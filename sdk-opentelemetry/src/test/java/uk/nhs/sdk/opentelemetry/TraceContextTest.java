package uk.nhs.sdk.opentelemetry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.http.PipelinePosition;

/**
 * The caller's span is the parent; the call and attempt spans are current while the pipeline runs
 * and no longer after, whatever the outcome; W3C trace context goes out only when asked for.
 */
class TraceContextTest extends PdsWireMock {

    private List<LoggedRequest> requests() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo(path("/Patient/9000000009"))));
    }

    @Test
    void byDefaultNoTraceContextIsSent() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(patient()));

        pds().getPatient(FULL);

        assertThat(NhsTracing.of(traces.openTelemetry).propagatesTraceContext()).isFalse();
        assertThat(requests()).singleElement().satisfies(r -> {
            assertThat(r.containsHeader("traceparent")).isFalse();
            assertThat(r.containsHeader("tracestate")).isFalse();
        });
        assertThat(traces.sdkSpans()).hasSize(2);
    }

    @Test
    void whenAskedEachAttemptCarriesTheTraceAndItsOwnSpanAsParent() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009")))
                .inScenario("s")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(fhir(503, "SERVICE_UNAVAILABLE.json"))
                .willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009")))
                .inScenario("s")
                .whenScenarioStateIs("ok")
                .willReturn(patient()));
        NhsTracing tracing = NhsTracing.builder(traces.openTelemetry)
                .propagateTraceContext(true)
                .build();
        Span parent =
                traces.openTelemetry.getTracer("caller").spanBuilder("caller").startSpan();
        Context withState = Context.current()
                .with(Span.wrap(io.opentelemetry.api.trace.SpanContext.create(
                        parent.getSpanContext().getTraceId(),
                                parent.getSpanContext().getSpanId(),
                        parent.getSpanContext().getTraceFlags(),
                                TraceState.builder().put("nhs", "t61rcWkgMzE").build())));

        Scope scope = withState.makeCurrent();
        try {
            pds(tracing, options()).getPatient(FULL);
        } finally {
            scope.close();
            parent.end();
        }

        assertThat(tracing.propagatesTraceContext()).isTrue();
        List<SpanData> attempts = traces.attemptSpans();
        List<LoggedRequest> sent = requests();
        assertThat(attempts).hasSize(2);
        assertThat(sent).hasSize(2);
        for (int i = 0; i < 2; i++) {
            SpanData attempt = attempts.get(i);
            assertThat(sent.get(i).getHeader("traceparent"))
                    .isEqualTo("00-" + attempt.getTraceId() + "-" + attempt.getSpanId() + "-"
                            + attempt.getSpanContext().getTraceFlags().asHex());
            assertThat(sent.get(i).getHeader("tracestate")).isEqualTo("nhs=t61rcWkgMzE");
        }
        assertThat(traces.callSpan().getTraceId())
                .isEqualTo(parent.getSpanContext().getTraceId());
    }

    @Test
    void theCallersSpanIsTheParentAndIsCurrentAgainAfterAFailedCall() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009")))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Span parent = traces.openTelemetry
                .getTracer("caller")
                .spanBuilder("GET /patients/{id}")
                .setSpanKind(SpanKind.SERVER)
                .startSpan();

        Scope scope = parent.makeCurrent();
        try {
            NhsTransportException e = catchThrowableOfType(NhsTransportException.class, () -> pds().getPatient(FULL));
            assertThat(e).isNotNull();
            assertThat(Span.current()).as("the SDK's scopes are closed").isSameAs(parent);
        } finally {
            scope.close();
            parent.end();
        }

        assertThat(Span.current().getSpanContext().isValid()).isFalse();
        SpanData call = traces.callSpan();
        assertThat(call.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
        assertThat(call.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
        assertThat(traces.attemptSpans())
                .hasSize(3)
                .allSatisfy(s -> assertThat(s.hasEnded()).isTrue());
    }

    @Test
    void theCallSpanIsCurrentForLaterPerCallPoliciesAndTheAttemptSpanForLaterPerAttemptPolicies() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(patient()));
        List<String> seenPerCall = new CopyOnWriteArrayList<>();
        List<String> seenPerAttempt = new CopyOnWriteArrayList<>();
        NhsClientOptions.Builder options = NhsTracing.of(traces.openTelemetry)
                .applyTo(options())
                .addPolicy(PipelinePosition.PER_CALL, (call, next) -> {
                    seenPerCall.add(Span.current().getSpanContext().getSpanId());
                    return next.process();
                })
                .addPolicy(PipelinePosition.PER_ATTEMPT, (call, next) -> {
                    seenPerAttempt.add(Span.current().getSpanContext().getSpanId());
                    return next.process();
                });

        uk.nhs.sdk.identity.pds.PdsClient.builder()
                .baseUrl(java.net.URI.create(server.baseUrl() + BASE))
                .options(options.build())
                .build()
                .getPatient(FULL);

        assertThat(seenPerCall).containsExactly(traces.callSpan().getSpanId());
        assertThat(seenPerAttempt).containsExactly(traces.attemptSpans().get(0).getSpanId());
    }

    @Test
    void aPropagatedHeaderTheSdkCannotSendIsLeftOutAndTheCallGoesOn() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(patient()));
        TextMapPropagator unsendable = new TextMapPropagator() {
            @Override
            public java.util.Collection<String> fields() {
                return List.of("x-baggage-like");
            }

            @Override
            public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
                setter.set(carrier, "x-baggage-like", "line one\r\nX-Injected: yes");
            }

            @Override
            public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
                return context;
            }
        };
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(traces.exporter))
                        .build())
                .setPropagators(ContextPropagators.create(
                        TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(), unsendable)))
                .build();

        pds(NhsTracing.builder(otel).propagateTraceContext(true).build(), options())
                .getPatient(FULL);

        assertThat(requests()).singleElement().satisfies(r -> {
            assertThat(r.containsHeader("traceparent")).isTrue();
            assertThat(r.containsHeader("x-baggage-like")).isFalse();
            assertThat(r.containsHeader("X-Injected")).isFalse();
        });
        assertThat(traces.attemptSpans())
                .singleElement()
                .satisfies(s -> assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET));
        otel.close();
    }

    @Test
    void theCallersBaggageIsNeverSentEvenWhenThePropagatorsIncludeBaggage() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(patient()));
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(traces.exporter))
                        .build())
                .setPropagators(ContextPropagators.create(TextMapPropagator.composite(
                        W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())))
                .build();
        Baggage baggage = Baggage.builder()
                .put("patient.nhs_number", "9000000009")
                .put("user.id", "jsmith")
                .build();

        Scope scope = Context.current().with(baggage).makeCurrent();
        try {
            pds(NhsTracing.builder(otel).propagateTraceContext(true).build(), options())
                    .getPatient(FULL);
        } finally {
            scope.close();
            otel.close();
        }

        assertThat(requests()).singleElement().satisfies(r -> {
            assertThat(r.containsHeader("traceparent")).isTrue();
            assertThat(r.containsHeader("baggage"))
                    .as("the caller's baggage, sent to an NHS API")
                    .isFalse();
            assertThat(r.getHeaders().all().toString())
                    .doesNotContain("9000000009")
                    .doesNotContain("jsmith");
        });
    }

    @Test
    void aPropagatorThatThrowsNeverFailsTheCall() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(patient()));
        TextMapPropagator broken = new TextMapPropagator() {
            @Override
            public java.util.Collection<String> fields() {
                return List.of("x-broken");
            }

            @Override
            public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
                throw new IllegalStateException("propagator bug");
            }

            @Override
            public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
                return context;
            }
        };
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(traces.exporter))
                        .build())
                .setPropagators(ContextPropagators.create(broken))
                .build();

        pds(NhsTracing.builder(otel).propagateTraceContext(true).build(), options())
                .getPatient(FULL);

        assertThat(requests()).hasSize(1);
        assertThat(traces.attemptSpans())
                .singleElement()
                .satisfies(s -> assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET));
        otel.close();
    }
}
