package uk.nhs.sdk.micrometer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static uk.nhs.sdk.micrometer.MeterAssertions.counterCount;
import static uk.nhs.sdk.micrometer.MeterAssertions.timerCount;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsTimeoutException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.error.ResourceNotFoundException;
import uk.nhs.sdk.core.http.Idempotency;
import uk.nhs.sdk.core.http.NhsHttpClient;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsRequestBody;
import uk.nhs.sdk.identity.pds.PdsClient;

/** Each way a call can end, as the calls and attempts timers and the retries counter record it. */
class FaultMetricsTest extends MetricsWireMockTest {
    private static final String GET_PATIENT = "GET /Patient/{id}";

    @Test
    void a503ThenA200IsOneSuccessfulCallOfTwoAttemptsAndOneRetry() {
        server.stubFor(get(urlPathEqualTo(PATIENT_PATH))
                .inScenario("503")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(fhir(503, "pds/SERVICE_UNAVAILABLE.json"))
                .willSetStateTo("up"));
        server.stubFor(get(urlPathEqualTo(PATIENT_PATH))
                .inScenario("503")
                .whenScenarioStateIs("up")
                .willReturn(patient()));

        assertThat(pds().getPatient(PATIENT).version()).isEqualTo(2);

        assertThat(timerCount(
                        registry,
                        NhsMetrics.CALLS,
                        "service",
                        "PDS",
                        "operation",
                        GET_PATIENT,
                        "outcome",
                        "success",
                        "status",
                        "200",
                        "error_code",
                        "none"))
                .isEqualTo(1);
        assertThat(MeterAssertions.meters(registry, NhsMetrics.CALLS)).hasSize(1);
        assertThat(timerCount(
                        registry,
                        NhsMetrics.ATTEMPTS,
                        "service",
                        "PDS",
                        "operation",
                        GET_PATIENT,
                        "outcome",
                        "server_error",
                        "status",
                        "503"))
                .isEqualTo(1);
        assertThat(timerCount(
                        registry,
                        NhsMetrics.ATTEMPTS,
                        "service",
                        "PDS",
                        "operation",
                        GET_PATIENT,
                        "outcome",
                        "success",
                        "status",
                        "200"))
                .isEqualTo(1);
        assertThat(counterCount(
                        registry,
                        NhsMetrics.RETRIES,
                        "service",
                        "PDS",
                        "operation",
                        GET_PATIENT,
                        "outcome",
                        "server_error",
                        "status",
                        "503"))
                .isEqualTo(1);
        assertThat(sleeper.sleeps()).hasSize(1);
        MeterAssertions.assertNoPatientData(registry, PATIENT.value());
    }

    @Test
    void a404WithAPdsCodeIsAClientErrorTaggedWithTheCode() {
        server.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(fhir(404, "pds/RESOURCE_NOT_FOUND.json")));

        ResourceNotFoundException e =
                catchThrowableOfType(ResourceNotFoundException.class, () -> pds().getPatient(PATIENT));

