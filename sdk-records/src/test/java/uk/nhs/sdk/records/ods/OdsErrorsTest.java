package uk.nhs.sdk.records.ods;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.error.BadRequestException;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.error.RateLimitedException;
import uk.nhs.sdk.core.error.ResourceNotFoundException;
import uk.nhs.sdk.core.error.ServerErrorException;
import uk.nhs.sdk.core.error.UnauthorizedException;
import uk.nhs.sdk.core.error.UnexpectedStatusException;

/** Every error the ODS specification documents, and the faults every client must survive. */
class OdsErrorsTest extends OdsWireMockTest {
    private static final OdsCode RR8 = OdsCode.of("RR8");

    private static void answer(int status, String body) {
        server.stubFor(get(anyUrl())
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/fhir+json")
                        .withBody(body)));
    }

    @Test
    void notFoundIsTypedWithHapisCode() {
        answer(404, example("error-404.json"));

        ResourceNotFoundException e =
                catchThrowableOfType(ResourceNotFoundException.class, () -> client().read(OdsCode.of("8J632648")));

        assertThat(e.status()).isEqualTo(404);
        assertThat(e.errorCode()).contains("HAPI-2001");
        assertThat(e.getMessage()).doesNotContain("is not known");
        assertRequestsConform();
    }

    @Test
    void anUnknownParameterIsABadRequestWithHapisCode() {
        answer(400, example("error-400-unknown-parameter.json"));

        BadRequestException e = catchThrowableOfType(
                BadRequestException.class,
                () -> client().count(OdsSearch.builder().build()));

        assertThat(e.errorCode()).contains("HAPI-0524");
        assertThat(e.getMessage()).doesNotContain("Valid search parameters");
    }

    @Test
    void anInvalidDateIsABadRequest() {
        answer(
                400,
                "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"processing\","
                        + "\"diagnostics\":\"HAPI-1940: Invalid date/time format: \\\"gt2024-13-01\\\"\"}]}");

        BadRequestException e = catchThrowableOfType(
                BadRequestException.class,
                () -> client().organizations(OdsSearch.builder().build()).findFirst());

        assertThat(e.errorCode()).contains("HAPI-1940");
    }

    @Test
    void methodNotAllowedIsAnUnexpectedStatus() {
        answer(
                405,
                "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"processing\","
                        + "\"diagnostics\":\"HAPI-0427: HTTP Method POST is not allowed\"}]}");

        UnexpectedStatusException e = catchThrowableOfType(UnexpectedStatusException.class, () -> client().read(RR8));

        assertThat(e.status()).isEqualTo(405);
        assertThat(e.errorCode()).contains("HAPI-0427");
    }

    @Test
    void aWrongApiKeyIsUnauthorized() {
        server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(401).withBody("Access Denied")));

        UnauthorizedException e = catchThrowableOfType(UnauthorizedException.class, () -> client().read(RR8));

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).doesNotContain(API_KEY);
    }

    @Test
    void aTooCostlySearchIsTyped() {
        answer(
                422,
                "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"too-costly\","
                        + "\"diagnostics\":\"Too many records requested (Use _count and _offset)\"}]}");

        OdsTooCostlyException e = catchThrowableOfType(
                OdsTooCostlyException.class,
                () -> client().search(OdsSearch.builder().pageSize(1000).build())
                        .findFirst());

        assertThat(e.status()).isEqualTo(422);
        assertThat(e.attempts()).isEqualTo(1);
    }

    @Test
    void rateLimitedIsRetriedHonouringRetryAfterThenTyped() {
        server.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));

        RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> client().read(RR8));

        assertThat(e.attempts()).isGreaterThan(1);
        assertThat(sleeper.sleeps()).isNotEmpty().allMatch(d -> d.equals(Duration.ofSeconds(7)));
    }

    @Test
    void rateLimitedWithoutRetryAfterBacksOffThenSucceeds() {
        server.stubFor(get(anyUrl())
                .inScenario("429")
                .whenScenarioStateIs("Started")
                .willSetStateTo("ok")
                .willReturn(aResponse().withStatus(429)));
        server.stubFor(get(anyUrl())
                .inScenario("429")
                .whenScenarioStateIs("ok")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/fhir+json")
                        .withBody(example("organization-RR8.json"))));

        assertThat(client().read(RR8).name()).isEqualTo("LEEDS TEACHING HOSPITALS NHS TRUST");
        assertThat(sleeper.sleeps()).hasSize(1);
    }

    @Test
    void serviceUnavailableIsRetriedThenAServerError() {
        answer(503, "");

        ServerErrorException e = catchThrowableOfType(ServerErrorException.class, () -> client().read(RR8));

        assertThat(e.status()).isEqualTo(503);
        server.verify(e.attempts(), getRequestedFor(urlPathEqualTo(path("/Organization/RR8"))));
    }

    @Test
    void aResetConnectionIsATransportFailureAfterRetries() {
        server.stubFor(get(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        OdsClient ods = builder()
                .options(options()
                        .retry(RetryOptions.builder().maxAttempts(2).build())
                        .build())
                .build();

        NhsTransportException e = catchThrowableOfType(NhsTransportException.class, () -> ods.read(RR8));

        assertThat(e.attempts()).isEqualTo(2);
    }

    @Test
    void malformedJsonWrongContentTypeAndEmptyBodyAreDecodeFailures() {
        server.stubFor(get(anyUrl())
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/fhir+json")
                        .withBody("{\"resourceType\":\"Organiz")));
        assertThat(catchThrowableOfType(NhsDecodeException.class, () -> client().read(RR8)))
                .isNotNull();

        server.stubFor(get(anyUrl())
                .willReturn(aResponse().withHeader("Content-Type", "text/html").withBody("<html>hello</html>")));
        assertThat(catchThrowableOfType(NhsDecodeException.class, () -> client().read(RR8)))
                .isNotNull();

        server.stubFor(get(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "application/fhir+json")));
        assertThat(catchThrowableOfType(NhsDecodeException.class, () -> client().read(RR8)))
                .isNotNull();

        server.stubFor(get(anyUrl())
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/fhir+json")
                        .withBody("{\"resourceType\":\"Patient\",\"id\":\"RR8\"}")));
        NhsDecodeException wrongType = catchThrowableOfType(NhsDecodeException.class, () -> client().read(RR8));
        assertThat(wrongType).hasMessageContaining("not an Organization");
    }

    @Test
    void theDefaultRateLimitMakesCallsWaitPastSixteenASecond() {
        server.stubFor(get(anyUrl())
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/fhir+json")
                        .withBody(example("organization-RR8.json"))));
        NhsClientOptions defaults =
                NhsClientOptions.builder().clock(clock).sleeper(sleeper).build();
        OdsClient ods = builder().options(defaults).build();

        for (int i = 0; i < 40; i++) {
            ods.read(RR8);
        }

        assertThat(sleeper.sleeps()).as("waits for a rate-limit permit").isNotEmpty();
    }
}
