package uk.nhs.sdk.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import uk.nhs.sdk.core.testing.LogGuard;

/**
 * The actuator's env endpoint, told to show values, still masks every nhs.* secret (Spring Boot
 * masks nothing by name when values are shown), and shows the settings that are not secret.
 */
class NhsSanitizingTest {
    private static final String SECRET = "nhs-secret-value-never-shown";

    static {
        LogGuard.forbid(SECRET);
    }

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(NhsAutoConfiguration.class));

    @Test
    void theEnvEndpointShowingValuesMasksEveryNhsSecret() {
        // secrets that start no client, so the context starts with the whole auto-configuration
        shows(runner, List.of("nhs.api-key", "nhs.mesh.password", "nhs.mesh.shared-key", "nhs.ods.api-key"));
        // the private keys would start signed-JWT auth and TLS checks: the sanitizer alone
        shows(
                new ApplicationContextRunner().withUserConfiguration(NhsSanitizingConfiguration.class),
                List.of("nhs.private-key", "nhs.mesh.tls.client-key", "NHS_PRIVATE_KEY"));
    }

    private static void shows(ApplicationContextRunner runner, List<String> secrets) {
        runner.withPropertyValues(secrets.stream().map(k -> k + "=" + SECRET).toArray(String[]::new))
                .withPropertyValues("nhs.mesh.mailbox=X26ABC1")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    List<SanitizingFunction> functions = ctx.getBeanProvider(SanitizingFunction.class)
                            .orderedStream()
                            .toList();
                    EnvironmentEndpoint env = new EnvironmentEndpoint(ctx.getEnvironment(), functions, Show.ALWAYS);
                    for (String key : secrets) {
                        assertThat(env.environmentEntry(key).getProperty().getValue())
                                .as(key)
                                .isEqualTo(SanitizableData.SANITIZED_VALUE);
                    }
                    assertThat(env.environmentEntry("nhs.mesh.mailbox")
                                    .getProperty()
                                    .getValue())
                            .isEqualTo("X26ABC1");
                });
    }

    @Test
    void theConfigpropsEndpointShowingValuesNeverShowsASecret() {
        runner.withPropertyValues(
                        "nhs.api-key=" + SECRET,
                        "nhs.mesh.password=" + SECRET,
                        "nhs.mesh.shared-key=" + SECRET,
                        "nhs.ods.api-key=" + SECRET,
                        "nhs.mesh.mailbox=X26ABC1")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    List<SanitizingFunction> functions = ctx.getBeanProvider(SanitizingFunction.class)
                            .orderedStream()
                            .toList();
                    ConfigurationPropertiesReportEndpoint endpoint =
                            new ConfigurationPropertiesReportEndpoint(functions, Show.ALWAYS);
                    endpoint.setApplicationContext(ctx);
                    String json =
                            new ObjectMapper().writeValueAsString(endpoint.configurationPropertiesWithPrefix("nhs"));
                    assertThat(json).contains("X26ABC1").doesNotContain(SECRET);
                });
    }

    @Test
    void namesOfSecretsInEveryFormTheEndpointsShow() {
        for (String key : List.of(
                "nhs.mesh.shared-key",
                "NHS_MESH_SHARED_KEY",
                "NHS_API_KEY",
                "nhs.private-key",
                "sharedKey",
                "apiKey",
                "privateKey",
                "password",
                "clientKey",
                "nhs.mesh.tls.client-key",
                "NHS_ODS_API_KEY")) {
            assertThat(NhsSanitizingConfiguration.isSecret(key)).as(key).isTrue();
        }
        for (String key : List.of(
                "nhs.mesh.mailbox",
                "nhs.key-id",
                "NHS_KEY_ID",
                "nhs.private-key-file",
                "nhs.mesh.tls.client-certificate",
                "server.port",
                "spring.datasource.url",
                "mailbox")) {
            assertThat(NhsSanitizingConfiguration.isSecret(key)).as(key).isFalse();
        }
    }
}