        assertThat(e.errorCode()).contains("RESOURCE_NOT_FOUND");
        assertThat(timerCount(
                        registry,
                        NhsMetrics.CALLS,
                        "service",
                        "PDS",
                        "operation",
                        GET_PATIENT,
                        "outcome",
                        "client_error",
                        "status",
                        "404",
                        "error_code",
                        "RESOURCE_NOT_FOUND"))
                .isEqualTo(1);
        assertThat(timerCount(
                        registry,
                        NhsMetrics.ATTEMPTS,
                        "service",
                        "PDS",
                        "operation",
                        GET_PATIENT,
                        "outcome",
                        "client_error",
                        "status",
                        "404"))
                .isEqualTo(1);
        assertThat(MeterAssertions.meters(registry, NhsMetrics.RETRIES)).isEmpty();
        MeterAssertions.assertNoPatientData(registry, PATIENT.value());
    }

    @Test
    void aCodeNoServiceDocumentsIsOther() {
        server.stubFor(get(urlPathEqualTo(PATIENT_PATH))
                .willReturn(fhir(404, "pds/RESOURCE_NOT_FOUND.json")
                        .withBody(resource("pds/RESOURCE_NOT_FOUND.json")
                                .replace("RESOURCE_NOT_FOUND", "NOT_A_PDS_CODE"))));

        catchThrowableOfType(ResourceNotFoundException.class, () -> pds().getPatient(PATIENT));

        assertThat(timerCount(
                        registry, NhsMetrics.CALLS, "outcome", "client_error", "status", "404", "error_code", "other"))
                .isEqualTo(1);
        assertThat(MeterAssertions.tagValues(registry)).doesNotContain("NOT_A_PDS_CODE");
    }

    @Test
    void aResetEveryTimeIsATransportFailureOnEveryAttempt() {
        server.stubFor(
                get(urlPathEqualTo(PATIENT_PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        PdsClient pds =
                pds(options().retry(RetryOptions.builder().maxAttempts(2).build()));

        NhsTransportException e = catchThrowableOfType(NhsTransportException.class, () -> pds.getPatient(PATIENT));

        assertThat(e.outcomeUnknown()).isFalse();
        assertThat(timerCount(
                        registry,
                        NhsMetrics.CALLS,
                        "service",
                        "PDS",
                        "operation",
                        GET_PATIENT,
                        "outcome",
                        "transport",
                        "status",
                        "none",
                        "error_code",
                        "none"))
                .isEqualTo(1);
        assertThat(timerCount(registry, NhsMetrics.ATTEMPTS, "outcome", "transport", "status", "none"))
                .isEqualTo(2);
        assertThat(counterCount(registry, NhsMetrics.RETRIES, "outcome", "transport", "status", "none"))
                .isEqualTo(1);
    }

    @Test
    void aResponseSlowerThanTheAttemptTimeoutIsATimeout() {
        server.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(patient().withFixedDelay(2_000)));
        PdsClient pds = pds(options().attemptTimeout(Duration.ofMillis(200)).retry(RetryOptions.none()));

        catchThrowableOfType(NhsTimeoutException.class, () -> pds.getPatient(PATIENT));

        assertThat(timerCount(registry, NhsMetrics.CALLS, "outcome", "timeout", "status", "none"))
                .isEqualTo(1);
        assertThat(timerCount(registry, NhsMetrics.ATTEMPTS, "outcome", "timeout", "status", "none"))
                .isEqualTo(1);
    }

    @Test
    void aWriteThatWasSentAndGotNoAnswerIsOutcomeUnknown() {
        server.stubFor(
                post(urlPathEqualTo("/outbox")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        try (NhsHttpClient http = NhsHttpClient.builder()
                .serviceName("MESH")
                .baseUrl(URI.create(server.baseUrl()))
                .options(options().build())
                .build()) {
            NhsRequest send = NhsRequest.builder("POST", "/outbox")
                    .idempotency(Idempotency.NONE)
                    .body(NhsRequestBody.ofJson("{\"message\":\"x\"}", "application/json"))
                    .build();

            NhsTransportException e = catchThrowableOfType(NhsTransportException.class, () -> http.execute(send));

            assertThat(e.outcomeUnknown()).isTrue();
        }
        assertThat(timerCount(
                        registry,
                        NhsMetrics.CALLS,
                        "service",
                        "MESH",
                        "operation",
                        "POST /outbox",
                        "outcome",
                        "outcome_unknown",
                        "status",
                        "none",
                        "error_code",
                        "none"))
                .isEqualTo(1);
        assertThat(MeterAssertions.meters(registry, NhsMetrics.RETRIES)).isEmpty();
    }

    @Test
    void aBodyOverTheClientsLimitIsADecodeFailure() {
        server.stubFor(get(urlPathEqualTo(PATIENT_PATH)).willReturn(patient()));
        PdsClient pds = pds(options().maxResponseBytes(100));

        catchThrowableOfType(NhsDecodeException.class, () -> pds.getPatient(PATIENT));

        assertThat(timerCount(registry, NhsMetrics.CALLS, "outcome", "decode", "status", "none"))
                .isEqualTo(1);
        assertThat(timerCount(registry, NhsMetrics.ATTEMPTS, "outcome", "decode"))
                .isEqualTo(1);
    }
}
