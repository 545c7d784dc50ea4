package uk.nhs.sdk.examples.mesh;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import uk.nhs.sdk.examples.demo.DemoContext;
import uk.nhs.sdk.examples.demo.DemoStep;
import uk.nhs.sdk.messaging.mesh.MeshClient;
import uk.nhs.sdk.messaging.mesh.MeshInboxQuery;
import uk.nhs.sdk.messaging.mesh.MeshMessageInfo;
import uk.nhs.sdk.messaging.mesh.MeshSendRequest;
import uk.nhs.sdk.messaging.mesh.MeshSendResult;
import uk.nhs.sdk.testkit.SandboxMeshMailbox;

/**
 * MESH: one mailbox sends a file to another in compressed chunks, the other receives it, checks
 * its SHA-256 and acknowledges it.
 */
final class MeshDemoStep implements DemoStep {
    private static final int CHUNK_SIZE = 1024 * 1024;

    @Override
    public String title() {
        return "MESH: a chunked, compressed file from one mailbox to another";
    }

    @Override
    public void run(DemoContext demo) throws Exception {
        SandboxMeshMailbox from = demo.sandbox().meshMailboxes().get(0);
        SandboxMeshMailbox to = demo.sandbox().meshMailboxes().get(1);
        Path dir = Files.createTempDirectory("nhs-demo-mesh-");
        try (MeshClient sender = client(demo, from);
                MeshClient recipient = client(demo, to)) {
            Path file = writeSample(dir.resolve("results.csv"));
            String sha = sha256(file);
            demo.say("wrote " + file.getFileName() + ": " + Files.size(file) + " bytes, SHA-256 " + sha.substring(0, 16)
                    + "...");

            sender.handshake();
            demo.say(from.id() + ": handshake accepted");
            MeshSendResult sent = sender.send(
                    MeshSendRequest.builder(to.id(), "TEST_WORKFLOW")
                            .fileName("results.csv")
                            .contentType("text/csv")
                            .localId("demo-results-1")
                            .chunkSize(CHUNK_SIZE)
                            .compress(true)
                            .build(),
                    file);
            demo.say(from.id() + " sent message " + sent.messageId() + " to " + to.id() + " in " + sent.chunks()
                    + " chunks of at most 1 MiB, each gzipped");

            List<String> inbox = new ArrayList<>();
            recipient.inboxMessageIds(MeshInboxQuery.all()).forEach(inbox::add);
            demo.say(to.id() + "'s inbox: " + inbox);

            Path received = dir.resolve("received.csv");
            MeshMessageInfo info = recipient.receiveTo(sent.messageId(), received);
            String receivedSha = sha256(received);
            if (!receivedSha.equals(sha)) {
                throw new IllegalStateException("the received file's SHA-256 differs from the sent file's");
            }
            demo.say(to.id() + " received " + Files.size(received) + " bytes in " + info.totalChunks()
                    + " chunks (206 for each but the last, 200 for the last) from "
                    + info.sender().orElse("?") + ": SHA-256 matches");

            recipient.acknowledge(sent.messageId());
            List<String> after = new ArrayList<>();
            recipient.inboxMessageIds(MeshInboxQuery.all()).forEach(after::add);
            demo.say(to.id() + " acknowledged it; inbox now " + after);
            demo.say(from.id() + " tracks it: "
                    + sender.track(sent.messageId()).status().name().toLowerCase(java.util.Locale.ROOT));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static MeshClient client(DemoContext demo, SandboxMeshMailbox mailbox) {
        return MeshClient.builder()
                .baseUrl(demo.sandbox().meshBaseUrl())
                .mailbox(mailbox.id())
                .password(mailbox.password())
                .sharedKey(demo.sandbox().meshSharedKey())
                .options(demo.options())
                .build();
    }

    /** About 2.4 MB of CSV with no patient data: ids, codes and counts from a fixed seed. */
    private static Path writeSample(Path file) throws IOException {
        Random random = new Random(2026);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("row,site,test_code,count\n");
            for (int row = 1; row <= 100_000; row++) {
                w.write(row + ",SITE" + (100 + random.nextInt(50)) + ",T" + random.nextInt(1000) + ","
                        + random.nextInt(10_000) + "\n");
            }
        }
        return file;
    }

    private static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
