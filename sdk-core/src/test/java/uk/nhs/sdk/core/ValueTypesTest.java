package uk.nhs.sdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.error.NhsValidationException;

class ValueTypesTest {

    @Test
    void odsCodesAreUpperCasedAndValidated() {
        assertThat(OdsCode.of(" y12345 ").value()).isEqualTo("Y12345");
        assertThatThrownBy(() -> OdsCode.of("X!")).isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> OdsCode.of("AB")).isInstanceOf(NhsValidationException.class);
    }

    @Test
    void secretsNeverPrint() {
        Secret s = Secret.of("hunter2-password");
        assertThat(s.toString()).isEqualTo("***");
        assertThat(s.reveal()).isEqualTo("hunter2-password");
        assertThat(s).isEqualTo(Secret.of("hunter2-password")).isNotEqualTo(Secret.of("other"));
        assertThatThrownBy(() -> Secret.of("")).isInstanceOf(uk.nhs.sdk.core.error.NhsValidationException.class);
    }

    @Test
    void environmentsResolveBaseUrls() {
        assertThat(NhsEnvironment.INTEGRATION
                        .apiBaseUrl("personal-demographics/FHIR/R4")
                        .toString())
                .isEqualTo("https://int.api.service.nhs.uk/personal-demographics/FHIR/R4");
        assertThat(NhsEnvironment.PRODUCTION.oauthTokenUrl().toString())
                .isEqualTo("https://api.service.nhs.uk/oauth2/token");
        assertThat(NhsEnvironment.SANDBOX.meshBaseUrl()).isEmpty();
        assertThat(NhsEnvironment.INTEGRATION.meshBaseUrl()).get().hasToString("https://msg.intspineservices.nhs.uk");
        assertThat(NhsEnvironment.fromName("int")).isEqualTo(NhsEnvironment.INTEGRATION);
        assertThatThrownBy(() -> NhsEnvironment.fromName("dev"))
                .isInstanceOf(uk.nhs.sdk.core.error.NhsValidationException.class);
    }
}
