package uk.nhs.sdk.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.http.NhsHeaders;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.core.http.PipelineNext;

/**
 * The meter cache behaves as the registry does when meters are registered on every call: removed
 * meters come back, filters deny and rename, composites reach children added later, and a closed
 * registry never fails a call.
 */
class RegistrySemanticsTest {
    private static final PipelineNext OK =
            () -> NhsResponse.buffered(200, NhsHeaders.of(List.of()), new byte[0], CallDetails.none());

    private static void call(NhsMetrics metrics) {
        FakeCall call = new FakeCall(
                "PDS",
                NhsRequest.builder("GET", "/Patient/{id}").pathParam("id", "x").build());
        new MetricsCallPolicy(metrics).process(call, OK);
    }

    @Test
    void aMeterTheRegistryClearedIsRegisteredAgainOnItsNextUse() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        NhsMetrics metrics = NhsMetrics.of(registry);
        call(metrics);
        registry.clear();

        call(metrics);

        assertThat(MeterAssertions.timerCount(
                        registry, NhsMetrics.CALLS, "operation", "GET /Patient/{id}", "outcome", "success"))
                .as("the second call, recorded on a registered meter")
                .isEqualTo(1);
    }

    @Test
    void aMeterRemovedUnderAFilteredNameIsRegisteredAgainToo() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(MeterFilter.renameTag("nhs.sdk.client", "service", "api"));
        NhsMetrics metrics = NhsMetrics.of(registry);
        call(metrics);
        Timer first = registry.find(NhsMetrics.CALLS).tag("api", "PDS").timer();
        assertThat(first).isNotNull();
        registry.remove(first);

        call(metrics);
        call(metrics);

        Timer again = registry.find(NhsMetrics.CALLS).tag("api", "PDS").timer();
        assertThat(again).isNotNull().isNotSameAs(first);
        assertThat(again.count()).isEqualTo(2);
    }

    @Test
    void aDenyingFilterLeavesNoMeterAndFailsNoCall() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("nhs.sdk"));
        NhsMetrics metrics = NhsMetrics.of(registry);

        call(metrics);
        call(metrics);

        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void aCompositeReachesARegistryAddedAfterTheFirstCall() {
        CompositeMeterRegistry composite = new CompositeMeterRegistry();
        NhsMetrics metrics = NhsMetrics.of(composite);
        call(metrics);
        SimpleMeterRegistry child = new SimpleMeterRegistry();
        composite.add(child);

        call(metrics);

        assertThat(MeterAssertions.timerCount(child, NhsMetrics.CALLS, "service", "PDS"))
                .isEqualTo(1);
        assertThat(MeterAssertions.timerCount(composite, NhsMetrics.CALLS, "service", "PDS"))
                .isEqualTo(1);
    }

    @Test
    void aClosedRegistryNeverFailsACall() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        NhsMetrics metrics = NhsMetrics.of(registry);
        call(metrics);
        registry.close();

        call(metrics);
        FakeCall other =
                new FakeCall("MESH", NhsRequest.builder("POST", "/outbox").build());
        new MetricsCallPolicy(metrics).process(other, OK);

        assertThat(registry.isClosed()).isTrue();
        assertThat(MeterAssertions.meters(registry, NhsMetrics.CALLS)).hasSize(1);
    }
}
