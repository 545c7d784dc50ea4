package uk.nhs.sdk.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.error.NhsValidationException;

/** Argument mistakes fail with NhsValidationException before any I/O. */
class BadInputTest {
    @Test
    void aPathParameterThatWouldAddressAnotherResourceIsRefused() {
        for (String value : new String[] {"", ".", ".."}) {
            assertThatThrownBy(() -> NhsRequest.builder("DELETE", "/DocumentReference/{id}").pathParam("id", value))
                    .as("'%s'", value).isInstanceOf(NhsValidationException.class).hasMessageContaining("{id}");
        }
        assertThat(NhsRequest.builder("GET", "/x/{id}").pathParam("id", "...").build().encodedPath())
                .isEqualTo("/x/...");
        assertThat(NhsRequest.builder("GET", "/x/{id}").pathParam("id", "../y").build().encodedPath())
                .isEqualTo("/x/..%2Fy");
    }
}
