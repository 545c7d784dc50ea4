package uk.nhs.sdk.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NhsErrorCodesTest {

    @ParameterizedTest
    @CsvSource({
        // PDS, MESH, NRL, ODS, Notify, API Platform OAuth2 / RFC 6749
        "RESOURCE_NOT_FOUND",
        "INVALID_RESOURCE_ID",
        "TOO_MANY_MATCHES",
        "UNSUPPORTED_REQUEST",
        "06",
        "12",
        "EPL-151",
        "InvalidHeaderChunks",
        "ACCESS_DENIED_LEVEL",
        "INVALID_NHS_NUMBER",
        "MISSING_OR_INVALID_HEADER",
        "AUTHOR_CREDENTIALS_ERROR",
        "HAPI-2001",
        "HAPI-0427",
        "CM_QUOTA",
        "CM_INVALID_NHS_NUMBER",
        "CM_RETRY_TOO_EARLY",
        "invalid_client",
        "invalid_grant",
        "public_key error",
        "unsupported_grant_type"
    })
    void eachServicesDocumentedCodesAreDocumented(String code) {
        assertThat(NhsErrorCodes.isDocumented(code)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "9000000009",
        "PATIENT_9000000009_1",
        "resource_not_found",
        "'RESOURCE_NOT_FOUND '",
        "''",
        "other",
        "NOT_SUPPORTED_SEARCH",
        "Jane Smith"
    })
    void anythingElseIsNot(String code) {
        assertThat(NhsErrorCodes.isDocumented(code)).isFalse();
    }

    @Test
    void nullIsNotDocumentedAndDoesNotThrow() {
        assertThat(NhsErrorCodes.isDocumented(null)).isFalse();
    }

    @Test
    void theSetIsUnmodifiableAndEveryCodeInItIsShownInAnExceptionMessage() {
        assertThat(NhsErrorCodes.documented()).hasSizeGreaterThan(100).allMatch(NhsErrorCodes::isDocumented);
        assertThatThrownBy(() -> NhsErrorCodes.documented().add("X")).isInstanceOf(UnsupportedOperationException.class);
        for (String code : NhsErrorCodes.documented()) {
            if (code.indexOf(' ') < 0) {
                assertThat(NhsServiceException.forStatus(400, code, null, CallDetails.none())
                                .getMessage())
                        .as(code)
                        .contains(" " + code);
            }
        }
    }
}
