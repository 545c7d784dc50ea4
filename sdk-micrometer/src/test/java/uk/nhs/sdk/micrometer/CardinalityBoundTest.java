package uk.nhs.sdk.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsErrorCodes;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.http.NhsHeaders;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.core.http.PipelineNext;

/**
 * The hard bounds, driven through the policies and listener directly: tag combinations per service
 * and meter, services, token providers and circuit states.
 */
class CardinalityBoundTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final NhsMetrics metrics = NhsMetrics.of(registry);
    private final MetricsCallPolicy calls = new MetricsCallPolicy(metrics);
    private final MetricsEvents events = new MetricsEvents(metrics);

    private static PipelineNext failing(int status, String code) {
        return () -> {
            throw NhsServiceException.forStatus(status, code, null, CallDetails.none());
        };
    }

    @Test
    void everyDocumentedCodeWithEveryStatusStaysUnderTheTupleBound() {
        List<String> codes = List.copyOf(new TreeSet<>(NhsErrorCodes.documented()));
        int sent = 0;
        for (String operation : List.of("/a/{id}", "/b/{id}", "/c/{id}")) {
            FakeCall call = new FakeCall(
                    "PDS",
                    NhsRequest.builder("GET", operation).pathParam("id", "x").build());
            for (int status = 400; status < 600; status++) {
                for (String code : codes) {
                    int s = status;
                    catchThrowable(() -> calls.process(call, failing(s, code)));
                    sent++;
                }
            }
        }

        List<Meter> meters = MeterAssertions.meters(registry, NhsMetrics.CALLS);
        // 1,000 tuples of their own, then overflow tuples: operation and code other, status its class
        int overflow = TagValues.OUTCOMES.size() * 2;
        assertThat(meters)
                .hasSizeGreaterThanOrEqualTo(ServiceMeters.MAX_TUPLES)
                .hasSizeLessThanOrEqualTo(ServiceMeters.MAX_TUPLES + overflow);
        assertThat(meters.stream().mapToLong(m -> ((Timer) m).count()).sum()).isEqualTo(sent);
        assertThat(registry.find(NhsMetrics.CALLS)
                        .tags("operation", "other", "status", "4xx", "error_code", "other")
                        .timer())
                .isNotNull();
    }

    @Test
    void servicesBeyondTheBoundAndOddNamesShareOther() {
        for (int i = 0; i < 1_000; i++) {
            String service = i % 10 == 0 ? "Patient 9000000009 " + i : "Service " + Integer.toString(i, 36);
            FakeCall call =
                    new FakeCall(service, NhsRequest.builder("GET", "/x").build());
            calls.process(
                    call, () -> NhsResponse.buffered(200, NhsHeaders.of(List.of()), new byte[0], CallDetails.none()));
        }

        Set<String> services = new HashSet<>();
        for (Meter m : MeterAssertions.meters(registry, NhsMetrics.CALLS)) {
            services.add(m.getId().getTag("service"));
        }
        assertThat(services)
                .hasSize(NhsMetrics.MAX_SERVICES + 1)
                .contains("other", "Service 1")
                .noneMatch(s -> s.contains("9000000009"));
    }

    @Test
    void providersAndCircuitStatesComeFromBoundedSets() {
        for (int i = 0; i < 1_000; i++) {
            events.tokenFetched("PDS", "provider " + Integer.toString(i, 36), i % 2 == 0, Duration.ofMillis(5));
            events.circuitBreakerStateChanged("PDS", "state" + i, i % 2 == 0 ? "open" : "closed");
        }

        Set<String> providers = new HashSet<>();
        for (Meter m : MeterAssertions.meters(registry, NhsMetrics.TOKEN_FETCHES)) {
            providers.add(m.getId().getTag("provider"));
        }
        assertThat(providers).hasSize(NhsMetrics.MAX_PROVIDERS + 1).contains("other");
        assertThat(MeterAssertions.meters(registry, NhsMetrics.CIRCUIT_TRANSITIONS))
                .hasSize(2)
                .allSatisfy(m -> assertThat(m.getId().getTag("from")).isEqualTo("other"));
    }
}
