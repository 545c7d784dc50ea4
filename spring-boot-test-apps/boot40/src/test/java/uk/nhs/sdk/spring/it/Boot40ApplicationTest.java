package uk.nhs.sdk.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.identity.pds.PdsClient;
import uk.nhs.sdk.messaging.mesh.MeshClient;
import uk.nhs.sdk.messaging.mesh.MeshMessage;
import uk.nhs.sdk.messaging.mesh.MeshSendRequest;
import uk.nhs.sdk.messaging.mesh.MeshSendResult;
import uk.nhs.sdk.micrometer.NhsMetrics;
import uk.nhs.sdk.spring.test.NhsSandboxTest;
import uk.nhs.sdk.testkit.NhsSandbox;

/** The starter in a Spring Boot 4.0 application, configured for INT and run against the sandbox. */
@SpringBootTest(properties = "management.endpoint.health.show-components=always")
@NhsSandboxTest
class Boot40ApplicationTest {
    @Autowired
    NhsSandbox sandbox;

    @Autowired
    PdsClient pds;

    @Autowired
    MeshClient mesh;

    @Autowired
    HealthEndpoint health;

    @Autowired
    MeterRegistry meters;

    @Test
    void runsOnSpringBoot40() {
        assertThat(SpringBootVersion.getVersion()).startsWith("4.0.");
    }

    @Test
    void getsAPatientFromPds() {
        assertThat(pds.getPatient(NhsNumber.parse("9000000009")).nhsNumber().value())
                .isEqualTo("9000000009");
        assertThat(meters.find(NhsMetrics.CALLS).tag("service", "PDS").timers()).isNotEmpty();
    }

    @Test
    void sendsAndReceivesAMeshMessage() throws Exception {
        LogGuard.forbid(sandbox.application().apiKey().reveal());
        MeshSendResult sent = mesh.send(
                MeshSendRequest.builder(mesh.mailbox(), "TEST_WORKFLOW").build(),
                "results".getBytes(StandardCharsets.UTF_8));
        try (MeshMessage m = mesh.receive(sent.messageId())) {
            assertThat(m.content().readAllBytes())
                    .asString(StandardCharsets.UTF_8)
                    .isEqualTo("results");
        }
        mesh.acknowledge(sent.messageId());
    }

    @Test
    void reportsEachServicesHealthUnderNhs() {
        HealthDescriptor meshHealth = health.healthForPath("nhs", "mesh");
        HealthDescriptor pdsHealth = health.healthForPath("nhs", "pds");
        assertThat(meshHealth.getStatus()).isEqualTo(Status.UP);
        assertThat(pdsHealth.getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @SpringBootApplication
    static class App {}
}
