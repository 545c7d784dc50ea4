package uk.nhs.sdk.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.CallOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsValidationException;

/** Argument mistakes fail with NhsValidationException before any I/O. */
class BadInputTest {
    @Test
    void aPathParameterThatWouldAddressAnotherResourceIsRefused() {
        for (String value : new String[] {"", ".", ".."}) {
            assertThatThrownBy(() -> NhsRequest.builder("DELETE", "/DocumentReference/{id}")
                            .pathParam("id", value))
                    .as("'%s'", value)
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageContaining("{id}");
        }
        assertThat(NhsRequest.builder("GET", "/x/{id}")
                        .pathParam("id", "...")
                        .build()
                        .encodedPath())
                .isEqualTo("/x/...");
        assertThat(NhsRequest.builder("GET", "/x/{id}")
                        .pathParam("id", "../y")
                        .build()
                        .encodedPath())
                .isEqualTo("/x/..%2Fy");
    }

    @Test
    void aDurationTooLongForTheClockOrOkHttpIsRefusedWhenSetNotAtTheFirstCall() {
        Duration absurd = Duration.ofSeconds(Long.MAX_VALUE);
        Duration month = Duration.ofDays(30);
        assertThatThrownBy(() -> CallOptions.builder().deadline(absurd)).isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> NhsClientOptions.builder().deadline(absurd))
                .isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> NhsClientOptions.builder().attemptTimeout(month))
                .isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> NhsClientOptions.builder().connectTimeout(month))
                .isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> RetryOptions.builder().initialBackoff(absurd))
                .isInstanceOf(NhsValidationException.class);
        assertThat(CallOptions.builder().deadline(Duration.ofDays(24)).build().deadline())
                .contains(Duration.ofDays(24));
    }

    @Test
    void aBaseUrlOkHttpCannotParseIsAConfigurationError() {
        assertThatThrownBy(() -> NhsHttpClient.builder()
                        .serviceName("T")
                        .baseUrl(URI.create("https://host:99999/x"))
                        .build())
                .isInstanceOf(NhsConfigurationException.class);
    }

    @Test
    void aMethodOkHttpWouldRefuseIsAValidationErrorWhenTheRequestIsBuilt() {
        NhsRequestBody body = NhsRequestBody.ofString("{}", "application/json");
        assertThatThrownBy(() -> NhsRequest.builder("GET", "/x").body(body).build())
                .isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> NhsRequest.builder("HEAD", "/x").body(body).build())
                .isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> NhsRequest.builder("", "/x")).isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> NhsRequest.builder("GET /admin HTTP/1.1\r\n", "/x"))
                .isInstanceOf(NhsValidationException.class);
        assertThat(NhsRequest.builder("delete", "/x").build().method()).isEqualTo("DELETE");
    }
}
