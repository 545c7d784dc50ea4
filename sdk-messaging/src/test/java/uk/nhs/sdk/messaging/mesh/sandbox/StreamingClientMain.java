package uk.nhs.sdk.messaging.mesh.sandbox;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.messaging.mesh.MeshClient;
import uk.nhs.sdk.messaging.mesh.MeshMessage;
import uk.nhs.sdk.messaging.mesh.MeshSendRequest;
import uk.nhs.sdk.messaging.mesh.MeshSendResult;

/**
 * Run in its own small JVM by {@link MeshStreamingTest}: sends a seeded stream of the given length
 * from one mailbox to another through a MESH server, receives it, and prints the SHA-256 of what
 * it sent and of what it received, and its heap figures. Arguments: base URL, sender, recipient,
 * length, seed; the passwords and shared key come from the environment ({@code MESH_SENDER_PASSWORD},
 * {@code MESH_RECIPIENT_PASSWORD}, {@code MESH_SHARED_KEY}).
 */
public final class StreamingClientMain {
    private StreamingClientMain() {}

    /**
     * Runs the round trip.
     *
     * @param args base URL, sender, recipient, length, seed
     * @throws Exception when anything fails (the exit status is then not 0)
     */
    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        long length = Long.parseLong(args[3]);
        long seed = Long.parseLong(args[4]);
        Secret key = Secret.of(System.getenv("MESH_SHARED_KEY"));
        MeshClient sender = MeshClient.builder()
                .baseUrl(base)
                .mailbox(args[1])
                .password(Secret.of(System.getenv("MESH_SENDER_PASSWORD")))
                .sharedKey(key)
                .build();
        MeshClient recipient = MeshClient.builder()
                .baseUrl(base)
                .mailbox(args[2])
                .password(Secret.of(System.getenv("MESH_RECIPIENT_PASSWORD")))
                .sharedKey(key)
                .build();

        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        MeshSendResult result;
        try (InputStream in = new DigestInputStream(new SeededStream(seed, length), sent)) {
            result = sender.send(
                    MeshSendRequest.builder(args[2], "TEST_WORKFLOW")
                            .fileName("stream.bin")
                            .build(),
                    in,
                    length);
        }
        System.out.println("chunks " + result.chunks());
        System.out.println("sent " + HexFormat.of().formatHex(sent.digest()));

        MessageDigest received = MessageDigest.getInstance("SHA-256");
        long count;
        try (MeshMessage m = recipient.receive(result.messageId());
                InputStream in = new DigestInputStream(m.content(), received)) {
            count = in.transferTo(OutputStream.nullOutputStream());
        }
        recipient.acknowledge(result.messageId());
        System.out.println("received " + HexFormat.of().formatHex(received.digest()) + " " + count);

        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("heap-max " + Runtime.getRuntime().maxMemory());
        System.out.println("heap-peak " + peak);
    }
}
