package uk.nhs.sdk.identity.pds;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static uk.nhs.sdk.identity.pds.PdsTestData.captured;
import static uk.nhs.sdk.identity.pds.PdsTestData.fhir;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.time.LocalDate;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.nhs.sdk.core.error.BadRequestException;
import uk.nhs.sdk.core.error.ConflictException;
import uk.nhs.sdk.core.error.ForbiddenException;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.error.PreconditionFailedException;
import uk.nhs.sdk.core.error.RateLimitedException;
import uk.nhs.sdk.core.error.ResourceNotFoundException;
import uk.nhs.sdk.core.error.ServerErrorException;
import uk.nhs.sdk.core.error.UnauthorizedException;
import uk.nhs.sdk.core.error.UnexpectedStatusException;

/**
 * Every error code of PDS's retrieve, search, update and related-person error tables maps to the
 * exception for its status, carrying the code; no message holds the body or its diagnostics.
 */
class PdsErrorMappingTest extends PdsWireMockTest {
    private static final PatientPatch PATCH =
            PatientPatch.builder().replace("/gender", "male").build();
    private static final PatientSearch SEARCH = PatientSearch.builder()
            .family("Smith")
            .birthDate(LocalDate.of(2010, 10, 22))
            .build();

    enum Call {
        GET(pds -> pds.getPatient(FULL)),
        SEARCH(pds -> pds.search(PdsErrorMappingTest.SEARCH)),
        UPDATE(pds -> pds.update(FULL, 2, PATCH)),
        RELATED(pds -> pds.relatedPersons(FULL));

        final Consumer<PdsClient> call;

