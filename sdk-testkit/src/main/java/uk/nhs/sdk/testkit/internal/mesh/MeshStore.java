package uk.nhs.sdk.testkit.internal.mesh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import uk.nhs.sdk.testkit.internal.mesh.MeshDirectory.Mailbox;
import uk.nhs.sdk.testkit.internal.mesh.MeshMessage.Status;

/**
 * The fake's messages: metadata in memory, every chunk body in its own file under a directory the
 * sandbox owns, so a message of any size costs the heap one request body at a time.
 *
 * <p>Time passes on the sandbox clock: a message not acknowledged {@link #INBOX_EXPIRY} after it
 * reached the inbox becomes undeliverable and its sender gets a REPORT (code 14); every message is
 * deleted {@link #RETENTION} after it was sent. Both are applied at the start of each request. A
 * message's chunk files are deleted as soon as it can no longer be downloaded (acknowledged or
 * undeliverable), so disk use is bounded by the messages still waiting.
 *
 * <p>All methods lock the store; a chunk is written to disk inside the lock, which orders uploads.
 */
final class MeshStore {
    static final Duration INBOX_EXPIRY = Duration.ofDays(5);
    static final Duration RETENTION = Duration.ofDays(30);
    static final String UNDELIVERED = "Message not collected by recipient after 5 days";

    private final Path root;
    private final String filePrefix;
    private final Clock clock;
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmssSSS", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Map<String, MeshMessage> messages = new LinkedHashMap<>();
    private final Random random = new Random();
    private long nextInboxSequence = 1;

