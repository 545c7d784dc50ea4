package uk.nhs.sdk.reliability.lost;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.error.ResourceNotFoundException;
import uk.nhs.sdk.core.error.ServerErrorException;
import uk.nhs.sdk.core.http.PipelinePosition;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingSleeper;
import uk.nhs.sdk.messaging.mesh.MeshClient;
import uk.nhs.sdk.messaging.mesh.MeshInboxQuery;
import uk.nhs.sdk.messaging.mesh.MeshMessageFinalisedException;
import uk.nhs.sdk.messaging.mesh.MeshPollResult;
import uk.nhs.sdk.messaging.mesh.MeshSendIncompleteException;
import uk.nhs.sdk.messaging.mesh.MeshSendRequest;
import uk.nhs.sdk.messaging.mesh.MeshSendResult;
import uk.nhs.sdk.messaging.mesh.MeshTrackingInfo;
import uk.nhs.sdk.messaging.mesh.MeshTrackingStatus;
import uk.nhs.sdk.reliability.PrivacyAudit;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.SandboxMeshMailbox;

/**
 * MESH: messages of mixed sizes (most small, some around the chunk size, some of several chunks)
 * sent from one mailbox to another while a tenth of all requests fail, then received and
 * acknowledged by the recipient, which keeps what it stored by message id (MESH delivers at least
 * once: a message whose acknowledgement was lost is downloaded again).
 *
 * <p>The sender does what the SDK's documentation tells a caller to do: a send with an unknown
 * outcome is tracked by its local id (found: resumed if it was still uploading; not found: sent
 * again); a send that stopped part-way is resumed from the chunk it names; a refusal (503 after
 * the retries) is sent again. The judge is the recipient's store and MESH's tracking: every local
 * id arrived under exactly one message id, with the same bytes, and is acknowledged. The
 * recipient's store also refuses the first delivery of about one message in twenty (its handler
 * throws after reading the content): such a message must stay in the inbox and come again, as an
 * acknowledgement is only for what was stored.
 */
final class MeshNothingLost {
    static final int MESSAGES = 200;
    static final int CHUNK = 8 * 1024;
    private static final int ROUNDS = 10;
    private static final String WORKFLOW = "TEST_WORKFLOW";

    private final NhsSandbox sandbox;
    private final MutableClock clock;
    private final long seed;
    private final RandomFaults faults;
    private int unknown;
    private int reconciled;
    private final Set<String> refused = new HashSet<>();

    MeshNothingLost(NhsSandbox sandbox, MutableClock clock, long seed) {
        this.sandbox = sandbox;
        this.clock = clock;
        this.seed = seed;
        this.faults = new RandomFaults(sandbox, seed, 0.10, false);
    }

    Outcome run() throws Exception {
        Random random = new Random(seed);
        Map<String, byte[]> sent = new LinkedHashMap<>();
        for (int i = 0; i < MESSAGES; i++) {
            sent.put("reliability-" + seed + "-" + i, content(random, i));
        }
        Map<String, String> messageIds = new LinkedHashMap<>();
        try (MeshClient alice = client("X26ABC1");
                MeshClient bob = client("X26ABC2")) {
            for (Map.Entry<String, byte[]> m : sent.entrySet()) {
                messageIds.put(m.getKey(), send(alice, m.getKey(), m.getValue()));
            }
            Map<String, List<String>> received = new LinkedHashMap<>();
            Map<String, String> hashes = new LinkedHashMap<>();
            receiveAll(bob, received, hashes);

            int lost = 0;
            int duplicated = 0;
            for (Map.Entry<String, byte[]> m : sent.entrySet()) {
                List<String> ids = received.getOrDefault(m.getKey(), List.of());
                if (ids.isEmpty()) {
                    lost++;
                } else if (ids.size() > 1) {
                    duplicated++;
                }
            }
            assertThat(lost).as("MESH messages lost (seed %d)", seed).isZero();
            assertThat(duplicated)
                    .as("MESH messages delivered under two message ids (seed %d)", seed)
                    .isZero();
            for (Map.Entry<String, byte[]> m : sent.entrySet()) {
                String id = received.get(m.getKey()).get(0);
                assertThat(id)
                        .as("message id of %s (seed %d)", m.getKey(), seed)
                        .isEqualTo(messageIds.get(m.getKey()));
                assertThat(hashes.get(id))
                        .as("bytes of %s (seed %d)", m.getKey(), seed)
                        .isEqualTo(sha256(m.getValue()));
                MeshTrackingInfo t = retrying(() -> alice.track(id));
                assertThat(t.status())
                        .as("tracking of %s (seed %d)", m.getKey(), seed)
                        .isEqualTo(MeshTrackingStatus.ACKNOWLEDGED);
            }
            assertThat(retrying(() -> bob.inboxCount()))
                    .as("inbox left (seed %d)", seed)
                    .isZero();
            assertThat(refused)
                    .as("deliveries the recipient's store refused (seed %d)", seed)
                    .isNotEmpty();
            return new Outcome(
                    "MESH: send, receive, acknowledge (" + CHUNK / 1024 + " KiB chunks)",
                    MESSAGES,
                    faults.requests(),
                    faults.injected(),
                    faults.retries(),
                    unknown,
                    reconciled,
                    lost,
                    duplicated);
        }
    }

    /** Most messages small; every tenth around the chunk size; every twenty-fifth of several chunks. */
    private static byte[] content(Random random, int i) {
        int size;
        if (i % 25 == 7) {
            size = CHUNK * 2 + random.nextInt(CHUNK * 3);
        } else if (i % 10 == 3) {
            size = CHUNK - 1 + random.nextInt(3);
        } else {
            size = 1 + random.nextInt(2048);
        }
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }

