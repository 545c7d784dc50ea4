package uk.nhs.sdk.opentelemetry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.RateLimitOptions;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.error.NhsServiceUnavailableException;
import uk.nhs.sdk.core.error.ServerErrorException;
import uk.nhs.sdk.identity.pds.PdsClient;

/** The pipeline's events land on the span of the call they happened to. */
class SpanEventsTest extends PdsWireMock {

    private List<SpanData> callSpans() {
        return traces.sdkSpans().stream()
                .filter(s ->
                        traces.sdkSpans().stream().noneMatch(p -> p.getSpanId().equals(s.getParentSpanId())))
                .toList();
    }

    @Test
    void aWaitForARateLimitPermitIsAnEventOfTheWaitingCall() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(patient()));
        PdsClient pds = pds(
                NhsTracing.of(traces.openTelemetry),
                options().rateLimit(RateLimitOptions.perSecond(1, Duration.ofSeconds(5))));

        pds.getPatient(FULL);
        pds.getPatient(FULL);

        List<SpanData> calls = callSpans();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).getEvents()).isEmpty();
        assertThat(calls.get(1).getEvents()).singleElement().satisfies(e -> {
            assertThat(e.getName()).isEqualTo(SpanEvents.RATE_LIMITED);
            assertThat(e.getAttributes().get(SpanEvents.RATE_LIMIT_GRANTED)).isTrue();
            assertThat(e.getAttributes().get(SpanEvents.RATE_LIMIT_WAIT_MS)).isBetween(1L, 5000L);
        });
    }

    @Test
    void aRefusedPermitIsAnEventAndEndsTheCallWithoutAnAttempt() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(patient()));
        PdsClient pds = pds(
                NhsTracing.of(traces.openTelemetry), options().rateLimit(RateLimitOptions.perSecond(1, Duration.ZERO)));
        pds.getPatient(FULL);

        NhsServiceUnavailableException e =
                catchThrowableOfType(NhsServiceUnavailableException.class, () -> pds.getPatient(FULL));

        assertThat(e).isNotNull();
        SpanData refused = callSpans().get(1);
        assertThat(refused.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(refused.getAttributes().get(SpanAttributes.ERROR_TYPE)).isEqualTo("NhsServiceUnavailableException");
        assertThat(refused.getAttributes().get(SpanAttributes.NHS_ATTEMPTS)).isZero();
        assertThat(refused.getEvents()).extracting(EventData::getName).containsExactly(SpanEvents.RATE_LIMITED);
        assertThat(refused.getEvents().get(0).getAttributes().get(SpanEvents.RATE_LIMIT_GRANTED))
                .isFalse();
        assertThat(traces.sdkSpans())
                .as("the first call and its attempt, the refused call alone")
                .hasSize(3);
    }

    @Test
    void theCircuitOpeningIsAnEventOfTheCallThatTrippedIt() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009")))
                .willReturn(aResponse().withStatus(500)));
        PdsClient pds = pds(
                NhsTracing.of(traces.openTelemetry),
                options()
                        .retry(RetryOptions.none())
                        .circuitBreaker(CircuitBreakerOptions.of(50f, 2, 2, Duration.ofSeconds(30))));

        for (int i = 0; i < 2; i++) {
            assertThat(catchThrowableOfType(ServerErrorException.class, () -> pds.getPatient(FULL)))
                    .isNotNull();
        }
        assertThat(catchThrowableOfType(NhsServiceUnavailableException.class, () -> pds.getPatient(FULL)))
                .isNotNull();

        List<SpanData> calls = callSpans();
        assertThat(calls).hasSize(3);
        assertThat(calls.get(0).getEvents()).isEmpty();
        assertThat(calls.get(1).getEvents()).singleElement().satisfies(e -> {
            assertThat(e.getName()).isEqualTo(SpanEvents.CIRCUIT_BREAKER);
            assertThat(e.getAttributes().get(SpanEvents.CIRCUIT_FROM)).isEqualTo("closed");
            assertThat(e.getAttributes().get(SpanEvents.CIRCUIT_TO)).isEqualTo("open");
        });
        assertThat(calls.get(2).getAttributes().get(SpanAttributes.ERROR_TYPE))
                .isEqualTo("NhsServiceUnavailableException");
    }
}