        Call(Consumer<PdsClient> call) {
            this.call = call;
        }
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(
                        Call.GET,
                        captured("retrieve-invalid-nhs-number-9000000000"),
                        BadRequestException.class,
                        400,
                        "INVALID_RESOURCE_ID",
                        1),
                Arguments.of(
                        Call.GET,
                        fhir(400, "errors/UNSUPPORTED_SERVICE.json"),
                        BadRequestException.class,
                        400,
                        "UNSUPPORTED_SERVICE",
                        1),
                Arguments.of(
                        Call.GET,
                        captured("retrieve-missing-x-request-id"),
                        BadRequestException.class,
                        400,
                        "MISSING_VALUE",
                        1),
                Arguments.of(
                        Call.GET,
                        captured("retrieve-non-uuid-x-request-id"),
                        BadRequestException.class,
                        400,
                        "INVALID_VALUE",
                        1),
                Arguments.of(
                        Call.SEARCH,
                        fhir(400, "errors/INVALID_SEARCH_DATA.json"),
                        BadRequestException.class,
                        400,
                        "INVALID_SEARCH_DATA",
                        1),
                Arguments.of(
                        Call.SEARCH,
                        captured("search-unknown-param"),
                        BadRequestException.class,
                        400,
                        "ADDITIONAL_PROPERTIES",
                        1),
                Arguments.of(
                        Call.GET,
                        fhir(401, "proxy-errors/invalid_access_token.json"),
                        UnauthorizedException.class,
                        401,
                        "ACCESS_DENIED",
                        1),
                Arguments.of(
                        Call.GET,
                        fhir(401, "proxy-errors/missing_authorization_header.json"),
                        UnauthorizedException.class,
                        401,
                        "ACCESS_DENIED",
                        1),
                Arguments.of(
                        Call.GET,
                        fhir(403, "errors/ACCESS_DENIED.json"),
                        ForbiddenException.class,
                        403,
                        "ACCESS_DENIED",
                        1),
                Arguments.of(
                        Call.SEARCH,
                        fhir(403, "errors/INVALID_VALUE.json"),
                        ForbiddenException.class,
                        403,
                        "INVALID_VALUE",
                        1),
                Arguments.of(
                        Call.UPDATE,
                        fhir(403, "errors/INVALID_METHOD.json"),
                        ForbiddenException.class,
                        403,
                        "INVALID_METHOD",
                        1),
                Arguments.of(
                        Call.GET,
                        captured("retrieve-not-found-9111231130"),
                        ResourceNotFoundException.class,
                        404,
                        "RESOURCE_NOT_FOUND",
                        1),
                Arguments.of(
                        Call.GET,
                        fhir(404, "errors/INVALIDATED_RESOURCE.json"),
                        ResourceNotFoundException.class,
                        404,
                        "INVALIDATED_RESOURCE",
                        1),
                Arguments.of(
                        Call.RELATED,
                        fhir(404, "errors/INVALIDATED_RESOURCE.json"),
                        ResourceNotFoundException.class,
                        404,
                        "INVALIDATED_RESOURCE",
                        1),
                Arguments.of(
                        Call.GET,
                        fhir(408, "constructed/UNABLE_TO_CALL_SERVICE.json"),
                        UnexpectedStatusException.class,
                        408,
                        "UNABLE_TO_CALL_SERVICE",
                        3),
                Arguments.of(
                        Call.GET,
                        fhir(429, "constructed/TOO_MANY_REQUESTS.json"),
                        RateLimitedException.class,
                        429,
                        "TOO_MANY_REQUESTS",
                        3),
                Arguments.of(
                        Call.UPDATE,
                        fhir(503, "constructed/SERVICE_UNAVAILABLE.json"),
                        ServerErrorException.class,
                        503,
                        "SERVICE_UNAVAILABLE",
                        3),
                Arguments.of(
                        Call.UPDATE,
                        fhir(400, "errors/INVALID_UPDATE.json"),
                        BadRequestException.class,
                        400,
                        "INVALID_UPDATE",
                        1),
                Arguments.of(
                        Call.UPDATE,
                        fhir(400, "errors/TOO_FEW_VALUES_SUBMITTED.json"),
                        BadRequestException.class,
                        400,
                        "TOO_FEW_VALUES_SUBMITTED",
                        1),
                Arguments.of(
                        Call.UPDATE,
                        fhir(400, "errors/TOO_MANY_VALUES_SUBMITTED.json"),
                        BadRequestException.class,
                        400,
                        "TOO_MANY_VALUES_SUBMITTED",
                        1),
                Arguments.of(
                        Call.UPDATE,
                        fhir(403, "errors/FORBIDDEN_UPDATE.json"),
                        ForbiddenException.class,
                        403,
                        "FORBIDDEN_UPDATE",
                        1),
                Arguments.of(
                        Call.UPDATE,
                        fhir(409, "errors/RESOURCE_VERSION_MISMATCH.json"),
                        ConflictException.class,
                        409,
                        "RESOURCE_VERSION_MISMATCH",
                        1),
                Arguments.of(
                        Call.UPDATE,
                        fhir(412, "errors/PRECONDITION_FAILED.json"),
                        PreconditionFailedException.class,
                        412,
                        "PRECONDITION_FAILED",
                        1));
    }

    @ParameterizedTest(name = "{0} {3} {4}")
    @MethodSource("errors")
    void mapsToTheExceptionForItsStatusWithTheNhsCode(
            Call call,
            ResponseDefinitionBuilder answer,
            Class<? extends NhsServiceException> type,
            int status,
            String code,
            int attempts) {
        server.stubFor(any(urlPathMatching(BASE + "/Patient.*")).willReturn(answer));

        NhsServiceException e = catchThrowableOfType(type, () -> call.call.accept(client()));

        assertThat(e).as("expected %s", type.getSimpleName()).isNotNull();
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.errorCode()).contains(code);
        assertThat(e.operationOutcome()).isPresent();
        assertThat(e.attempts()).isEqualTo(attempts);
        assertThat(e.requestId()).hasValueSatisfying(id -> assertThat(id).matches(UUID_PATTERN));
        assertThat(e.getMessage())
                .startsWith("PDS " + status + " " + code)
                .doesNotContain("diagnostics")
                .doesNotContain("Invalid")
                .doesNotContain("1234")
                .doesNotContain("9000000009");
    }
}
