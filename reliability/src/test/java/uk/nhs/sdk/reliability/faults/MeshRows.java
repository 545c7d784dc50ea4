package uk.nhs.sdk.reliability.faults;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.http.Idempotency;
import uk.nhs.sdk.messaging.mesh.MeshClient;
import uk.nhs.sdk.messaging.mesh.MeshMessage;
import uk.nhs.sdk.messaging.mesh.MeshSendRequest;
import uk.nhs.sdk.messaging.mesh.MeshSendResult;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.SandboxMeshMailbox;

/** MESH's operations, from mailbox X26ABC1 to X26ABC2. */
final class MeshRows {
    static final String FAMILY = "MESH";
    private static final String WORKFLOW = "TEST_WORKFLOW";
    private static final byte[] SMALL =
            "reliability fault matrix: a small MESH message".getBytes(StandardCharsets.UTF_8);
    private static final int CHUNK = 1000;
    private static final byte[] LARGE = large();

    private MeshRows() {}

    private static byte[] large() {
        byte[] b = new byte[2 * CHUNK + 500];
        Arrays.fill(b, (byte) 'm');
        return b;
    }

    static List<MatrixRow> rows() {
        return List.of(
                new MatrixRow(FAMILY, "handshake", "POST", ".*/messageexchange/X26ABC1", Idempotency.KEYED, cell -> {
                    try (MeshClient mesh = client(cell.sandbox(), 0, cell.options())) {
                        cell.arm();
                        mesh.handshake();
                    }
                }),
                new MatrixRow(
                        FAMILY,
                        "send (one request)",
                        "POST",
                        ".*/messageexchange/X26ABC1/outbox",
                        Idempotency.NONE,
                        List.of(429, 503),
                        cell -> {
                            try (MeshClient mesh = client(cell.sandbox(), 0, cell.options())) {
                                cell.arm();
                                MeshSendResult sent = mesh.send(request(), SMALL);
                                PdsRows.check(sent.chunks() == 1, "a small message goes in one request");
                                delivered(cell, sent.messageId(), SMALL);
                            }
                        }),
                new MatrixRow(
                        FAMILY,
                        "send chunked (chunk 2 of 3)",
                        "POST",
                        ".*/messageexchange/X26ABC1/outbox/[^/]+/2",
                        Idempotency.KEYED,
                        cell -> {
                            try (MeshClient mesh = client(cell.sandbox(), 0, cell.options())) {
                                cell.arm();
                                MeshSendResult sent = mesh.send(
                                        MeshSendRequest.builder(recipient(cell), WORKFLOW)
                                                .chunkSize(CHUNK)
                                                .build(),
                                        LARGE);
                                PdsRows.check(sent.chunks() == 3, "three chunks");
                                delivered(cell, sent.messageId(), LARGE);
                            }
                        }),
                new MatrixRow(
                        FAMILY, "inbox list", "GET", ".*/messageexchange/X26ABC2/inbox", Idempotency.SAFE, cell -> {
                            sendToX26abc2(cell);
                            try (MeshClient mesh = client(cell.sandbox(), 1, cell.options())) {
                                cell.arm();
                                PdsRows.check(!mesh.inbox().messageIds().isEmpty(), "the inbox lists the message");
                            }
                        }),
                new MatrixRow(
                        FAMILY, "download", "GET", ".*/messageexchange/X26ABC2/inbox/[^/]+", Idempotency.SAFE, cell -> {
                            String id = sendToX26abc2(cell);
                            try (MeshClient mesh = client(cell.sandbox(), 1, cell.options())) {
                                cell.arm();
                                try (MeshMessage m = mesh.receive(id);
                                        InputStream in = m.content()) {
                                    if (!Arrays.equals(in.readAllBytes(), SMALL)) {
                                        cell.note("body replaced"); // MESH gives nothing to check it by
                                    }
                                }
                            }
                        }),
                new MatrixRow(
                        FAMILY,
                        "acknowledge",
                        "PUT",
                        ".*/messageexchange/X26ABC2/inbox/[^/]+/status/acknowledged",
                        Idempotency.KEYED,
                        cell -> {
                            String id = sendToX26abc2(cell);
                            try (MeshClient setup = client(cell.sandbox(), 1, Cell.setupOptions());
                                    MeshMessage m = setup.receive(id);
                                    InputStream in = m.content()) {
                                in.readAllBytes();
                            }
                            try (MeshClient mesh = client(cell.sandbox(), 1, cell.options())) {
                                cell.arm();
                                mesh.acknowledge(id);
                            }
                        }),
                new MatrixRow(
                        FAMILY,
                        "tracking",
                        "GET",
                        ".*/messageexchange/X26ABC1/outbox/tracking",
                        Idempotency.SAFE,
                        cell -> {
                            String id = sendToX26abc2(cell);
                            try (MeshClient mesh = client(cell.sandbox(), 0, cell.options())) {
                                cell.arm();
                                PdsRows.check(
                                        mesh.track(id)
                                                .messageId()
                                                .filter(id::equals)
                                                .isPresent(),
                                        "the tracked message");
                            }
                        }));
    }

    /** The recipient's inbox holds the message once, and it reads back as sent. */
    private static void delivered(Cell cell, String id, byte[] content) throws java.io.IOException {
        try (MeshClient recipient = client(cell.sandbox(), 1, Cell.setupOptions())) {
            PdsRows.check(
                    recipient.inbox().messageIds().stream().filter(id::equals).count() == 1,
                    "the recipient's inbox holds the message once");
            try (MeshMessage m = recipient.receive(id);
                    InputStream in = m.content()) {
                PdsRows.check(Arrays.equals(in.readAllBytes(), content), "the message reads back as sent");
            }
        }
    }

    private static MeshSendRequest request() {
        return MeshSendRequest.builder("X26ABC2", WORKFLOW).build();
    }

    private static String recipient(Cell cell) {
        return cell.sandbox().meshMailboxes().get(1).id();
    }

    /** Sends the small message from X26ABC1 to X26ABC2 with a plain client. */
    private static String sendToX26abc2(Cell cell) {
        try (MeshClient setup = client(cell.sandbox(), 0, Cell.setupOptions())) {
            return setup.send(request(), SMALL).messageId();
        }
    }

    static MeshClient client(NhsSandbox sandbox, int mailbox, NhsClientOptions options) {
        SandboxMeshMailbox m = sandbox.meshMailboxes().get(mailbox);
        return MeshClient.builder()
                .baseUrl(sandbox.meshBaseUrl())
                .mailbox(m.id())
                .password(m.password())
                .sharedKey(sandbox.meshSharedKey())
                .options(options)
                .build();
    }
}
