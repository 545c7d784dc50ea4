package uk.nhs.sdk.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.testkit.NhsSandbox;

/** Boot 3's health types: the nhs composite, one indicator per service, no secret in any detail. */
class NhsHealthIndicatorTest {
    private static NhsSandbox sandbox;
    private static Map<String, Object> properties;

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(NhsAutoConfiguration.class));

    @BeforeAll
    static void startSandbox() {
        sandbox = NhsSandbox.start();
        properties = SandboxProperties.of(sandbox);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    private static Health health(CompositeHealthContributor nhs, String name) {
        return ((HealthIndicator) nhs.getContributor(name)).health();
    }

    @Test
    void meshAndPdsAreUpWhenTheHandshakeAndTheTokenEndpointAnswer() {
        runner.withInitializer(SandboxProperties.initializer(properties))
                .withPropertyValues("nhs.pds.enabled=true", "nhs.mesh.enabled=true")
                .run(ctx -> {
                    CompositeHealthContributor nhs =
                            ctx.getBean("nhsHealthContributor", CompositeHealthContributor.class);
                    Health mesh = health(nhs, "mesh");
                    Health pds = health(nhs, "pds");
                    assertThat(mesh.getStatus()).isEqualTo(Status.UP);
                    assertThat(mesh.getDetails()).containsEntry("probe", "handshake");
                    assertThat(pds.getStatus()).isEqualTo(Status.UP);
                    assertThat(pds.getDetails()).containsEntry("probe", "token");
                    assertThat(nhs.getContributor("ods"))
                            .as("no indicator for a disabled service")
                            .isNull();
                });
    }

    @Test
    void aRefusedHandshakeIsDownWithoutTheCredentialsInItsDetails() {
        Map<String, Object> wrong = new LinkedHashMap<>(properties);
        wrong.put("nhs.mesh.password", "wrong-password-1234");
        LogGuard.forbid("wrong-password-1234");
        runner.withInitializer(SandboxProperties.initializer(wrong))
                .withPropertyValues("nhs.mesh.enabled=true")
                .run(ctx -> {
                    CompositeHealthContributor nhs =
                            ctx.getBean("nhsHealthContributor", CompositeHealthContributor.class);
                    Health mesh = health(nhs, "mesh");
                    assertThat(mesh.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(mesh.getDetails()).containsKey("error").containsKey("status");
                    assertThat(mesh.getDetails().toString())
                            .doesNotContain(
                                    "wrong-password-1234",
                                    sandbox.meshSharedKey().reveal(),
                                    "X26ABC1");
                });
    }

    @Test
    void aHealthProbeEverySecondSpendsOneCallPerInterval() {
        runner.withInitializer(SandboxProperties.initializer(properties))
                .withPropertyValues("nhs.pds.enabled=true", "nhs.health.interval=1h")
                .run(ctx -> {
                    CompositeHealthContributor nhs =
                            ctx.getBean("nhsHealthContributor", CompositeHealthContributor.class);
                    int before = sandbox.issuedTokenCount();
                    Health first = health(nhs, "pds");
                    for (int i = 0; i < 20; i++) {
                        assertThat(health(nhs, "pds").getDetails()).isEqualTo(first.getDetails());
                    }
                    assertThat(sandbox.issuedTokenCount() - before).isLessThanOrEqualTo(1);
                });
    }

    @Test
    void noIndicatorsWhenTurnedOff() {
        runner.withInitializer(SandboxProperties.initializer(properties))
                .withPropertyValues("nhs.mesh.enabled=true", "nhs.health.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean("nhsHealthContributor"));
    }
}
