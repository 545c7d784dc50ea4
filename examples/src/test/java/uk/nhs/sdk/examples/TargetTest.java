package uk.nhs.sdk.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.auth.AuthProvider;
import uk.nhs.sdk.core.auth.SignedJwtAuth;
import uk.nhs.sdk.core.error.NhsSdkException;

class TargetTest {
    private static CommonOptions options(String env, String baseUrl) {
        CommonOptions o = new CommonOptions();
        o.env = env;
        o.baseUrl = baseUrl == null ? null : URI.create(baseUrl);
        o.output = "text";
        return o;
    }

    @Test
    void noEnvironmentAndNoBaseUrlStartsAnEmbeddedSandboxWithItsOwnApplication() {
        try (Target t = Target.open(options(null, null))) {
            assertThat(t.sandbox()).isPresent();
            assertThat(t.apiBaseUrl("personal-demographics/FHIR/R4").toString())
                    .isEqualTo(t.sandbox().get().baseUrl() + "/personal-demographics/FHIR/R4");
            assertThat(t.apiPlatformAuth()).isInstanceOf(SignedJwtAuth.class);
            assertThat(((SignedJwtAuth) t.apiPlatformAuth()).accessToken().reveal())
                    .isNotEmpty();
        }
    }

    @Test
    void closingTheTargetClosesTheSignedJwtAuthItMade() {
        SignedJwtAuth auth;
        try (Target t = Target.open(options(null, null))) {
            auth = (SignedJwtAuth) t.apiPlatformAuth();
            assertThat(auth.accessToken().reveal()).isNotEmpty();
        }
        assertThatThrownBy(auth::accessToken)
                .isInstanceOf(NhsSdkException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void thePublicSandboxNeedsNoCredentials() {
        try (Target t = Target.open(options("sandbox", null))) {
            assertThat(t.sandbox()).isEmpty();
            assertThat(t.apiBaseUrl("personal-demographics/FHIR/R4"))
                    .hasToString("https://sandbox.api.service.nhs.uk/personal-demographics/FHIR/R4");
            assertThat(t.apiPlatformAuth()).isNotInstanceOf(SignedJwtAuth.class);
        }
    }

    @Test
    void integrationWithoutCredentialsIsAUsageError() {
        try (Target t = Target.open(options("int", null))) {
            assertThatThrownBy(t::apiPlatformAuth)
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("--api-key");
        }
    }

    @Test
    void aBaseUrlWinsAndNeedsNoCredentials() {
        try (Target t = Target.open(options(null, "http://localhost:9/pds"))) {
            assertThat(t.sandbox()).isEmpty();
            assertThat(t.apiBaseUrl("personal-demographics/FHIR/R4")).hasToString("http://localhost:9/pds");
            AuthProvider auth = t.apiPlatformAuth();
            assertThat(auth).isNotInstanceOf(SignedJwtAuth.class);
        }
    }

    @Test
    void anUnknownEnvironmentIsAUsageError() {
        assertThatThrownBy(() -> Target.open(options("staging", null))).isInstanceOf(UsageException.class);
    }
}
