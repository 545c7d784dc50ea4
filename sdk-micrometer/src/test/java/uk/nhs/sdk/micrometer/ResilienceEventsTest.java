package uk.nhs.sdk.micrometer;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static uk.nhs.sdk.micrometer.MeterAssertions.counterCount;
import static uk.nhs.sdk.micrometer.MeterAssertions.timerCount;

import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.RateLimitOptions;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.error.NhsServiceUnavailableException;
import uk.nhs.sdk.core.error.NhsTimeoutException;
import uk.nhs.sdk.core.error.ServerErrorException;
import uk.nhs.sdk.identity.pds.PdsClient;

/** The circuit breaker's transitions and refusals, and the rate limiter's waits and refusals. */
class ResilienceEventsTest extends MetricsWireMockTest {

    @Test
    void theCircuitOpeningIsCountedAndTheCallsItRefusesAreRejected() {
        server.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(fhir(503, "pds/SERVICE_UNAVAILABLE.json")));
        PdsClient pds = pds(options()
                .retry(RetryOptions.none())
                .circuitBreaker(CircuitBreakerOptions.of(50, 2, 2, Duration.ofMinutes(1))));

        catchThrowableOfType(ServerErrorException.class, () -> pds.getPatient(PATIENT));
        catchThrowableOfType(ServerErrorException.class, () -> pds.getPatient(PATIENT));
        catchThrowableOfType(NhsServiceUnavailableException.class, () -> pds.getPatient(PATIENT));

        assertThat(counterCount(
                        registry, NhsMetrics.CIRCUIT_TRANSITIONS, "service", "PDS", "from", "closed", "to", "open"))
                .isEqualTo(1);
        assertThat(MeterAssertions.meters(registry, NhsMetrics.CIRCUIT_TRANSITIONS))
                .hasSize(1);
        assertThat(timerCount(
                        registry,
                        NhsMetrics.CALLS,
                        "outcome",
                        "server_error",
                        "status",
                        "503",
                        "error_code",
                        "SERVICE_UNAVAILABLE"))
                .isEqualTo(2);
        assertThat(timerCount(
                        registry,
                        NhsMetrics.CALLS,
                        "service",
                        "PDS",
                        "operation",
                        "GET /Patient/{id}",
                        "outcome",
                        "rejected",
                        "status",
                        "none",
                        "error_code",
                        "none"))
                .isEqualTo(1);
        assertThat(timerCount(registry, NhsMetrics.ATTEMPTS, "outcome", "server_error"))
                .isEqualTo(2);
        assertThat(MeterAssertions.meters(registry, NhsMetrics.ATTEMPTS)).hasSize(1);
    }

    @Test
    void aCallThatWaitsForARateLimitPermitIsTimedAsGranted() {
        server.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(patient()));
        PdsClient pds = pds(options().rateLimit(RateLimitOptions.perSecond(1, Duration.ofSeconds(5))));

        // one permit a second and a sleeper that does not sleep: calls after the first wait (a
        // slow first call on a cold JVM may let the second through, so make a few)
        for (int i = 0; i < 4; i++) {
            pds.getPatient(PATIENT);
        }

        Timer granted = registry.find(NhsMetrics.RATE_LIMITER_WAITS)
                .tags("service", "PDS", "operation", "GET /Patient/{id}", "outcome", "granted")
                .timer();
        assertThat(granted).isNotNull();
        assertThat(sleeper.sleeps()).isNotEmpty();
        assertThat(granted.count()).isEqualTo(sleeper.sleeps().size());
        assertThat(granted.totalTime(TimeUnit.NANOSECONDS))
                .isEqualTo(
                        sleeper.sleeps().stream().mapToLong(Duration::toNanos).sum());
        assertThat(timerCount(registry, NhsMetrics.CALLS, "outcome", "success")).isEqualTo(4);
        assertThat(MeterAssertions.meters(registry, NhsMetrics.RATE_LIMITER_WAITS))
                .hasSize(1);
    }

    @Test
    void aCallTheRateLimiterRefusesIsRejectedAndCountedAsRefused() {
        server.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(patient()));
        PdsClient pds = pds(options().rateLimit(RateLimitOptions.perSecond(1, Duration.ZERO)));

        int refused = 0;
        for (int i = 0; i < 4; i++) {
            try {
                pds.getPatient(PATIENT);
            } catch (NhsServiceUnavailableException e) {
                refused++;
            }
        }

        assertThat(refused).isPositive();
        assertThat(timerCount(registry, NhsMetrics.RATE_LIMITER_WAITS, "service", "PDS", "outcome", "refused"))
                .isEqualTo(refused);
        assertThat(timerCount(registry, NhsMetrics.CALLS, "outcome", "rejected", "status", "none"))
                .isEqualTo(refused);
        assertThat(timerCount(registry, NhsMetrics.ATTEMPTS, "outcome", "success"))
                .isEqualTo(4 - refused);
    }

    @Test
    void aCallWhoseDeadlineCannotWaitForAPermitIsRejectedNotATimeout() {
        // 400 ms: far below the next permit (1 s), and long enough that the first call, which has
        // the permit, cannot time out itself on a slow machine (a cold JVM under a coverage agent)
        server.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(patient()));
        PdsClient pds = pds(options()
                .deadline(Duration.ofMillis(400))
                .rateLimit(RateLimitOptions.perSecond(1, Duration.ofSeconds(5))));

        int refused = 0;
        for (int i = 0; i < 4; i++) {
            try {
                pds.getPatient(PATIENT);
            } catch (NhsTimeoutException e) {
                refused++;
            }
        }

        assertThat(refused).isPositive();
        assertThat(timerCount(registry, NhsMetrics.RATE_LIMITER_WAITS, "service", "PDS", "outcome", "refused"))
                .isEqualTo(refused);
        assertThat(timerCount(registry, NhsMetrics.CALLS, "outcome", "rejected", "status", "none"))
                .isEqualTo(refused);
        assertThat(timerCount(registry, NhsMetrics.CALLS, "outcome", "timeout")).isZero();
    }
}