    private MeshClient client(String mailboxId) {
        SandboxMeshMailbox mailbox = sandbox.meshMailboxes().stream()
                .filter(m -> m.id().equals(mailboxId))
                .findFirst()
                .orElseThrow();
        return MeshClient.builder()
                .baseUrl(sandbox.meshBaseUrl())
                .mailbox(mailbox.id())
                .password(mailbox.password())
                .sharedKey(sandbox.meshSharedKey())
                .chunkSize(CHUNK)
                .options(NhsClientOptions.builder()
                        .clock(clock)
                        .sleeper(new RecordingSleeper(clock))
                        .addPolicy(PipelinePosition.PER_ATTEMPT, faults)
                        .build())
                .build();
    }

    /** Sends one message until MESH has all of it exactly once; returns its message id. */
    private String send(MeshClient alice, String localId, byte[] content) {
        MeshSendRequest request =
                MeshSendRequest.builder("X26ABC2", WORKFLOW).localId(localId).build();
        for (int round = 0; round < ROUNDS; round++) {
            try {
                MeshSendResult result = alice.send(request, content);
                PrivacyAudit.checkText(result.toString());
                return result.messageId();
            } catch (MeshSendIncompleteException e) {
                PrivacyAudit.check(e);
                unknown++;
                String id = resume(alice, request, content, e.messageId(), e.nextChunk());
                reconciled++;
                return id;
            } catch (NhsTransportException e) {
                PrivacyAudit.check(e);
                if (!e.outcomeUnknown()) {
                    continue; // nothing was sent: send again
                }
                unknown++;
                assertThat(e.reconcileId()).as("reconcile id (seed %d)", seed).contains(localId);
                Optional<MeshTrackingInfo> found = trackByLocalId(alice, localId);
                reconciled++;
                if (found.isPresent()) {
                    String id = found.get().messageId().orElseThrow();
                    if (found.get().status() == MeshTrackingStatus.UPLOADING) {
                        return resume(alice, request, content, id, 2);
                    }
                    return id;
                }
                // not found: MESH never stored it, so sending again cannot duplicate it
            } catch (ServerErrorException e) {
                PrivacyAudit.check(e);
                assertThat(e.status())
                        .as("a refusal that proves MESH did not store it (seed %d)", seed)
                        .isIn(429, 503);
            }
        }
        throw new AssertionError(
                "MESH send of " + localId + " did not complete in " + ROUNDS + " rounds (seed " + seed + ")");
    }

    private String resume(MeshClient alice, MeshSendRequest request, byte[] content, String messageId, int from) {
        int next = from;
        for (int round = 0; round < ROUNDS; round++) {
            try {
                return alice.resumeSend(request, content, messageId, next).messageId();
            } catch (MeshSendIncompleteException e) {
                PrivacyAudit.check(e);
                next = e.nextChunk();
            } catch (MeshMessageFinalisedException e) {
                PrivacyAudit.check(e);
                MeshTrackingInfo t = retrying(() -> alice.track(messageId));
                assertThat(t.status())
                        .as("a finalised message is complete (seed %d)", seed)
                        .isIn(MeshTrackingStatus.ACCEPTED, MeshTrackingStatus.ACKNOWLEDGED);
                return messageId;
            }
        }
        throw new AssertionError(
                "MESH resume of a message did not complete in " + ROUNDS + " rounds (seed " + seed + ")");
    }

    private Optional<MeshTrackingInfo> trackByLocalId(MeshClient alice, String localId) {
        for (int round = 0; round < ROUNDS; round++) {
            try {
                return Optional.of(alice.trackByLocalId(localId));
            } catch (ResourceNotFoundException e) {
                PrivacyAudit.check(e);
                return Optional.empty();
            } catch (NhsSdkException e) {
                PrivacyAudit.check(e);
            }
        }
        throw new AssertionError("tracking by local id kept failing (seed " + seed + ")");
    }

    /** Drains the inbox until it is empty, storing each message once by its message id. */
    private void receiveAll(MeshClient bob, Map<String, List<String>> byLocalId, Map<String, String> hashes) {
        for (int round = 0; round < ROUNDS; round++) {
            try {
                MeshPollResult r = bob.receiveAll(MeshInboxQuery.all(), m -> {
                    byte[] bytes;
                    try (InputStream in = m.content()) {
                        bytes = in.readAllBytes();
                    }
                    PrivacyAudit.checkText(m.info().toString());
                    String localId = m.info().localId().orElse("");
                    if (Math.floorMod((localId + "/" + seed).hashCode(), 20) == 0 && refused.add(localId)) {
                        throw new IOException("the recipient's store is unavailable");
                    }
                    if (hashes.putIfAbsent(m.messageId(), sha256(bytes)) == null) {
                        byLocalId
                                .computeIfAbsent(m.info().localId().orElse(""), k -> new ArrayList<>())
                                .add(m.messageId());
                    }
                });
                r.failures().values().forEach(PrivacyAudit::check);
            } catch (NhsSdkException e) {
                PrivacyAudit.check(e);
            }
            if (retrying(() -> bob.inboxCount()) == 0) {
                return;
            }
        }
        throw new AssertionError("the inbox was not drained in " + ROUNDS + " rounds (seed " + seed + ")");
    }

    private <T> T retrying(Supplier<T> call) {
        for (int round = 0; round < ROUNDS; round++) {
            try {
                return call.get();
            } catch (NhsSdkException e) {
                PrivacyAudit.check(e);
            }
        }
        throw new AssertionError("a read kept failing (seed " + seed + ")");
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
