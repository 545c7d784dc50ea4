package uk.nhs.sdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.error.NhsValidationException;

/** The User-Agent helper takes only the application ids a header can carry, as the options do. */
class NhsSdkUserAgentTest {

    @Test
    void anApplicationIdIsAppended() {
        assertThat(NhsSdk.userAgent("my-app_1.0")).startsWith("nhs-sdk-java/").endsWith(" my-app_1.0");
        assertThat(NhsSdk.userAgent(null)).startsWith("nhs-sdk-java/").doesNotContain("null");
    }

    @Test
    void anIdAHeaderCannotCarryIsRefusedWithoutEchoingIt() {
        // found by the hostile-input suite: a non-ASCII id came back inside the header value
        for (String id : new String[] {"\u00ef\u00bf\u00bdy-app_1.0", "app\r\nX-Injected: 1", "", "x".repeat(65)}) {
            assertThatThrownBy(() -> NhsSdk.userAgent(id))
                    .as(id)
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageNotContaining("Injected");
        }
    }
}
