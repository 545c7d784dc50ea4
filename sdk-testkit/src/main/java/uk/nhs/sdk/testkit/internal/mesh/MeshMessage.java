package uk.nhs.sdk.testkit.internal.mesh;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.nhs.sdk.testkit.internal.mesh.MeshDirectory.Mailbox;

/**
 * One message in the fake's store and where it is in its life: uploading (chunks pending),
 * accepted (in the recipient's inbox), acknowledged, or undeliverable (not collected in time).
 * Its chunk bodies are files on disk; this holds only metadata. Guarded by {@link MeshStore}'s
 * lock.
 */
final class MeshMessage {
    enum Status {
        UPLOADING("uploading"),
        ACCEPTED("accepted"),
        ACKNOWLEDGED("acknowledged"),
        UNDELIVERABLE("undeliverable");

        final String wire;

        Status(String wire) {
            this.wire = wire;
        }
    }

    enum Type {
        DATA,
        REPORT
    }

    final String id;
    final Type type;
    /** Empty for reports, which come from MESH itself. */
    final Optional<Mailbox> sender;

    final Mailbox recipient;
    final MeshSendHeaders headers;
    final int totalChunks;
    final String contentEncoding;
    final Instant created;
    final List<Long> chunkSizes = new ArrayList<>();
    Status status;
    Instant statusChanged;
    Instant accepted;
    long inboxSequence;
    Instant acknowledged;
    /** For reports, and for data messages that became undeliverable. */
    Optional<StatusReport> report = Optional.empty();

    MeshMessage(
            String id,
            Type type,
            Optional<Mailbox> sender,
            Mailbox recipient,
            MeshSendHeaders headers,
            int totalChunks,
            String contentEncoding,
            Instant created) {
        this.id = id;
        this.type = type;
        this.sender = sender;
        this.recipient = recipient;
        this.headers = headers;
        this.totalChunks = totalChunks;
        this.contentEncoding = contentEncoding;
        this.created = created;
        this.status = Status.UPLOADING;
        this.statusChanged = created;
    }

    int receivedChunks() {
        return chunkSizes.size();
    }

    long storedSize() {
        long total = 0;
        for (long s : chunkSizes) {
            total += s;
        }
        return total;
    }

    String fileName() {
        return headers.fileName().orElse(id + ".dat");
    }

    Optional<Instant> inboxExpiry() {
        return Optional.ofNullable(accepted).map(a -> a.plus(MeshStore.INBOX_EXPIRY));
    }

    /**
     * The error a report carries, or why a data message failed.
     *
     * @param code the status code, such as {@code 14}
     * @param event the status event, such as {@code TRANSFER}
     * @param description the description
     * @param linkedMessageId for a report, the message it is about
     * @param at when it happened
     */
    record StatusReport(String code, String event, String description, Optional<String> linkedMessageId, Instant at) {}
}
