package uk.nhs.sdk.identity.pds;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static uk.nhs.sdk.identity.pds.PdsTestData.captured;
import static uk.nhs.sdk.identity.pds.PdsTestData.fhir;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.error.ConflictException;
import uk.nhs.sdk.core.error.ForbiddenException;
import uk.nhs.sdk.core.error.NhsTimeoutException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.error.PreconditionFailedException;
import uk.nhs.sdk.core.error.ServerErrorException;

/** {@code PATCH /Patient/{id}} against the captured sandbox exchanges. */
class PdsUpdateTest extends PdsWireMockTest {
    private static final PatientPatch GENDER =
            PatientPatch.builder().replace("/gender", "male").build();

    @Test
    void sendsTheWrappedPatchWithIfMatchAndContentTypeAndReturnsTheNewVersion() {
        server.stubFor(patch(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(captured("patch-gender-ok")));

        UpdateResult r = client().update(FULL, 2, GENDER);

        assertThat(r.version()).isEqualTo(3);
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(r.patient().gender()).contains(Gender.MALE);
        server.verify(patchRequestedFor(urlPathEqualTo(path("/Patient/9000000009")))
                .withHeader("If-Match", equalTo("W/\"2\""))
                .withHeader("Content-Type", equalTo("application/json-patch+json"))
                .withHeader("X-Request-ID", matching(UUID_PATTERN))
                .withoutHeader("Prefer")
                .withRequestBody(equalToJson(PdsTestData.text("patch-requests/update-gender.json"))));
    }

    @Test
    void aStaleVersionIsAConflict() {
        server.stubFor(
                patch(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(captured("patch-version-mismatch")));

        ConflictException e = catchThrowableOfType(ConflictException.class, () -> client().update(FULL, 1, GENDER));

        assertThat(e.status()).isEqualTo(409);
        assertThat(e.errorCode()).contains("RESOURCE_VERSION_MISMATCH");
        assertThat(e.attempts()).isEqualTo(1);
    }

    @Test
    void aMissingIfMatchIsAPreconditionFailure() {
        server.stubFor(
                patch(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(captured("patch-missing-if-match")));

        PreconditionFailedException e =
                catchThrowableOfType(PreconditionFailedException.class, () -> client().update(FULL, 2, GENDER));

        assertThat(e.status()).isEqualTo(412);
        assertThat(e.errorCode()).contains("PRECONDITION_FAILED");
        assertThat(e.getMessage()).doesNotContain("If-Match header must be supplied");
    }

    @Test
    void a503WithRetryAfterIsResentAfterTheWaitWithTheSameRequestId() {
        server.stubFor(patch(urlPathEqualTo(path("/Patient/9000000009")))
                .inScenario("slow")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(fhir(503, "constructed/SERVICE_UNAVAILABLE.json").withHeader("Retry-After", "5"))
                .willSetStateTo("applied"));
        server.stubFor(patch(urlPathEqualTo(path("/Patient/9000000009")))
                .inScenario("slow")
                .whenScenarioStateIs("applied")
                .willReturn(captured("patch-gender-ok")));

        UpdateResult r = client().update(FULL, 2, GENDER);

        assertThat(r.attempts()).isEqualTo(2);
        assertThat(r.version()).isEqualTo(3);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(5));
        List<LoggedRequest> sent = server.findAll(patchRequestedFor(urlPathEqualTo(path("/Patient/9000000009"))));
        assertThat(sent).hasSize(2);
        assertThat(sent).extracting(q -> q.getHeader("X-Request-ID")).containsOnly(r.requestId());
        assertThat(sent).extracting(q -> q.getHeader("If-Match")).containsOnly("W/\"2\"");
        assertThat(sent.get(0).getBodyAsString()).isEqualTo(sent.get(1).getBodyAsString());
    }

    @Test
    void whenThe503sRunOutTheExceptionCarriesTheIdToResendWith() {
        server.stubFor(patch(urlPathEqualTo(path("/Patient/9000000009")))
                .willReturn(fhir(503, "constructed/SERVICE_UNAVAILABLE.json").withHeader("Retry-After", "5")));

        ServerErrorException e =
                catchThrowableOfType(ServerErrorException.class, () -> client().update(FULL, 2, GENDER));

        assertThat(e.status()).isEqualTo(503);
        assertThat(e.errorCode()).contains("SERVICE_UNAVAILABLE");
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(5));
        assertThat(e.attempts()).isEqualTo(3);
        String id = e.requestId().orElseThrow();

        server.resetAll();
        server.stubFor(patch(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(captured("patch-gender-ok")));
        UpdateResult r = client().update(FULL, 2, GENDER, UUID.fromString(id));
        assertThat(r.requestId()).isEqualTo(id);
        server.verify(
                patchRequestedFor(urlPathEqualTo(path("/Patient/9000000009"))).withHeader("X-Request-ID", equalTo(id)));
    }

    @Test
    void anUpdateWithNoAnswerIsResentWithTheSameIdThenReportedAsUnknownWithThatId() {
        server.stubFor(patch(urlPathEqualTo(path("/Patient/9000000009")))
                .willReturn(captured("patch-gender-ok").withFixedDelay(2000)));
        PdsClient pds = builder()
                .options(options()
                        .attemptTimeout(Duration.ofMillis(200))
                        .retry(RetryOptions.builder().maxAttempts(2).build())
                        .build())
                .build();

        NhsTimeoutException e = catchThrowableOfType(NhsTimeoutException.class, () -> pds.update(FULL, 2, GENDER));

        assertThat(e).isNotNull();
        assertThat(e.outcomeUnknown())
                .as("the patch was sent, so PDS may have applied it")
                .isTrue();
        assertThat(e.attempts()).isEqualTo(2);
        String id = e.requestId().orElseThrow();
        assertThat(e.reconcileId()).contains(id);
        List<LoggedRequest> sent = server.findAll(patchRequestedFor(urlPathEqualTo(path("/Patient/9000000009"))));
        assertThat(sent).hasSize(2);
        assertThat(sent).extracting(q -> q.getHeader("X-Request-ID")).containsOnly(id);
    }

    @Test
    void updatingARetrievedPatientUsesItsCurrentNumberAndVersion() {
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(path("/Patient/9000000017")))
                .willReturn(fhir(200, "examples/Patient.json").withHeader("ETag", "W/\"2\"")));
        server.stubFor(patch(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(captured("patch-gender-ok")));
        PdsClient pds = client();

        RetrievedPatient superseded = pds.getPatient(RELATED);
        UpdateResult r = pds.update(superseded, GENDER);

        assertThat(r.version()).isEqualTo(3);
        server.verify(patchRequestedFor(urlPathEqualTo(path("/Patient/9000000009")))
                .withHeader("If-Match", equalTo("W/\"2\"")));
    }

    @Test
    void aForbiddenUpdateCarriesItsCode() {
        server.stubFor(patch(urlPathEqualTo(path("/Patient/9000000009")))
                .willReturn(fhir(403, "errors/FORBIDDEN_UPDATE.json")));

        ForbiddenException e = catchThrowableOfType(ForbiddenException.class, () -> client().update(FULL, 2, GENDER));

        assertThat(e.errorCode()).contains("FORBIDDEN_UPDATE");
        assertThat(e.attempts()).isEqualTo(1);
    }

    @Test
    void aNegativeVersionIsRefusedBeforeAnyCall() {
        NhsValidationException e =
                catchThrowableOfType(NhsValidationException.class, () -> client().update(FULL, -1, GENDER));

        assertThat(e.field()).isEqualTo("version");
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void anInvalidPatchBodyAnswerIsABadRequest() {
        server.stubFor(patch(urlPathEqualTo(path("/Patient/9000000009")))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/fhir+json")
                        .withBody(PdsTestData.text("errors/INVALID_UPDATE.json"))));

        uk.nhs.sdk.core.error.BadRequestException e = catchThrowableOfType(
                uk.nhs.sdk.core.error.BadRequestException.class, () -> client().update(FULL, 2, GENDER));

        assertThat(e.errorCode()).contains("INVALID_UPDATE");
    }
}
