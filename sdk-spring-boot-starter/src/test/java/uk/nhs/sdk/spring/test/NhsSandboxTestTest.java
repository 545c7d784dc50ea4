package uk.nhs.sdk.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.identity.pds.PdsClient;
import uk.nhs.sdk.messaging.mesh.MeshClient;
import uk.nhs.sdk.messaging.mesh.MeshMessage;
import uk.nhs.sdk.messaging.mesh.MeshSendRequest;
import uk.nhs.sdk.messaging.mesh.MeshSendResult;
import uk.nhs.sdk.testkit.NhsSandbox;

/**
 * {@code @NhsSandboxTest} points clients configured for INT (with credentials the sandbox does not
 * know, and a private-key file that does not exist) at the embedded sandbox.
 */
@SpringBootTest(
        properties = {
            "nhs.environment=integration",
            "nhs.pds.enabled=true",
            "nhs.mesh.enabled=true",
            "nhs.api-key=int-key",
            "nhs.key-id=int-1",
            "nhs.private-key-file=/nonexistent/int-1.pem",
            "nhs.mesh.mailbox=X26ABC2",
            "nhs.mesh.password=int-password",
            "nhs.mesh.shared-key=int-shared-key"
        })
@NhsSandboxTest
class NhsSandboxTestTest {
    @Autowired
    NhsSandbox sandbox;

    @Autowired
    PdsClient pds;

    @Autowired
    MeshClient mesh;

    @Test
    void clientsPointAtTheSandboxWithCredentialsItAccepts() throws Exception {
        LogGuard.forbid(sandbox.application().apiKey().reveal());
        assertThat(pds.baseUrl()).isEqualTo(sandbox.pdsBaseUrl());
        assertThat(pds.getPatient(NhsNumber.parse("9000000009")).nhsNumber().value())
                .isEqualTo("9000000009");
        assertThat(mesh.mailbox())
                .as("the configured mailbox, which the sandbox knows")
                .isEqualTo("X26ABC2");
        MeshSendResult sent = mesh.send(
                MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW").build(), "hello".getBytes(StandardCharsets.UTF_8));
        try (MeshMessage m = mesh.receive(sent.messageId())) {
            assertThat(m.content().readAllBytes())
                    .asString(StandardCharsets.UTF_8)
                    .isEqualTo("hello");
        }
        mesh.acknowledge(sent.messageId());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {}
}
