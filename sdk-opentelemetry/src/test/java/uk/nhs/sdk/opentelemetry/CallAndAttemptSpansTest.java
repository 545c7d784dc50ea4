package uk.nhs.sdk.opentelemetry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static uk.nhs.sdk.opentelemetry.SpanAttributes.ERROR_TYPE;
import static uk.nhs.sdk.opentelemetry.SpanAttributes.HTTP_REQUEST_METHOD;
import static uk.nhs.sdk.opentelemetry.SpanAttributes.HTTP_REQUEST_RESEND_COUNT;
import static uk.nhs.sdk.opentelemetry.SpanAttributes.HTTP_RESPONSE_STATUS_CODE;
import static uk.nhs.sdk.opentelemetry.SpanAttributes.NHS_ATTEMPTS;
import static uk.nhs.sdk.opentelemetry.SpanAttributes.NHS_ERROR_CODE;
import static uk.nhs.sdk.opentelemetry.SpanAttributes.NHS_OUTCOME_UNKNOWN;
import static uk.nhs.sdk.opentelemetry.SpanAttributes.NHS_REQUEST_ID;
import static uk.nhs.sdk.opentelemetry.SpanAttributes.NHS_SERVICE;
import static uk.nhs.sdk.opentelemetry.SpanAttributes.SERVER_ADDRESS;
import static uk.nhs.sdk.opentelemetry.SpanAttributes.SERVER_PORT;
import static uk.nhs.sdk.opentelemetry.SpanAttributes.URL_SCHEME;
import static uk.nhs.sdk.opentelemetry.SpanAttributes.URL_TEMPLATE;
import static uk.nhs.sdk.opentelemetry.Traces.assertClient;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.error.BadRequestException;
import uk.nhs.sdk.core.error.NhsTimeoutException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.error.ResourceNotFoundException;
import uk.nhs.sdk.core.http.NhsHttpClient;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.identity.pds.PatientPatch;
import uk.nhs.sdk.identity.pds.PdsClient;

/** A real PDS client against WireMock: the call span, its attempt spans, their attributes and status. */
class CallAndAttemptSpansTest extends PdsWireMock {

