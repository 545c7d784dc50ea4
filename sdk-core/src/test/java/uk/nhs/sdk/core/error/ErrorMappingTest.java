package uk.nhs.sdk.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.nhs.sdk.core.http.ErrorDecoder;
import uk.nhs.sdk.core.http.NhsHeaders;

class ErrorMappingTest {

    @ParameterizedTest
    @CsvSource({
        "400,BadRequestException",
        "401,UnauthorizedException",
        "403,ForbiddenException",
        "404,ResourceNotFoundException",
        "410,ResourceNotFoundException",
        "409,ConflictException",
        "412,PreconditionFailedException",
        "422,UnprocessableEntityException",
        "429,RateLimitedException",
        "500,ServerErrorException",
        "503,ServerErrorException",
        "418,UnexpectedStatusException"
    })
    void theStatusChoosesTheClass(int status, String simpleName) {
        NhsServiceException e =
                NhsServiceException.forStatus(status, null, null, CallDetails.of("PDS", "rid", null, 1, null));
        assertThat(e.getClass().getSimpleName()).isEqualTo(simpleName);
        assertThat(e.status()).isEqualTo(status);
    }

    @ParameterizedTest
    @CsvSource({"INVALID_RESOURCE_ID", "RESOURCE_NOT_FOUND", "TOO_MANY_REQUESTS"})
    void theFhirDecoderReadsTheNhsCode(String code) {
        String body = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"value\","
                + "\"details\":{\"coding\":[{\"system\":\"https://fhir.nhs.uk/R4/CodeSystem/Spine-ErrorOrWarningCode\","
                + "\"version\":\"1\",\"code\":\"" + code + "\",\"display\":\"x\"}]},"
                + "\"diagnostics\":\"Invalid value - '9000000000' in field 'id'\"}]}";
        ErrorDecoder.ErrorInfo info =
                ErrorDecoder.fhir().decode(400, NhsHeaders.of(List.of()), body.getBytes(StandardCharsets.UTF_8));
        assertThat(info.errorCode()).contains(code);
        NhsServiceException e = NhsServiceException.forStatus(
                400,
                info.errorCode().orElse(null),
                info.outcome().orElse(null),
                CallDetails.of("PDS", "rid-1", "corr-1", 1, null));
        assertThat(e.getMessage())
                .isEqualTo("PDS 400 " + code + " (X-Request-ID=rid-1, X-Correlation-ID=corr-1, " + "attempts=1)");
        assertThat(e.operationOutcome().get().issues().get(0).diagnostics())
                .get()
                .asString()
                .contains("9000000000");
        assertThat(e.operationOutcome().get().toString()).doesNotContain("9000000000");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"''", "not json", "{\"resourceType\":\"Patient\"}", "[1,2]"})
    void unreadableBodiesGiveNoCode(String body) {
        assertThat(ErrorDecoder.fhir()
                        .decode(500, NhsHeaders.of(List.of()), body.getBytes(StandardCharsets.UTF_8))
                        .errorCode())
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "9434765919",
        "Jane Smith",
        "'INVALID \n 9434765919'",
        "A_CODE_THAT_IS_FAR_TOO_LONG_TO_BE_ANY_REAL_CODE_AT_ALL_0123456789",
        "PATIENT_9000000009_1",
        "P9000000009",
        "X900-000-0009",
        "N_900_000_0009",
        "A9.0.0.0.0",
        "CODE_12345"
    })
    void aCodeTheServerMadeUpThatCouldHoldPatientDataStaysOutOfTheMessage(String code) {
        NhsServiceException e =
                NhsServiceException.forStatus(400, code, null, CallDetails.of("PDS", "rid", null, 1, null));

        assertThat(e.getMessage()).doesNotContain(code).contains("an error code not shown");
        assertThat(e.errorCode()).contains(code);
    }

    @ParameterizedTest
    @CsvSource({"INVALID_RESOURCE_ID", "06", "invalid_grant", "TOO_MANY_REQUESTS", "HAPI-0427", "EPL-151", "CM_QUOTA"})
    void realCodesAreShown(String code) {
        assertThat(NhsServiceException.forStatus(400, code, null, CallDetails.of("PDS", "rid", null, 1, null))
                        .getMessage())
                .contains(" " + code + " ");
    }
}