    /**
     * @param root the directory for chunk files; created when absent
     * @param filePrefix the prefix that names a chunk file for the server's body-file source
     * @param clock the sandbox clock
     */
    MeshStore(Path root, String filePrefix, Clock clock) {
        this.root = root;
        this.filePrefix = filePrefix;
        this.clock = clock;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the MESH message directory", e);
        }
    }

    Instant now() {
        return clock.instant();
    }

    synchronized MeshMessage create(
            Optional<Mailbox> sender,
            Mailbox recipient,
            MeshSendHeaders headers,
            int totalChunks,
            String contentEncoding) {
        MeshMessage m = new MeshMessage(
                newId(), MeshMessage.Type.DATA, sender, recipient, headers, totalChunks, contentEncoding, now());
        messages.put(m.id, m);
        return m;
    }

    synchronized Optional<MeshMessage> get(String id) {
        return Optional.ofNullable(messages.get(id.toUpperCase(Locale.ROOT)));
    }

    /** Removes a message that never got its first chunk. */
    synchronized void discard(MeshMessage m) {
        messages.remove(m.id);
        deleteFiles(m.id);
    }

    /**
     * Stores chunk {@code n} (1-based) of an uploading message by moving its spooled body into
     * place, replacing an earlier upload of the same chunk; accepts the message into the
     * recipient's inbox when its last chunk arrives.
     */
    synchronized void putChunk(MeshMessage m, int n, Path body) {
        Path file = chunkFile(m.id, n);
        long size;
        try {
            size = Files.size(body);
            Files.createDirectories(root.resolve(m.id)); // the chunk file's folder
            Files.move(body, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(file.resolveSibling(n + ".identity"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a MESH chunk", e);
        }
        if (n <= m.chunkSizes.size()) {
            m.chunkSizes.set(n - 1, size);
        } else {
            m.chunkSizes.add(size);
        }
        if (m.receivedChunks() == m.totalChunks) {
            accept(m);
        }
    }

    private void accept(MeshMessage m) {
        Instant now = now();
        m.status = Status.ACCEPTED;
        m.statusChanged = now;
        m.accepted = now;
        m.inboxSequence = nextInboxSequence++;
    }

    /**
     * Marks an accepted message acknowledged and deletes its chunk files: it can no longer be
     * downloaded, and tracking needs only its metadata.
     */
    synchronized void acknowledge(MeshMessage m) {
        if (m.status == Status.ACCEPTED) {
            m.status = Status.ACKNOWLEDGED;
            m.acknowledged = now();
            m.statusChanged = m.acknowledged;
            deleteFiles(m.id);
        }
    }

    /** The accepted messages in a mailbox's inbox, oldest first. */
    synchronized List<MeshMessage> inbox(String mailboxId, Predicate<MeshMessage> filter) {
        List<MeshMessage> out = new ArrayList<>();
        for (MeshMessage m : messages.values()) {
            if (m.status == Status.ACCEPTED && m.recipient.id().equals(mailboxId) && filter.test(m)) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparingLong(m -> m.inboxSequence));
        return out;
    }

    /** The messages a mailbox sent with a local id, oldest first. */
    synchronized List<MeshMessage> sentWithLocalId(String mailboxId, String localId) {
        List<MeshMessage> out = new ArrayList<>();
        for (MeshMessage m : messages.values()) {
            if (m.type == MeshMessage.Type.DATA
                    && m.sender.map(s -> s.id().equals(mailboxId)).orElse(false)
                    && m.headers.localId().map(localId::equals).orElse(false)) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * The file name of a chunk as the server's body-file source knows it, as uploaded or decoded
     * from gzip (written once, on first use).
     */
    synchronized String bodyFile(MeshMessage m, int n, boolean decoded) {
        if (!decoded) {
            return filePrefix + m.id + "/" + n;
        }
        Path identity = chunkFile(m.id, n).resolveSibling(n + ".identity");
        if (!Files.exists(identity)) {
            Path tmp = identity.resolveSibling(n + ".identity.part");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(chunkFile(m.id, n)), 64 * 1024);
                    OutputStream out = Files.newOutputStream(tmp)) {
                in.transferTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot decode a stored MESH chunk", e);
            }
            try {
                Files.move(tmp, identity, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot store a decoded MESH chunk", e);
            }
        }
        return filePrefix + m.id + "/" + n + ".identity";
    }

    synchronized long fileSize(String bodyFile) {
        try {
            return Files.size(root.resolve(bodyFile.substring(filePrefix.length())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a stored MESH chunk", e);
        }
    }

    /**
     * Applies the passage of time: uncollected messages become undeliverable and report to their
     * senders; messages past retention are deleted with their files.
     */
    synchronized void sweep() {
        Instant now = now();
        List<MeshMessage> undelivered = new ArrayList<>();
        for (Iterator<MeshMessage> it = messages.values().iterator(); it.hasNext(); ) {
            MeshMessage m = it.next();
            if (!now.isBefore(m.created.plus(RETENTION))) {
                it.remove();
                deleteFiles(m.id);
                continue;
            }
            if (m.status == Status.ACCEPTED && !now.isBefore(m.accepted.plus(INBOX_EXPIRY))) {
                Instant at = m.accepted.plus(INBOX_EXPIRY);
                m.status = Status.UNDELIVERABLE;
                m.statusChanged = at;
                m.report =
                        Optional.of(new MeshMessage.StatusReport("14", "TRANSFER", UNDELIVERED, Optional.empty(), at));
                deleteFiles(m.id);
                if (m.type == MeshMessage.Type.DATA && m.sender.isPresent()) {
                    undelivered.add(m);
                }
            }
        }
        for (MeshMessage about : undelivered) {
            MeshMessage r = report(about, about.sender.orElseThrow(), about.statusChanged);
            messages.put(r.id, r);
            accept(r);
        }
    }

    /**
     * A new message id in real MESH's form (MESH API spec examples, such as
     * {@code 20200529155357895317_3573F8}): the sandbox clock's time to the millisecond and three
     * random digits, then six random upper-case hex digits; unique in the store. Unlike a 32-hex
     * id, it never holds a run of exactly ten digits, which a log checker would take for an NHS
     * number.
     */
    private String newId() {
        while (true) {
            String id = ID_TIME.format(now())
                    + String.format(Locale.ROOT, "%03d_%06X", random.nextInt(1000), random.nextInt(1 << 24));
            if (!messages.containsKey(id)) {
                return id;
            }
        }
    }

    private MeshMessage report(MeshMessage about, Mailbox to, Instant at) {
        MeshMessage r = new MeshMessage(
                newId(), MeshMessage.Type.REPORT, Optional.empty(), to, MeshSendHeaders.forReport(about), 0, "", at);
        r.report = Optional.of(new MeshMessage.StatusReport("14", "TRANSFER", UNDELIVERED, Optional.of(about.id), at));
        return r;
    }

    /** Forgets every message and deletes their files. */
    synchronized void clear() {
        for (String id : messages.keySet()) {
            deleteFiles(id);
        }
        messages.clear();
        nextInboxSequence = 1;
    }

    private Path chunkFile(String id, int n) {
        return root.resolve(id).resolve(String.valueOf(n));
    }

    private void deleteFiles(String id) {
        Path dir = root.resolve(id);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete stored MESH chunks", e);
        }
    }
}
