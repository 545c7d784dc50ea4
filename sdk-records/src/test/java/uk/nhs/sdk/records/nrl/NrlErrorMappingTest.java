package uk.nhs.sdk.records.nrl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.nhs.sdk.core.error.BadRequestException;
import uk.nhs.sdk.core.error.ForbiddenException;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.error.ResourceNotFoundException;
import uk.nhs.sdk.core.error.ServerErrorException;
import uk.nhs.sdk.core.error.UnauthorizedException;
import uk.nhs.sdk.core.error.UnprocessableEntityException;

/**
 * Every NRL error code of the fact sheet's §1.5 maps to the exception for its status, carrying the
 * code as {@link NrlErrorCode}; messages never hold the body or its diagnostics.
 */
class NrlErrorMappingTest extends NrlWireMockTest {

    enum Call {
        SEARCH(c -> c.consumer().search(PATIENT)),
        READ(c -> c.consumer().read("Y05868-1234567892")),
        CREATE(c -> c.producer().create(newPointer())),
        UPDATE(c -> c.producer()
                .update(newPointer().toBuilder().id("Y05868-1234567892").build())),
        DELETE(c -> c.producer().delete("Y05868-1234567892")),
        PRODUCER_READ(c -> c.producer().read("Y05868-1234567892"));

        final Consumer<NrlErrorMappingTest> call;

        Call(Consumer<NrlErrorMappingTest> call) {
            this.call = call;
        }
    }

    static Stream<Arguments> documentedErrors() {
        return Stream.of(
                Arguments.of(
                        Call.SEARCH,
                        400,
                        "error-invalid-parameter.json",
                        BadRequestException.class,
                        NrlErrorCode.INVALID_PARAMETER),
                Arguments.of(
                        Call.SEARCH,
                        400,
                        "error-message-not-well-formed.json",
                        BadRequestException.class,
                        NrlErrorCode.MESSAGE_NOT_WELL_FORMED),
                Arguments.of(
                        Call.READ,
                        403,
                        "error-another-organisation.json",
                        ForbiddenException.class,
                        NrlErrorCode.VALIDATION_ERROR),
                Arguments.of(
                        Call.CREATE,
                        400,
                        "error-invalid-resource.json",
                        BadRequestException.class,
                        NrlErrorCode.INVALID_RESOURCE),
                Arguments.of(
                        Call.UPDATE,
                        400,
                        "error-message-not-well-formed.json",
                        BadRequestException.class,
                        NrlErrorCode.MESSAGE_NOT_WELL_FORMED),
                Arguments.of(
                        Call.DELETE,
                        403,
                        "error-delete-another-organisation.json",
                        ForbiddenException.class,
                        NrlErrorCode.ACCESS_DENIED),
                Arguments.of(
                        Call.PRODUCER_READ,
                        403,
                        "error-author-credentials.json",
                        ForbiddenException.class,
                        NrlErrorCode.AUTHOR_CREDENTIALS_ERROR));
    }

    @ParameterizedTest(name = "{0} {1} {4}")
    @MethodSource("documentedErrors")
    void theSpecsErrorExamplesMapToTheirClassAndCode(
            Call call, int status, String body, Class<? extends NhsServiceException> type, NrlErrorCode code) {
        server.stubFor(any(urlPathMatching(".*")).willReturn(fhir(status, body)));

        NhsServiceException e = catchThrowableOfType(type, () -> call.call.accept(this));

        assertThat(e.status()).isEqualTo(status);
        assertThat(NrlErrorCode.of(e)).isEqualTo(code);
        assertThat(e.errorCode()).contains(code.name());
        assertThat(e.getMessage())
                .doesNotContain("another organisation")
                .doesNotContain("not valid")
                .doesNotContain("could not be parsed");
    }