    private void sequence(ResponseDefinitionBuilder... answers) {
        String state = Scenario.STARTED;
        for (int i = 0; i < answers.length; i++) {
            String next = "step" + (i + 1);
            server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009")))
                    .inScenario("faults")
                    .whenScenarioStateIs(state)
                    .willReturn(answers[i])
                    .willSetStateTo(next));
            state = next;
        }
    }

    @Test
    void aRetrievalIsACallSpanWithOneAttemptSpanFollowingTheHttpClientConventions() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(patient()));

        pds().getPatient(FULL);

        assertThat(traces.spans()).hasSize(2);
        SpanData call = traces.callSpan();
        List<SpanData> attempts = traces.attemptSpans();
        assertThat(attempts).hasSize(1);
        SpanData attempt = attempts.get(0);
        assertClient(call, GET_PATIENT);
        assertClient(attempt, GET_PATIENT);
        assertThat(call.getParentSpanId()).as("no caller span: a root").isEqualTo(SpanId.getInvalid());
        assertThat(attempt.getTraceId()).isEqualTo(call.getTraceId());
        String requestId = server.getAllServeEvents().get(0).getRequest().getHeader("X-Request-ID");
        for (SpanData s : List.of(call, attempt)) {
            assertThat(s.getAttributes().get(HTTP_REQUEST_METHOD)).isEqualTo("GET");
            assertThat(s.getAttributes().get(URL_TEMPLATE)).isEqualTo("/Patient/{id}");
            assertThat(s.getAttributes().get(URL_SCHEME)).isEqualTo("http");
            assertThat(s.getAttributes().get(SERVER_ADDRESS))
                    .isEqualTo(java.net.URI.create(server.baseUrl()).getHost());
            assertThat(s.getAttributes().get(SERVER_PORT)).isEqualTo((long) server.port());
            assertThat(s.getAttributes().get(HTTP_RESPONSE_STATUS_CODE)).isEqualTo(200L);
            assertThat(s.getAttributes().get(NHS_SERVICE)).isEqualTo("PDS");
            assertThat(s.getAttributes().get(NHS_REQUEST_ID))
                    .isEqualTo(requestId)
                    .isNotBlank();
            assertThat(s.getAttributes().get(ERROR_TYPE)).isNull();
            assertThat(s.getAttributes().get(HTTP_REQUEST_RESEND_COUNT)).isNull();
            assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        }
        assertThat(call.getAttributes().get(NHS_ATTEMPTS)).isEqualTo(1L);
        assertThat(attempt.getStartEpochNanos()).isGreaterThanOrEqualTo(call.getStartEpochNanos());
        assertThat(attempt.getEndEpochNanos()).isLessThanOrEqualTo(call.getEndEpochNanos());
        traces.assertNothingHolds("9000000009");
    }

    @Test
    void a503ThenA200IsTwoAttemptsTheSecondWithAResendCountAndTheRetryIsAnEventOfTheCall() {
        sequence(fhir(503, "SERVICE_UNAVAILABLE.json").withHeader("Retry-After", "5"), patient());

        pds().getPatient(FULL);

        SpanData call = traces.callSpan();
        List<SpanData> attempts = traces.attemptSpans();
        assertThat(attempts).hasSize(2);
        SpanData first = attempts.get(0);
        SpanData second = attempts.get(1);
        assertClient(first, GET_PATIENT);
        assertClient(second, GET_PATIENT);
        assertThat(first.getAttributes().get(HTTP_RESPONSE_STATUS_CODE)).isEqualTo(503L);
        assertThat(first.getAttributes().get(ERROR_TYPE)).isEqualTo("503");
        assertThat(first.getAttributes().get(HTTP_REQUEST_RESEND_COUNT)).isNull();
        assertThat(first.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(second.getAttributes().get(HTTP_RESPONSE_STATUS_CODE)).isEqualTo(200L);
        assertThat(second.getAttributes().get(HTTP_REQUEST_RESEND_COUNT)).isEqualTo(1L);
        assertThat(second.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(first.getAttributes().get(NHS_REQUEST_ID))
                .isEqualTo(second.getAttributes().get(NHS_REQUEST_ID))
                .isEqualTo(call.getAttributes().get(NHS_REQUEST_ID));

        assertThat(call.getStatus().getStatusCode()).as("the call succeeded").isEqualTo(StatusCode.UNSET);
        assertThat(call.getAttributes().get(HTTP_RESPONSE_STATUS_CODE)).isEqualTo(200L);
        assertThat(call.getAttributes().get(NHS_ATTEMPTS)).isEqualTo(2L);
        assertThat(call.getEvents()).extracting(EventData::getName).containsExactly(SpanEvents.RETRY);
        EventData retry = call.getEvents().get(0);
        assertThat(retry.getAttributes().get(SpanEvents.RETRY_NEXT_ATTEMPT)).isEqualTo(2L);
        assertThat(retry.getAttributes().get(SpanEvents.RETRY_WAIT_MS)).isEqualTo(5000L);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(5));
        traces.assertNothingHolds("9000000009");
    }

    @Test
    void a404WithAPdsOperationOutcomeEndsTheCallAsAnErrorWithItsNhsErrorCode() {
        server.stubFor(
                get(urlPathEqualTo(path("/Patient/9111231130"))).willReturn(fhir(404, "RESOURCE_NOT_FOUND.json")));

        ResourceNotFoundException e = catchThrowableOfType(
                ResourceNotFoundException.class, () -> pds().getPatient(uk.nhs.sdk.core.NhsNumber.parse("9111231130")));

        assertThat(e).isNotNull();
        SpanData call = traces.callSpan();
        SpanData attempt = traces.attemptSpans().get(0);
        assertThat(traces.attemptSpans()).hasSize(1);
        assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(call.getAttributes().get(HTTP_RESPONSE_STATUS_CODE)).isEqualTo(404L);
        assertThat(call.getAttributes().get(ERROR_TYPE)).isEqualTo("404");
        assertThat(call.getAttributes().get(NHS_ERROR_CODE)).isEqualTo("RESOURCE_NOT_FOUND");
        assertThat(call.getAttributes().get(NHS_OUTCOME_UNKNOWN)).isNull();
        assertThat(attempt.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(attempt.getAttributes().get(ERROR_TYPE)).isEqualTo("404");
        assertThat(attempt.getAttributes().get(HTTP_RESPONSE_STATUS_CODE)).isEqualTo(404L);
        traces.assertNothingHolds("9111231130", "Resource not found");
    }

    @Test
    void anErrorCodeTheServicesDoNotDocumentIsRecordedAsOther() {
        String hostile = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"value\","
                + "\"details\":{\"coding\":[{\"system\":\"https://fhir.nhs.uk/R4/CodeSystem/Spine-ErrorOrWarningCode\","
                + "\"code\":\"NO_PATIENT_9000000009_SMITH\"}]},\"diagnostics\":\"Jane Smith 9000000009\"}]}";
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009")))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/fhir+json")
                        .withBody(hostile)));

        BadRequestException e = catchThrowableOfType(BadRequestException.class, () -> pds().getPatient(FULL));

        assertThat(e.errorCode()).contains("NO_PATIENT_9000000009_SMITH");
        assertThat(traces.callSpan().getAttributes().get(NHS_ERROR_CODE)).isEqualTo("_OTHER");
        assertThat(traces.callSpan().getAttributes().get(ERROR_TYPE)).isEqualTo("400");
        traces.assertNothingHolds("9000000009", "SMITH", "Smith");
    }

    @Test
    void aResetEveryTimeEndsEveryAttemptAndTheCallAsATransportError() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009")))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        NhsTransportException e = catchThrowableOfType(NhsTransportException.class, () -> pds().getPatient(FULL));

        assertThat(e.attempts()).isEqualTo(3);
        SpanData call = traces.callSpan();
        List<SpanData> attempts = traces.attemptSpans();
        assertThat(attempts).hasSize(3);
        assertThat(attempts)
                .extracting(s -> s.getAttributes().get(HTTP_REQUEST_RESEND_COUNT))
                .containsExactly(null, 1L, 2L);
        for (SpanData s : attempts) {
            assertThat(s.hasEnded()).isTrue();
            assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(s.getAttributes().get(ERROR_TYPE)).isEqualTo("NhsTransportException");
            assertThat(s.getAttributes().get(HTTP_RESPONSE_STATUS_CODE)).isNull();
        }
        assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(call.getAttributes().get(ERROR_TYPE)).isEqualTo("NhsTransportException");
        assertThat(call.getAttributes().get(HTTP_RESPONSE_STATUS_CODE)).isNull();
        assertThat(call.getAttributes().get(NHS_OUTCOME_UNKNOWN))
                .as("a GET never is")
                .isNull();
        assertThat(call.getAttributes().get(NHS_ATTEMPTS)).isEqualTo(3L);
        assertThat(call.getEvents()).extracting(EventData::getName).containsExactly(SpanEvents.RETRY, SpanEvents.RETRY);
    }

    @Test
    void aSlowAnswerBeyondTheAttemptTimeoutIsATimeoutError() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009")))
                .willReturn(patient().withFixedDelay(2000)));
        PdsClient pds = pds(
                NhsTracing.of(traces.openTelemetry),
                options()
                        .attemptTimeout(Duration.ofMillis(200))
                        .retry(RetryOptions.builder().maxAttempts(1).build()));

        NhsTimeoutException e = catchThrowableOfType(NhsTimeoutException.class, () -> pds.getPatient(FULL));

        assertThat(e).isNotNull();
        assertThat(traces.callSpan().getAttributes().get(ERROR_TYPE)).isEqualTo("NhsTimeoutException");
        assertThat(traces.callSpan().getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(traces.attemptSpans())
                .singleElement()
                .satisfies(s -> assertThat(s.getAttributes().get(ERROR_TYPE)).isEqualTo("NhsTimeoutException"));
    }

    @Test
    void anUpdateSentWithNoAnswerIsMarkedOutcomeUnknown() {
        server.stubFor(patch(urlPathEqualTo(path("/Patient/9000000009")))
                .willReturn(patient().withFixedDelay(2000)));
        PdsClient pds = pds(
                NhsTracing.of(traces.openTelemetry),
                options()
                        .attemptTimeout(Duration.ofMillis(200))
                        .retry(RetryOptions.builder().maxAttempts(2).build()));
        PatientPatch gender = PatientPatch.builder().replace("/gender", "male").build();

        NhsTimeoutException e = catchThrowableOfType(NhsTimeoutException.class, () -> pds.update(FULL, 2, gender));

        assertThat(e.outcomeUnknown()).isTrue();
        SpanData call = traces.callSpan();
        assertClient(call, "PATCH /Patient/{id}");
        assertThat(call.getAttributes().get(NHS_OUTCOME_UNKNOWN)).isTrue();
        assertThat(call.getAttributes().get(ERROR_TYPE)).isEqualTo("NhsTimeoutException");
        assertThat(traces.attemptSpans()).hasSize(2);
        assertThat(traces.attemptSpans())
                .allSatisfy(s -> assertThat(s.getAttributes().get(NHS_OUTCOME_UNKNOWN))
                        .as("an attempt that was sent and got no answer")
                        .isTrue());
        traces.assertNothingHolds("9000000009", "male");
    }

    @Test
    void noSpanHoldsAnNhsNumberAQueryValueOrAHeaderValueButTheRequestId() {
        server.stubFor(get(urlPathEqualTo(path("/Patient"))).willReturn(fhir(200, "PatientSearch.json")));
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(patient()));
        PdsClient pds = pds(NhsTracing.of(traces.openTelemetry), options().applicationId("tracing-test"));

        pds.getPatient(FULL);
        pds.search(uk.nhs.sdk.identity.pds.PatientSearch.builder()
                .family("Smith")
                .given("Jane")
                .birthDate(java.time.LocalDate.of(2010, 10, 22))
                .postcode("LS1 6AE")
                .build());

        server.verify(getRequestedFor(urlPathEqualTo(path("/Patient")))
                .withQueryParam("family", equalTo("Smith"))
                .withQueryParam("address-postalcode", equalTo("LS1 6AE")));
        assertThat(traces.sdkSpans())
                .extracting(SpanData::getName)
                .containsExactly(GET_PATIENT, GET_PATIENT, "GET /Patient", "GET /Patient");
        traces.assertNothingHolds(
                "9000000009", "Smith", "Jane", "2010-10-22", "LS1", "6AE", "tracing-test", "User-Agent", "fhir+json");
        List<String> keys = traces.sdkSpans().stream()
                .flatMap(s -> s.getAttributes().asMap().keySet().stream())
                .map(AttributeKey::getKey)
                .distinct()
                .toList();
        assertThat(keys)
                .allMatch(k -> k.startsWith("http.")
                        || k.startsWith("url.")
                        || k.startsWith("server.")
                        || k.startsWith("nhs.")
                        || k.equals("error.type"));
    }

    @Test
    void aMethodOutsideTheHttpSetIsNamedHttpWithItsTemplateAndKeepsItsOriginalName() {
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(urlPathEqualTo("/dav/things/9000000009"))
                .willReturn(aResponse().withStatus(207)));
        NhsClientOptions options =
                NhsTracing.of(traces.openTelemetry).applyTo(options()).build();
        try (NhsHttpClient http = NhsHttpClient.builder()
                .serviceName("DAV")
                .baseUrl(java.net.URI.create(server.baseUrl() + "/dav"))
                .options(options)
                .build()) {
            http.execute(NhsRequest.builder("PROPFIND", "/things/{id}")
                            .pathParam("id", "9000000009")
                            .build())
                    .close();
        }

        assertThat(traces.sdkSpans()).hasSize(2).allSatisfy(s -> {
            assertClient(s, "HTTP /things/{id}");
            assertThat(s.getAttributes().get(HTTP_REQUEST_METHOD)).isEqualTo("_OTHER");
            assertThat(s.getAttributes().get(SpanAttributes.HTTP_REQUEST_METHOD_ORIGINAL))
                    .isEqualTo("PROPFIND");
            assertThat(s.getAttributes().get(URL_TEMPLATE)).isEqualTo("/things/{id}");
        });
        traces.assertNothingHolds("9000000009");
    }

    @Test
    void whateverStatusAndCodeAHostileServerSendsTheValuesStayBounded() {
        String longCode = "9000000009 Jane Smith ".repeat(500);
        for (int status : new int[] {418, 451, 599, 999}) {
            String body =
                    "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"value\","
                            + "\"details\":{\"coding\":[{\"system\":\"https://fhir.nhs.uk/R4/CodeSystem/Spine-ErrorOrWarningCode\","
                            + "\"code\":\"" + longCode + status + "\"}]}}]}";
            server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009")))
                    .willReturn(aResponse()
                            .withStatus(status)
                            .withHeader("Content-Type", "application/fhir+json")
                            .withBody(body)));
            PdsClient pds = pds(NhsTracing.of(traces.openTelemetry), options().retry(RetryOptions.none()));

            assertThat(catchThrowable(() -> pds.getPatient(FULL))).isNotNull();
        }

        assertThat(traces.sdkSpans()).hasSize(8).allSatisfy(s -> {
            assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(s.getAttributes().get(ERROR_TYPE)).matches("[1-9][0-9]{2}");
            assertThat(s.getAttributes().get(HTTP_RESPONSE_STATUS_CODE)).isBetween(100L, 999L);
        });
        assertThat(traces.sdkSpans())
                .extracting(s -> s.getAttributes().get(NHS_ERROR_CODE))
                .containsOnly(null, "_OTHER")
                .contains("_OTHER");
        assertThat(traces.texts()).allMatch(t -> t == null || t.length() <= 256);
        traces.assertNothingHolds("9000000009", "Smith");
    }
}
