package uk.nhs.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.core.testing.MutableClock;

/**
 * Which mailboxes and shared key the MESH fake knows: the public MESH sandbox's by default, or
 * exactly those configured.
 */
class MeshSandboxConfigTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-24T21:38:56Z"));

    @Test
    void byDefaultTheSandboxKnowsThePublicMeshSandboxsMailboxesAndKey() {
        try (NhsSandbox sandbox = NhsSandbox.builder().clock(CLOCK).start()) {
            assertThat(sandbox.meshMailboxes())
                    .extracting(SandboxMeshMailbox::id)
                    .containsExactly("X26ABC1", "X26ABC2", "X26ABC3");
            assertThat(sandbox.meshMailboxes().get(0).password().reveal()).isEqualTo("password");
            assertThat(sandbox.meshMailboxes().get(2).odsCode()).contains(OdsCode.of("X27"));
            assertThat(sandbox.meshSharedKey().reveal()).isEqualTo("TestKey");
            assertThat(sandbox.meshBaseUrl()).isEqualTo(sandbox.baseUrl());
            assertThat(sandbox.serviceUrls()).containsEntry("MESH", sandbox.baseUrl());
            assertThat(sandbox.meshMailboxes().get(0).toString()).doesNotContain("password");
        }
    }

    @Test
    void configuredMailboxesAndKeyReplaceTheDefaults() {
        Secret key = Secret.of("configured-shared-key-5f1c");
        Secret alicePassword = Secret.of("alice-password-77ab");
        LogGuard.forbid(key.reveal());
        LogGuard.forbid(alicePassword.reveal());
        try (NhsSandbox sandbox = NhsSandbox.builder()
                .clock(CLOCK)
                .meshSharedKey(key)
                .meshMailbox("ALICE", alicePassword, OdsCode.of("X26"))
                .meshMailbox("BOB", Secret.of("bob-password-90cd"))
                .meshWorkflow("RESTRICTED_WORKFLOW", "BOB", "ALICE")
                .start()) {
            assertThat(sandbox.meshMailboxes())
                    .extracting(SandboxMeshMailbox::id)
                    .containsExactly("ALICE", "BOB");
            assertThat(sandbox.meshMailboxes().get(1).odsCode()).isEmpty();
            MeshHttp mesh = new MeshHttp(sandbox, CLOCK);
            HttpResponse<byte[]> sent = mesh.call("POST", "/messageexchange/ALICE/outbox")
                    .as("ALICE")
                    .header("mex-To", "BOB")
                    .header("mex-WorkflowID", "RESTRICTED_WORKFLOW")
                    .body("hi")
                    .send();
            assertThat(sent.statusCode()).isEqualTo(202);
            assertThat(mesh.get("BOB", "/messageexchange/BOB/count").body())
                    .asString()
                    .isEqualTo("{\"count\":1}");
            assertThat(mesh.call("POST", "/messageexchange/ALICE/outbox")
                            .as("ALICE")
                            .header("mex-To", "X26ABC2")
                            .header("mex-WorkflowID", "TEST_WORKFLOW")
                            .body("hi")
                            .send()
                            .statusCode())
                    .isEqualTo(417);
            assertThat(new MeshHttp(sandbox, CLOCK, Secret.of("TestKey"))
                            .get("ALICE", "/messageexchange/ALICE/inbox")
                            .statusCode())
                    .isEqualTo(403);
            assertThat(MeshHttp.text(mesh.call("GET", "/messageexchange/endpointlookup/X26/RESTRICTED_WORKFLOW")
                            .send()))
                    .isEqualTo("{\"results\":[{\"mailbox_id\":\"ALICE\",\"mailbox_name\":\"ALICE\"}]}");
            assertThat(MeshHttp.text(mesh.call("GET", "/messageexchange/workflowsearch/RESTRICTED_WORKFLOW")
                            .send()))
                    .isEqualTo("{\"results\":[{\"mailbox_id\":\"BOB\",\"mailbox_name\":\"BOB\"},"
                            + "{\"mailbox_id\":\"ALICE\",\"mailbox_name\":\"ALICE\"}]}");
        }
    }

    @Test
    void badMailboxConfigurationFailsBeforeStarting() {
        assertThatThrownBy(() -> NhsSandbox.builder().meshMailbox("alice", Secret.of("p")))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("upper-case");
        assertThatThrownBy(() -> NhsSandbox.builder().meshMailbox("A:B", Secret.of("p")))
                .isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> NhsSandbox.builder()
                        .meshMailbox("ALICE", Secret.of("p"))
                        .meshWorkflow("W", "NOBODY")
                        .start())
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("configured mailboxes");
    }

    @Test
    void closingDeletesEveryStoredMessage() throws Exception {
        NhsSandbox sandbox = NhsSandbox.builder().clock(CLOCK).start();
        MeshHttp mesh = new MeshHttp(sandbox, CLOCK);
        mesh.call("POST", "/messageexchange/X26ABC1/outbox")
                .as("X26ABC1")
                .header("mex-To", "X26ABC2")
                .header("mex-WorkflowID", "TEST_WORKFLOW")
                .body("kept on disk")
                .send();
        java.nio.file.Path data = sandbox.dataDirectory();
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(data)) {
            assertThat(files.filter(java.nio.file.Files::isRegularFile).count()).isEqualTo(1);
        }
        sandbox.close();
        assertThat(data).doesNotExist();
    }
}