    static Stream<Arguments> everyCode() {
        return Stream.of(
                Arguments.of(400, "BAD_REQUEST", BadRequestException.class),
                Arguments.of(400, "INVALID_PARAMETER", BadRequestException.class),
                Arguments.of(400, "MESSAGE_NOT_WELL_FORMED", BadRequestException.class),
                Arguments.of(400, "INVALID_RESOURCE", BadRequestException.class),
                Arguments.of(400, "INVALID_NHS_NUMBER", BadRequestException.class),
                Arguments.of(400, "INVALID_CODE_SYSTEM", BadRequestException.class),
                Arguments.of(400, "INVALID_CODE_VALUE", BadRequestException.class),
                Arguments.of(400, "INVALID_IDENTIFIER_SYSTEM", BadRequestException.class),
                Arguments.of(400, "INVALID_IDENTIFIER_VALUE", BadRequestException.class),
                Arguments.of(400, "PRECONDITION_FAILED", BadRequestException.class),
                Arguments.of(400, "MISSING_OR_INVALID_HEADER", BadRequestException.class),
                Arguments.of(401, "ACCESS_DENIED", UnauthorizedException.class),
                Arguments.of(403, "ACCESS_DENIED", ForbiddenException.class),
                Arguments.of(403, "ACCESS_DENIED_LEVEL", ForbiddenException.class),
                Arguments.of(404, "RESOURCE_NOT_FOUND", ResourceNotFoundException.class),
                Arguments.of(422, "UNPROCESSABLE_ENTITY", UnprocessableEntityException.class),
                Arguments.of(500, "INTERNAL_SERVER_ERROR", ServerErrorException.class));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyCode")
    void everyCodeOfTheFactSheetMapsToItsStatusClassAndEnum(
            int status, String code, Class<? extends NhsServiceException> type) {
        server.stubFor(any(urlPathMatching(".*"))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", FHIR_JSON)
                        .withBody(outcome(code, "secret diagnostics 9000000017"))));

        NhsServiceException e = catchThrowableOfType(type, () -> producer().create(newPointer()));

        assertThat(NrlErrorCode.of(e).name()).isEqualTo(code);
        assertThat(e).isNotInstanceOf(NoPointerTypesException.class);
        assertThat(e.getMessage()).contains(code).doesNotContain("secret").doesNotContain("9000000017");
    }

    @Test
    void aForbiddenOdsCodeWithNoPointerTypesSaysSoInWords() {
        server.stubFor(any(urlPathMatching(".*"))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", FHIR_JSON)
                        .withBody(
                                outcome("ACCESS_DENIED", "Provided ODS code has no pointers within requesting app"))));

        NoPointerTypesException e = catchThrowableOfType(
                NoPointerTypesException.class, () -> consumer().search(PATIENT));

        assertThat(e).isInstanceOf(ForbiddenException.class);
        assertThat(NrlErrorCode.of(e)).isEqualTo(NrlErrorCode.ACCESS_DENIED);
        assertThat(e.getMessage())
                .contains("ODS code")
                .contains("no pointer types")
                .contains("X-Request-ID=");
        assertThat(e.requestId()).isPresent();
    }

    @Test
    void anUnknownCodeIsOther() {
        assertThat(NrlErrorCode.fromCode("SOMETHING_NEW")).isEqualTo(NrlErrorCode.OTHER);
        assertThat(NrlErrorCode.fromCode(null)).isEqualTo(NrlErrorCode.OTHER);
    }

    /** An OperationOutcome as NRL's proxy and backend shape it. */
    static String outcome(String code, String diagnostics) {
        return "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"processing\","
                + "\"details\":{\"coding\":[{\"system\":\"https://fhir.nhs.uk/CodeSystem/Spine-ErrorOrWarningCode\","
                + "\"version\":\"1\",\"code\":\"" + code + "\",\"display\":\"" + code + "\"}]},"
                + "\"diagnostics\":\"" + diagnostics + "\"}]}";
    }

    @Test
    void theNoPointerTypesRefusalIsRecognisedWhereverTheOutcomeSaysIt() {
        String inDetailsText = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                + "\"code\":\"forbidden\",\"details\":{\"coding\":[{\"system\":"
                + "\"https://fhir.nhs.uk/CodeSystem/Spine-ErrorOrWarningCode\",\"code\":\"ACCESS_DENIED\"}],"
                + "\"text\":\"Provided ODS code has no pointers within requesting app.\"}}]}";
        server.stubFor(any(urlPathMatching(".*"))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", FHIR_JSON)
                        .withBody(inDetailsText)));

        assertThat(catchThrowableOfType(
                        ForbiddenException.class, () -> consumer().search(PATIENT)))
                .isInstanceOf(NoPointerTypesException.class);
    }
}
