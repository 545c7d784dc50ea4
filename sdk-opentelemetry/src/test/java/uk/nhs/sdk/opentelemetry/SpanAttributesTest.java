package uk.nhs.sdk.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.error.NhsTimeoutException;
import uk.nhs.sdk.core.error.NhsTransportException;

/** The rules that keep attribute values bounded and free of patient data. */
class SpanAttributesTest {

    @Test
    void errorTypeIsTheStatusOfAServiceErrorTheSdkClassNameOfOthersAndOtherBeyond() {
        assertThat(SpanAttributes.errorType(NhsServiceException.forStatus(422, "X", null, CallDetails.none())))
                .isEqualTo("422");
        assertThat(SpanAttributes.errorType(new NhsTimeoutException("t", CallDetails.none(), false, null, null)))
                .isEqualTo("NhsTimeoutException");
        assertThat(SpanAttributes.errorType(new NhsTransportException("t", CallDetails.none(), true, null, null)))
                .isEqualTo("NhsTransportException");
        assertThat(SpanAttributes.errorType(new NhsDecodeException("d", CallDetails.none(), null)))
                .isEqualTo("NhsDecodeException");
        assertThat(SpanAttributes.errorType(new IllegalStateException("9000000009")))
                .isEqualTo("_OTHER");
        assertThat(SpanAttributes.errorType(new RuntimeException() {})).isEqualTo("_OTHER");
    }

    @Test
    void onlyDocumentedErrorCodesAreKept() {
        assertThat(NhsErrorCodes.bounded("INVALID_RESOURCE_ID")).isEqualTo("INVALID_RESOURCE_ID");
        assertThat(NhsErrorCodes.bounded("CM_INVALID_NHS_NUMBER")).isEqualTo("CM_INVALID_NHS_NUMBER");
        assertThat(NhsErrorCodes.bounded("12")).isEqualTo("12");
        assertThat(NhsErrorCodes.bounded("invalid_grant")).isEqualTo("invalid_grant");
        assertThat(NhsErrorCodes.bounded("9000000009")).isEqualTo("_OTHER");
        assertThat(NhsErrorCodes.bounded("resource_not_found"))
                .as("exact case only")
                .isEqualTo("_OTHER");
        assertThat(NhsErrorCodes.bounded("")).isEqualTo("_OTHER");
    }

    @Test
    void everyCodeTheFactSheetsDocumentIsKept() {
        // records.md (NRL, ODS), identity.md (PDS proxy, API Platform token endpoint); access_denied: RFC 6749
        for (String code : List.of(
                "MISSING_OR_INVALID_HEADER",
                "RESOURCE_REMOVED",
                "HAPI-0427",
                "HAPI-0524",
                "HAPI-1940",
                "HAPI-2001",
                "UNSUPPORTED_REQUEST",
                "public_key error",
                "access_denied")) {
            assertThat(NhsErrorCodes.bounded(code)).as(code).isEqualTo(code);
        }
    }

    @Test
    void aTokenProviderNameIsKeptOnlyWhenItLooksLikeAFixedName() {
        assertThat(SpanEvents.providerName("OAuth2 token")).isEqualTo("OAuth2 token");
        assertThat(SpanEvents.providerName("token exchange")).isEqualTo("token exchange");
        assertThat(SpanEvents.providerName("token for 9000000009")).isEqualTo("_OTHER");
        assertThat(SpanEvents.providerName("https://auth.example/token")).isEqualTo("_OTHER");
        assertThat(SpanEvents.providerName("x".repeat(49))).isEqualTo("_OTHER");
        assertThat(SpanEvents.providerName(null)).isEqualTo("_OTHER");
    }

    @Test
    void tracingSaysWhetherItPropagatesAndNeverNeedsAnSdk() {
        assertThat(NhsTracing.of(OpenTelemetry.noop()).propagatesTraceContext()).isFalse();
        assertThat(NhsTracing.builder(OpenTelemetry.noop())
                        .propagateTraceContext(true)
                        .build()
                        .toString())
                .isEqualTo("NhsTracing[propagateTraceContext=true]");
    }
}
