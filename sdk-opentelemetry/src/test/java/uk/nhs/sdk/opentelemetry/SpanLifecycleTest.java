package uk.nhs.sdk.opentelemetry;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static uk.nhs.sdk.opentelemetry.SpanAttributes.ERROR_TYPE;
import static uk.nhs.sdk.opentelemetry.SpanAttributes.NHS_REQUEST_ID;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.http.PipelinePolicy;
import uk.nhs.sdk.core.http.PipelinePosition;
import uk.nhs.sdk.identity.pds.PdsClient;

/**
 * Every span the tracing starts ends, and the caller's context is current again, on every way a
 * call can end: another policy throwing (a runtime exception, an {@link Error}, a checked exception
 * thrown sneakily), an interrupted retry wait, an interrupted caller, and many threads at once.
 */
class SpanLifecycleTest extends PdsWireMock {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private PdsClient pdsWithAttemptPolicy(PipelinePolicy policy) {
        NhsClientOptions.Builder options =
                NhsTracing.of(traces.openTelemetry).applyTo(options()).addPolicy(PipelinePosition.PER_ATTEMPT, policy);
        return PdsClient.builder()
                .baseUrl(java.net.URI.create(server.baseUrl() + BASE))
                .options(options.build())
                .build();
    }

    private void assertEndedAsErrorsAndNothingCurrent() {
        assertThat(traces.openSpans()).as("spans started and never ended").isZero();
        assertThat(Span.current().getSpanContext().isValid())
                .as("a span left current on the caller's thread")
                .isFalse();
        assertThat(traces.sdkSpans()).hasSize(2).allSatisfy(s -> {
            assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(s.getAttributes().get(ERROR_TYPE)).isEqualTo("_OTHER");
        });
    }

    @Test
    void aPerAttemptPolicyThatThrowsEndsBothSpansAsErrors() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(patient()));
        PdsClient pds = pdsWithAttemptPolicy((call, next) -> {
            throw new IllegalStateException("policy bug");
        });

        assertThat(catchThrowable(() -> pds.getPatient(FULL))).isInstanceOf(IllegalStateException.class);

        assertEndedAsErrorsAndNothingCurrent();
    }

    @Test
    void anErrorThrownInTheAttemptEndsBothSpansAsErrors() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(patient()));
        PdsClient pds = pdsWithAttemptPolicy((call, next) -> {
            next.process().close();
            throw new AssertionError("after the response");
        });

        assertThat(catchThrowable(() -> pds.getPatient(FULL))).isInstanceOf(AssertionError.class);

        assertEndedAsErrorsAndNothingCurrent();
    }

    @Test
    void aCheckedExceptionThrownSneakilyStillEndsBothSpansAsErrors() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(patient()));
        PdsClient pds = pdsWithAttemptPolicy((call, next) -> {
            throw SpanLifecycleTest.<RuntimeException>sneaky(new IOException("from a Kotlin or Lombok policy"));
        });

        assertThat(catchThrowable(() -> pds.getPatient(FULL))).isInstanceOf(IOException.class);

        assertEndedAsErrorsAndNothingCurrent();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }

    @Test
    void anInterruptedRetryWaitEndsTheCallSpanAndLeavesNothingCurrent() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009")))
                .inScenario("s")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(fhir(503, "SERVICE_UNAVAILABLE.json"))
                .willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009")))
                .inScenario("s")
                .whenScenarioStateIs("ok")
                .willReturn(patient()));
        PdsClient pds = pds(NhsTracing.of(traces.openTelemetry), options().sleeper(wait -> {
            throw new InterruptedException();
        }));

        Throwable e = catchThrowable(() -> pds.getPatient(FULL));

        assertThat(e).isInstanceOf(NhsTransportException.class);
        assertThat(Thread.interrupted()).as("the SDK restores the interrupt").isTrue();
        assertThat(traces.openSpans()).isZero();
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
        SpanData call = traces.callSpan();
        assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(call.getAttributes().get(ERROR_TYPE)).isEqualTo("NhsTransportException");
        assertThat(call.getAttributes().get(SpanAttributes.NHS_OUTCOME_UNKNOWN)).isNull();
        assertThat(traces.attemptSpans())
                .singleElement()
                .satisfies(s -> assertThat(s.getAttributes().get(ERROR_TYPE)).isEqualTo("503"));
    }

    @Test
    void aCallerAlreadyInterruptedEndsEverySpanAndLeavesNothingCurrentWhateverTheOutcome() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(patient()));
        PdsClient pds = pds();

        Thread.currentThread().interrupt();
        Throwable e = catchThrowable(() -> pds.getPatient(FULL));
        Thread.interrupted();

        assertThat(traces.openSpans()).isZero();
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
        assertThat(traces.callSpan().getStatus().getStatusCode())
                .isEqualTo(e == null ? StatusCode.UNSET : StatusCode.ERROR);
    }

    @Test
    void callsOnManyThreadsAtOnceEachGetTheirOwnCallSpanWithTheirOwnAttempts() throws Exception {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(patient()));
        PdsClient pds = pds();
        int threads = 4;
        int callsEach = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Boolean>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                work.add(() -> {
                    for (int i = 0; i < callsEach; i++) {
                        pds.getPatient(FULL);
                    }
                    return Span.current().getSpanContext().isValid();
                });
            }
            for (Future<Boolean> f : pool.invokeAll(work)) {
                assertThat(f.get()).as("a span left current on a worker thread").isFalse();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(traces.openSpans()).isZero();
        List<SpanData> spans = traces.sdkSpans();
        assertThat(spans).hasSize(2 * threads * callsEach);
        List<SpanData> calls =
                spans.stream().filter(s -> !s.getParentSpanContext().isValid()).toList();
        assertThat(calls).hasSize(threads * callsEach);
        for (SpanData call : calls) {
            List<SpanData> attempts = spans.stream()
                    .filter(s -> s.getParentSpanId().equals(call.getSpanId()))
                    .toList();
            assertThat(attempts).singleElement().satisfies(a -> {
                assertThat(a.getTraceId()).isEqualTo(call.getTraceId());
                assertThat(a.getAttributes().get(NHS_REQUEST_ID))
                        .isEqualTo(call.getAttributes().get(NHS_REQUEST_ID));
            });
        }
        assertThat(calls).extracting(s -> s.getAttributes().get(NHS_REQUEST_ID)).doesNotHaveDuplicates();
    }
}
