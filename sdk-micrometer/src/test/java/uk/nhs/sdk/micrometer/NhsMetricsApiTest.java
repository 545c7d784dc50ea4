package uk.nhs.sdk.micrometer;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.http.NhsHeaders;
import uk.nhs.sdk.core.http.NhsHttpClient;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.identity.pds.PdsClient;

/** The public surface: where the policies go, argument checks, and that recording never fails a call. */
class NhsMetricsApiTest extends MetricsWireMockTest {

    @Test
    void applyToAddsAPerCallAndAPerAttemptPolicyAndReturnsTheSameBuilder() {
        NhsClientOptions.Builder builder = NhsClientOptions.builder();

        assertThat(metrics.applyTo(builder)).isSameAs(builder);

        try (NhsHttpClient http = NhsHttpClient.builder()
                .serviceName("PDS")
                .baseUrl(URI.create(server.baseUrl()))
                .options(builder.build())
                .build()) {
            assertThat(http.pipelineSteps())
                    .containsExactly(
                            "request-id",
                            "correlation-id",
                            "user-agent",
                            MetricsCallPolicy.class.getName(),
                            "circuit-breaker",
                            "retry",
                            "auth",
                            MetricsAttemptPolicy.class.getName(),
                            "logging",
                            "transport");
        }
        assertThat(builder.build().events()).hasSize(1);
    }

    @Test
    void nullsAreValidationErrors() {
        assertThatThrownBy(() -> NhsMetrics.of(null))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("registry");
        assertThatThrownBy(() -> metrics.applyTo(null))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("options");
    }

    @Test
    void aRegistryThatThrowsNeverFailsACall() {
        SimpleMeterRegistry broken = new SimpleMeterRegistry();
        broken.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                throw new IllegalStateException("registry down");
            }
        });
        server.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(patient()));
        PdsClient pds = PdsClient.builder()
                .baseUrl(URI.create(server.baseUrl() + BASE))
                .options(NhsMetrics.of(broken)
                        .applyTo(NhsClientOptions.builder())
                        .build())
                .build();

        assertThat(pds.getPatient(PATIENT).version()).isEqualTo(2);
        assertThat(broken.getMeters()).isEmpty();
    }

    @Test
    void durationsComeFromTheRegistrysClock() {
        MockClock mock = new MockClock();
        SimpleMeterRegistry timed = new SimpleMeterRegistry(SimpleConfig.DEFAULT, mock);
        FakeCall call =
                new FakeCall("PDS", NhsRequest.builder("GET", "/Patient").build());

        new MetricsCallPolicy(NhsMetrics.of(timed)).process(call, () -> {
            mock.add(Duration.ofMillis(250));
            return NhsResponse.buffered(200, NhsHeaders.of(List.of()), new byte[0], CallDetails.none());
        });

        assertThat(timed.find(NhsMetrics.CALLS).timer().totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(250.0);
    }

    @Test
    void toStringNamesOnlyTheRegistryType() {
        assertThat(metrics).hasToString("NhsMetrics[SimpleMeterRegistry]");
    }
}
