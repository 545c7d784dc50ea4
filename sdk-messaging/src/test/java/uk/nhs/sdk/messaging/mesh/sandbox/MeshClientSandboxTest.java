package uk.nhs.sdk.messaging.mesh.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.error.ForbiddenException;
import uk.nhs.sdk.core.error.ResourceNotFoundException;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingSleeper;
import uk.nhs.sdk.messaging.mesh.MeshClient;
import uk.nhs.sdk.messaging.mesh.MeshInboxPoller;
import uk.nhs.sdk.messaging.mesh.MeshInboxQuery;
import uk.nhs.sdk.messaging.mesh.MeshMailbox;
import uk.nhs.sdk.messaging.mesh.MeshMessage;
import uk.nhs.sdk.messaging.mesh.MeshMessageFinalisedException;
import uk.nhs.sdk.messaging.mesh.MeshMessageGoneException;
import uk.nhs.sdk.messaging.mesh.MeshMessageInfo;
import uk.nhs.sdk.messaging.mesh.MeshNonDeliveryReport;
import uk.nhs.sdk.messaging.mesh.MeshPollResult;
import uk.nhs.sdk.messaging.mesh.MeshRejectedException;
import uk.nhs.sdk.messaging.mesh.MeshSendIncompleteException;
import uk.nhs.sdk.messaging.mesh.MeshSendRequest;
import uk.nhs.sdk.messaging.mesh.MeshSendResult;
import uk.nhs.sdk.messaging.mesh.MeshTrackingInfo;
import uk.nhs.sdk.messaging.mesh.MeshTrackingStatus;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.SandboxFault;
import uk.nhs.sdk.testkit.SandboxMeshMailbox;

/**
 * The MESH client against the embedded sandbox's MESH fake, which was written separately from the
 * specification: every operation end to end, chunking and compression, the poller's
 * at-least-once delivery, and recovery from lost responses.
 */
class MeshClientSandboxTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private static NhsSandbox sandbox;
    private static MeshClient alice;
    private static MeshClient bob;
    private static MeshClient carol;

    @BeforeAll
    static void start() {
        sandbox = NhsSandbox.builder().clock(CLOCK).start();
        alice = client("X26ABC1");
        bob = client("X26ABC2");
        carol = client("X26ABC3");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
        LogGuard.forbid(sandbox.meshSharedKey().reveal());
    }

    static MeshClient client(String mailboxId) {
        SandboxMeshMailbox mailbox = sandbox.meshMailboxes().stream()
                .filter(m -> m.id().equals(mailboxId))
                .findFirst()
                .orElseThrow();
        return MeshClient.builder()
                .baseUrl(sandbox.meshBaseUrl())
                .mailbox(mailbox.id())
                .password(mailbox.password())
                .sharedKey(sandbox.meshSharedKey())
                .options(NhsClientOptions.builder()
                        .clock(CLOCK)
                        .sleeper(new RecordingSleeper(CLOCK))
                        .build())
                .build();
    }

    private static byte[] seeded(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static byte[] read(MeshClient client, String id) throws IOException {
        try (MeshMessage m = client.receive(id);
                InputStream in = m.content()) {
            return in.readAllBytes();
        }
    }

    private static List<String> inbox(MeshClient client) {
        List<String> ids = new ArrayList<>();
        client.inboxMessageIds(MeshInboxQuery.all()).forEach(ids::add);
        return ids;
    }

    @Test
    void handshakeSucceeds() {
        alice.handshake();
        assertThat(alice.mailbox()).isEqualTo("X26ABC1");
    }

    @Test
    void aMessageGoesFromSenderToRecipientWithItsMetadata() throws Exception {
        MeshSendResult sent = alice.send(
                MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                        .localId("local-1")
                        .fileName("hello.txt")
                        .contentType("text/plain")
                        .subject("greeting")
                        .build(),
                "Hello MESH".getBytes(StandardCharsets.UTF_8));
        assertThat(sent.chunks()).isEqualTo(1);
        assertThat(sent.localId()).isEqualTo("local-1");
        assertThat(inbox(bob)).containsExactly(sent.messageId());
        assertThat(bob.inboxCount()).isEqualTo(1);

        MeshMessageInfo head = bob.metadata(sent.messageId());
        assertThat(head.sender()).contains("X26ABC1");
        try (MeshMessage m = bob.receive(sent.messageId())) {
            MeshMessageInfo info = m.info();
            assertThat(info.isReport()).isFalse();
            assertThat(info.sender()).contains("X26ABC1");
            assertThat(info.recipient()).contains("X26ABC2");
            assertThat(info.workflowId()).contains("TEST_WORKFLOW");
            assertThat(info.localId()).contains("local-1");
            assertThat(info.fileName()).contains("hello.txt");
            assertThat(info.subject()).contains("greeting");
            assertThat(info.contentType()).contains("text/plain");
            assertThat(info.totalChunks()).isEqualTo(1);
            assertThat(new String(m.content().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("Hello MESH");
        }
        bob.acknowledge(sent.messageId());
        assertThat(inbox(bob)).isEmpty();
        bob.acknowledge(sent.messageId());
        assertThatThrownBy(() -> bob.receive(sent.messageId())).isInstanceOf(MeshMessageGoneException.class);
    }

    @Test
    void aCompressedMultiChunkMessageArrivesWhole() throws Exception {
        byte[] content = seeded(300_000, 7);
        MeshSendResult sent = alice.send(
                MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                        .chunkSize(64 * 1024)
                        .compress(true)
                        .build(),
                content);
        assertThat(sent.chunks()).isEqualTo(5);
        try (MeshMessage m = bob.receive(sent.messageId())) {
            assertThat(m.info().totalChunks()).isEqualTo(5);
            assertThat(sha256(m.content().readAllBytes())).isEqualTo(sha256(content));
        }
        MeshClient identity = MeshClient.builder()
                .baseUrl(sandbox.meshBaseUrl())
                .mailbox("X26ABC2")
                .password(sandbox.meshMailboxes().get(1).password())
                .sharedKey(sandbox.meshSharedKey())
                .acceptCompressedDownloads(false)
                .options(NhsClientOptions.builder()
                        .clock(CLOCK)
                        .sleeper(new RecordingSleeper(CLOCK))
                        .build())
                .build();
        assertThat(sha256(read(identity, sent.messageId()))).isEqualTo(sha256(content));
    }

    @Test
    void anUncompressedMultiChunkFileArrivesWholeInAFile(@TempDir Path dir) throws Exception {
        byte[] content = seeded(200_001, 11);
        Path source = Files.write(dir.resolve("source.bin"), content);
        MeshSendResult sent = alice.send(
                MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                        .chunkSize(50_000)
                        .build(),
                source);
        assertThat(sent.chunks()).isEqualTo(5);
        Path target = dir.resolve("received.bin");
        MeshMessageInfo info = bob.receiveTo(sent.messageId(), target);
        assertThat(info.totalChunks()).isEqualTo(5);
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
    }

    @Test
    void streamsOfKnownAndUnknownLengthArriveWhole() throws Exception {
        byte[] content = seeded(70_000, 13);
        MeshSendRequest request = MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                .chunkSize(16_384)
                .build();
        MeshSendResult known = alice.send(request, new java.io.ByteArrayInputStream(content), content.length);
        MeshSendResult unknown = alice.send(request, new java.io.ByteArrayInputStream(content));
        assertThat(known.chunks()).isEqualTo(5);
        assertThat(unknown.chunks()).isEqualTo(5);
        assertThat(read(bob, known.messageId())).isEqualTo(content);
        assertThat(read(bob, unknown.messageId())).isEqualTo(content);
    }

    @Test
    void inboxPagesAreFollowedToTheEndAndFilteredByWorkflow() {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            sent.add(alice.send(
                            MeshSendRequest.builder("X26ABC3", i % 2 == 0 ? "TEST_WORKFLOW_ACK" : "TEST_WORKFLOW2")
                                    .build(),
                            new byte[] {(byte) i})
                    .messageId());
        }
        List<String> paged = new ArrayList<>();
        carol.inboxMessageIds(MeshInboxQuery.builder().maxResults(10).build()).forEach(paged::add);
        assertThat(paged).isEqualTo(sent);
        assertThat(carol.inbox(MeshInboxQuery.builder().maxResults(10).build()).hasMore())
                .isTrue();
        List<String> acks = new ArrayList<>();
        carol.inboxMessageIds(MeshInboxQuery.builder().workflowFilter("*_ACK*").build())
                .forEach(acks::add);
        assertThat(acks).hasSize(12).allMatch(id -> sent.indexOf(id) % 2 == 0);
    }

    @Test
    void theSenderTracksItsMessageThroughAcknowledgement() {
        MeshSendResult sent = alice.send(
                MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                        .localId("track-me")
                        .build(),
                new byte[] {1, 2, 3});
        MeshTrackingInfo accepted = alice.track(sent.messageId());
        assertThat(accepted.status()).isEqualTo(MeshTrackingStatus.ACCEPTED);
        assertThat(accepted.recipient()).contains("X26ABC2");
        assertThat(accepted.localId()).contains("track-me");
        assertThat(accepted.expiryTime()).isPresent();
        assertThat(alice.trackByLocalId("track-me").messageId()).contains(sent.messageId());
        bob.acknowledge(sent.messageId());
        assertThat(alice.track(sent.messageId()).status()).isEqualTo(MeshTrackingStatus.ACKNOWLEDGED);
        assertThatThrownBy(() -> bob.track(sent.messageId())).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void lookupAndWorkflowSearchFindTheReceivers() {
        assertThat(alice.lookup(OdsCode.of("X26"), "TEST_WORKFLOW"))
                .extracting(MeshMailbox::mailboxId)
                .containsExactly("X26ABC2");
        assertThat(alice.workflowSearch("TEST_WORKFLOW_ACK"))
                .extracting(MeshMailbox::mailboxId)
                .containsExactly("X26ABC1", "X26ABC3");
    }

    @Test
    void anUnregisteredRecipientIsRejectedWithCode12() {
        assertThatThrownBy(() -> alice.send(
                        MeshSendRequest.builder("NOSUCHMB", "TEST_WORKFLOW").build(), new byte[] {1}))
                .isInstanceOfSatisfying(
                        MeshRejectedException.class,
                        e -> assertThat(e.errorCode()).contains("12"));
    }

    @Test
    void aWrongPasswordIsForbidden() {
        MeshClient wrong = MeshClient.builder()
                .baseUrl(sandbox.meshBaseUrl())
                .mailbox("X26ABC1")
                .password(uk.nhs.sdk.core.Secret.of("not-the-password"))
                .sharedKey(sandbox.meshSharedKey())
                .options(NhsClientOptions.builder()
                        .clock(CLOCK)
                        .sleeper(new RecordingSleeper(CLOCK))
                        .build())
                .build();
        assertThatThrownBy(wrong::inboxCount).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void anUncollectedMessageComesBackToTheSenderAsANonDeliveryReport() throws Exception {
        MeshSendResult sent = alice.send(
                MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                        .localId("never-read")
                        .build(),
                new byte[] {1});
        CLOCK.advance(Duration.ofDays(5));
        List<String> ids = inbox(alice);
        assertThat(ids).hasSize(1);
        try (MeshMessage m = alice.receive(ids.get(0))) {
            assertThat(m.info().isReport()).isTrue();
            MeshNonDeliveryReport report = m.info().report().orElseThrow();
            assertThat(report.errorCode()).isEqualTo("14");
            assertThat(report.undeliveredMessageId()).contains(sent.messageId());
            assertThat(report.undeliveredLocalId()).contains("never-read");
            assertThat(m.content().readAllBytes()).isEmpty();
        }
        assertThat(alice.track(sent.messageId()).status()).isEqualTo(MeshTrackingStatus.UNDELIVERABLE);
    }

    @Test
    void thePollerLeavesAMessageWhoseHandlerThrowsAndDeliversItAgain() {
        String id = alice.send(
                        MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW").build(),
                        "again".getBytes(StandardCharsets.UTF_8))
                .messageId();
        List<String> seen = new ArrayList<>();
        boolean[] fail = {true};
        MeshInboxPoller poller = MeshInboxPoller.builder(bob)
                .handler(m -> {
                    seen.add(new String(m.content().readAllBytes(), StandardCharsets.UTF_8));
                    if (fail[0]) {
                        throw new IOException("the store is down");
                    }
                })
                .build();
        MeshPollResult first = poller.pollOnce();
        assertThat(first.acknowledged()).isEmpty();
        assertThat(first.failures()).containsOnlyKeys(id);
        assertThat(inbox(bob)).containsExactly(id);
        fail[0] = false;
        MeshPollResult second = poller.pollOnce();
        assertThat(second.acknowledged()).containsExactly(id);
        assertThat(seen).containsExactly("again", "again");
        assertThat(inbox(bob)).isEmpty();
    }

    @Test
    void aLostChunkResponseIsRetriedAndTheMessageArrivesOnce() throws Exception {
        byte[] content = seeded(30_000, 3);
        sandbox.faults()
                .injectNext(
                        "POST",
                        "/messageexchange/X26ABC1/outbox/[^/]+/2",
                        SandboxFault.status(503).afterProcessing());
        MeshSendResult sent = alice.send(
                MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                        .chunkSize(10_000)
                        .build(),
                content);
        assertThat(inbox(bob)).containsExactly(sent.messageId());
        assertThat(read(bob, sent.messageId())).isEqualTo(content);
    }

    @Test
    void aLostAnswerToTheLastChunkIsASuccessNotA423() throws Exception {
        byte[] content = seeded(30_000, 7);
        sandbox.faults()
                .injectNext(
                        "POST",
                        "/messageexchange/X26ABC1/outbox/[^/]+/3",
                        SandboxFault.status(503).afterProcessing());
        MeshSendResult sent = alice.send(
                MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                        .chunkSize(10_000)
                        .build(),
                content);
        assertThat(sent.chunks()).isEqualTo(3);
        assertThat(inbox(bob)).containsExactly(sent.messageId());
        assertThat(read(bob, sent.messageId())).isEqualTo(content);
    }

    @Test
    void resumingAtALastChunkWhoseAnswerWasLostCompletesWithoutAnErrorOrADuplicate() throws Exception {
        byte[] content = seeded(30_000, 9);
        MeshSendRequest request = MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                .chunkSize(10_000)
                .build();
        MeshClient noRetries = MeshClient.builder()
                .baseUrl(sandbox.meshBaseUrl())
                .mailbox("X26ABC1")
                .password(sandbox.meshMailboxes().get(0).password())
                .sharedKey(sandbox.meshSharedKey())
                .options(NhsClientOptions.builder()
                        .clock(CLOCK)
                        .sleeper(new RecordingSleeper(CLOCK))
                        .retry(RetryOptions.none())
                        .build())
                .build();
        sandbox.faults()
                .injectNext(
                        "POST",
                        "/messageexchange/X26ABC1/outbox/[^/]+/3",
                        SandboxFault.status(503).afterProcessing());
        MeshSendIncompleteException cut = org.junit.jupiter.api.Assertions.assertThrows(
                MeshSendIncompleteException.class, () -> noRetries.send(request, content));
        assertThat(cut.nextChunk()).isEqualTo(3);
        assertThat(inbox(bob)).as("the lost answer's chunk did arrive").containsExactly(cut.messageId());

        MeshSendResult resumed = alice.resumeSend(request, content, cut.messageId(), cut.nextChunk());

        assertThat(resumed.messageId()).isEqualTo(cut.messageId());
        assertThat(inbox(bob)).containsExactly(cut.messageId());
        assertThat(read(bob, cut.messageId())).isEqualTo(content);
    }

    @Test
    void aResumeOfAMessageNoLongerUploadingIsRefusedUnlessTrackingShowsItComplete() {
        byte[] content = seeded(30_000, 10);
        MeshSendRequest request = MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                .chunkSize(10_000)
                .build();
        MeshSendResult sent = alice.send(request, content);

        assertThatThrownBy(() -> alice.resumeSend(request, content, sent.messageId(), 2))
                .as("a 423 before the last chunk is not explained by a lost answer")
                .isInstanceOf(MeshMessageFinalisedException.class);
        assertThat(alice.resumeSend(request, content, sent.messageId(), 3).messageId())
                .isEqualTo(sent.messageId());

        CLOCK.advance(Duration.ofDays(5));
        assertThat(alice.track(sent.messageId()).status()).isEqualTo(MeshTrackingStatus.UNDELIVERABLE);
        assertThatThrownBy(() -> alice.resumeSend(request, content, sent.messageId(), 3))
                .isInstanceOf(MeshMessageFinalisedException.class);
    }

    @Test
    void aSendCutShortResumesFromTheChunkItStoppedAt() throws Exception {
        byte[] content = seeded(30_000, 5);
        MeshSendRequest request = MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                .chunkSize(10_000)
                .build();
        sandbox.faults().inject("POST", "/messageexchange/X26ABC1/outbox/[^/]+/3", SandboxFault.status(503), 100);
        MeshSendIncompleteException cut = org.junit.jupiter.api.Assertions.assertThrows(
                MeshSendIncompleteException.class, () -> alice.send(request, content));
        assertThat(cut.nextChunk()).isEqualTo(3);
        assertThat(inbox(bob)).isEmpty();
        sandbox.faults().clear();
        alice.resumeSend(request, content, cut.messageId(), cut.nextChunk());
        assertThat(inbox(bob)).containsExactly(cut.messageId());
        assertThat(read(bob, cut.messageId())).isEqualTo(content);
    }
}
