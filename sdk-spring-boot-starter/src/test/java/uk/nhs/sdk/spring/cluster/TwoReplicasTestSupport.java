package uk.nhs.sdk.spring.cluster;

import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.messaging.mesh.MeshClient;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.SandboxMeshMailbox;

/** The MESH client of the polled sandbox mailbox, X26ABC1. */
final class TwoReplicasTestSupport {
    static final String MAILBOX = "X26ABC1";

    private TwoReplicasTestSupport() {}

    static MeshClient mesh(NhsSandbox sandbox, NhsClientOptions options) {
        return mesh(sandbox, MAILBOX, options);
    }

    static MeshClient mesh(NhsSandbox sandbox, String mailboxId, NhsClientOptions options) {
        SandboxMeshMailbox mailbox = sandbox.meshMailboxes().stream()
                .filter(m -> m.id().equals(mailboxId))
                .findFirst()
                .orElseThrow();
        return MeshClient.builder()
                .baseUrl(sandbox.meshBaseUrl())
                .mailbox(mailbox.id())
                .password(mailbox.password())
                .sharedKey(sandbox.meshSharedKey())
                .options(options)
                .build();
    }
}
