package uk.nhs.sdk.identity.pds;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static uk.nhs.sdk.identity.pds.PdsTestData.captured;
import static uk.nhs.sdk.identity.pds.PdsTestData.fhir;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsTimeoutException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.error.RateLimitedException;

/** Faults: rate limits, unavailability, resets, slow and malformed bodies. */
class PdsFaultTest extends PdsWireMockTest {

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
    void a429WithoutRetryAfterBacksOffExponentiallyThenSucceeds() {
        sequence(
                fhir(429, "constructed/TOO_MANY_REQUESTS.json"),
                fhir(429, "constructed/TOO_MANY_REQUESTS.json"),
                captured("retrieve-9000000009"));

        RetrievedPatient r = client().getPatient(FULL);

        assertThat(r.version()).isEqualTo(2);
        List<Duration> waits = sleeper.sleeps();
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(375), Duration.ofMillis(500));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1000));
    }

    @Test
    void a429ThatPersistsIsRateLimitedWithoutARetryAfter() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009")))
                .willReturn(fhir(429, "constructed/TOO_MANY_REQUESTS.json")));

        RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> client().getPatient(FULL));

        assertThat(e.errorCode()).contains("TOO_MANY_REQUESTS");
        assertThat(e.retryAfter()).isEmpty();
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.getMessage()).doesNotContain("high volume");
    }

    @Test
    void a503WithRetryAfterOnARetrievalWaitsAsAsked() {
        sequence(
                fhir(503, "constructed/SERVICE_UNAVAILABLE.json").withHeader("Retry-After", "5"),
                captured("retrieve-9000000009"));

        client().getPatient(FULL);

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(5));
        server.verify(2, getRequestedFor(urlPathEqualTo(path("/Patient/9000000009"))));
    }

    @Test
    void aConnectionResetIsRetried() {
        sequence(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), captured("retrieve-9000000009"));

        assertThat(client().getPatient(FULL).version()).isEqualTo(2);
    }

    @Test
    void aResetEveryTimeIsATransportError() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009")))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        NhsTransportException e = catchThrowableOfType(NhsTransportException.class, () -> client().getPatient(FULL));

        assertThat(e.attempts()).isEqualTo(3);
    }

    @Test
    void aSlowBodyBeyondTheAttemptTimeoutTimesOut() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009")))
                .willReturn(captured("retrieve-9000000009").withChunkedDribbleDelay(5, 2000)));
        PdsClient pds = builder()
                .options(options()
                        .attemptTimeout(Duration.ofMillis(300))
                        .retry(uk.nhs.sdk.core.RetryOptions.builder()
                                .maxAttempts(1)
                                .build())
                        .build())
                .build();

        NhsTimeoutException e = catchThrowableOfType(NhsTimeoutException.class, () -> pds.getPatient(FULL));

        assertThat(e).isNotNull();
        assertThat(e.outcomeUnknown()).isFalse();
    }

    @Test
    void malformedJsonIsADecodeError() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009")))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/fhir+json")
                        .withBody("{\"resourceType\":\"Patient\",")));

        NhsDecodeException e = catchThrowableOfType(NhsDecodeException.class, () -> client().getPatient(FULL));

        assertThat(e.getMessage()).contains("not valid JSON");
        assertThat(e.requestId()).isPresent();
    }

    @Test
    void aWrongContentTypeIsADecodeError() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009")))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html>gateway</html>")));

        NhsDecodeException e = catchThrowableOfType(NhsDecodeException.class, () -> client().getPatient(FULL));

        assertThat(e.getMessage()).contains("not JSON");
    }

    @Test
    void anEmptyBodyIsADecodeError() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/fhir+json")));

        NhsDecodeException e = catchThrowableOfType(NhsDecodeException.class, () -> client().getPatient(FULL));

        assertThat(e.getMessage()).contains("empty");
    }

    @Test
    void aCodeOutsideItsCodeSetIsADecodeErrorNamingTheField() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009")))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/fhir+json")
                        .withHeader("ETag", "W/\"1\"")
                        .withBody("{\"resourceType\":\"Patient\",\"id\":\"9000000009\",\"gender\":\"mal\"}")));

        NhsDecodeException e = catchThrowableOfType(NhsDecodeException.class, () -> client().getPatient(FULL));

        assertThat(e.getMessage()).contains("gender").doesNotContain("mal\"");
    }
}
