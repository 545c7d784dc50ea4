package uk.nhs.sdk.identity.pds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.nhs.sdk.core.NhsEnvironment;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.ApiKeyAuth;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsValidationException;

/** Base URLs as the PDS OpenAPI {@code servers} list them, and builder checks. */
class PdsClientBuilderTest {

    @ParameterizedTest
    @CsvSource({
        "SANDBOX, https://sandbox.api.service.nhs.uk/personal-demographics/FHIR/R4",
        "INTEGRATION, https://int.api.service.nhs.uk/personal-demographics/FHIR/R4",
        "PRODUCTION, https://api.service.nhs.uk/personal-demographics/FHIR/R4"
    })
    void resolvesTheBaseUrlOfEachEnvironment(NhsEnvironment env, String expected) {
        assertThat(PdsClient.builder().environment(env).build().baseUrl()).hasToString(expected);
    }

    @Test
    void aBaseUrlWinsOverTheEnvironment() {
        PdsClient pds = PdsClient.builder()
                .environment(NhsEnvironment.PRODUCTION)
                .baseUrl(URI.create("http://127.0.0.1:8080/personal-demographics/FHIR/R4"))
                .build();
        assertThat(pds.baseUrl()).hasToString("http://127.0.0.1:8080/personal-demographics/FHIR/R4");
        assertThat(pds.toString()).contains("127.0.0.1");
    }

    @Test
    void aClientNeedsSomewhereToCall() {
        assertThatThrownBy(() -> PdsClient.builder().build())
                .isInstanceOf(NhsConfigurationException.class)
                .hasMessageContaining("base URL or an environment");
    }

    @Test
    void apiKeyAuthIsRefusedBecausePdsDoesNotAcceptIt() {
        PdsClient.Builder b = PdsClient.builder()
                .environment(NhsEnvironment.INTEGRATION)
                .auth(ApiKeyAuth.of(Secret.of("an-api-key-value")));

        assertThatThrownBy(b::build)
                .isInstanceOf(NhsConfigurationException.class)
                .hasMessageContaining("API-key")
                .hasMessageNotContaining("an-api-key-value");
    }

    @Test
    void theSessionUridIsDigits() {
        assertThatThrownBy(() -> PdsClient.builder().sessionUrid("abc"))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("digits");
    }
}
