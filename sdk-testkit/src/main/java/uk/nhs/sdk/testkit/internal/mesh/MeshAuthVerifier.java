package uk.nhs.sdk.testkit.internal.mesh;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.testkit.internal.mesh.MeshDirectory.Mailbox;

/**
 * Checks a MESH {@code Authorization} header as real MESH does:
 * {@code NHSMESH {mailbox_id}:{nonce}:{nonce_count}:{yyyyMMddHHmm}:{hash}}, where the hash is
 * the lower-case hex HMAC-SHA256, keyed with the environment's shared key, of
 * {@code mailbox_id:nonce:nonce_count:password:timestamp}.
 *
 * <p>In order, as NHSDigital/mesh-sandbox checks it and then stricter, as real MESH: a missing
 * header or no {@code NHSMESH } scheme is "Error reading from Authorization header"; a mailbox id
 * other than the path's is "Mailbox id does not match token"; not five parts, a nonce count that
 * is not digits, or a nonce that is empty is "Error reading from Authorization header"; an
 * unknown mailbox is "No mailbox matched"; a wrong hash (compared ignoring case, as the sandbox
 * does), a timestamp that is not 12 digits or more than two hours from the sandbox clock's minute is
 * "Invalid Authentication Token"; a (mailbox, nonce, nonce count) seen before is "Error
 * Duplicated Authentication Token". All are 403.
 */
public final class MeshAuthVerifier {
    /** How far a token's timestamp may be from the server's clock. */
    public static final Duration WINDOW = Duration.ofHours(2);

    private static final String SCHEME = "NHSMESH ";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmm", Locale.ROOT);

    private final Secret sharedKey;
    private final Clock clock;
    private final Map<String, Instant> used = new ConcurrentHashMap<>();
    private int sincePrune;

    /**
     * Creates a verifier.
     *
     * @param sharedKey the environment's shared key
     * @param clock the server clock
     */
    public MeshAuthVerifier(Secret sharedKey, Clock clock) {
        this.sharedKey = Objects.requireNonNull(sharedKey, "sharedKey");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The hash part of a token.
     *
     * @param sharedKey the environment's shared key
     * @param mailboxId the mailbox id
     * @param nonce the nonce
     * @param nonceCount the nonce count, as sent
     * @param password the mailbox password
     * @param timestamp the timestamp, as sent
     * @return 64 lower-case hex digits
     */
    public static String hash(
            Secret sharedKey, String mailboxId, String nonce, String nonceCount, Secret password, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sharedKey.revealBytes(), "HmacSHA256"));
            String message = mailboxId + ":" + nonce + ":" + nonceCount + ":" + password.reveal() + ":" + timestamp;
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /**
     * Checks a header for a request to a mailbox's path.
     *
     * @param pathMailboxId the mailbox id in the request path
     * @param authorization the header value, or {@code null} when absent
     * @param directory the known mailboxes
     * @return the authenticated mailbox, or the refusal
     */
    public Outcome verify(String pathMailboxId, String authorization, MeshDirectory directory) {
        String value = authorization == null ? "" : authorization.strip();
        if (value.isEmpty() || !value.startsWith(SCHEME)) {
            return Outcome.refused(MeshError.READING_AUTH_HEADER);
        }
        String[] parts = value.substring(SCHEME.length()).split(":", -1);
        if (!parts[0].equals(pathMailboxId)) {
            return Outcome.refused(MeshError.MAILBOX_TOKEN_MISMATCH);
        }
        if (parts.length != 5 || parts[1].isEmpty() || !parts[2].matches("[0-9]+")) {
            return Outcome.refused(MeshError.READING_AUTH_HEADER);
        }
        String nonce = parts[1];
        String count = parts[2];
        String timestamp = parts[3];
        Optional<Mailbox> mailbox = directory.mailbox(parts[0]);
        if (mailbox.isEmpty()) {
            return Outcome.refused(MeshError.NO_MAILBOX_MATCHED);
        }
        String expected = hash(sharedKey, parts[0], nonce, count, mailbox.get().password(), timestamp);
        byte[] given = parts[4].toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given)) {
            return Outcome.refused(MeshError.INVALID_AUTH_TOKEN);
        }
        Instant now = clock.instant();
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        Optional<Instant> issued = parseTimestamp(timestamp);
        if (issued.isEmpty() || Duration.between(issued.get(), minute).abs().compareTo(WINDOW) > 0) {
            return Outcome.refused(MeshError.INVALID_AUTH_TOKEN);
        }
        if (used.putIfAbsent(parts[0] + ":" + nonce + ":" + count.replaceFirst("^0+(?=.)", ""), issued.get()) != null) {
            return Outcome.refused(MeshError.DUPLICATED_AUTH_TOKEN);
        }
        prune(now);
        return new Outcome(mailbox, Optional.empty());
    }

    private static Optional<Instant> parseTimestamp(String timestamp) {
        if (!timestamp.matches("[0-9]{12}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(timestamp, TIMESTAMP).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private synchronized void prune(Instant now) {
        if (++sincePrune < 1000) {
            return;
        }
        sincePrune = 0;
        Instant oldest = now.minus(WINDOW).minus(Duration.ofMinutes(1));
        for (Iterator<Instant> it = used.values().iterator(); it.hasNext(); ) {
            if (it.next().isBefore(oldest)) {
                it.remove();
            }
        }
    }

    /**
     * Forgets every token seen.
     */
    public void reset() {
        used.clear();
    }

    /**
     * The result of a check: the mailbox, or why it was refused.
     *
     * @param mailbox the authenticated mailbox, when accepted
     * @param refusal the reason, when refused
     */
    public record Outcome(Optional<Mailbox> mailbox, Optional<MeshError> refusal) {
        static Outcome refused(MeshError e) {
            return new Outcome(Optional.empty(), Optional.of(e));
        }

        /**
         * Whether the header was accepted.
         *
         * @return {@code true} when accepted
         */
        public boolean accepted() {
            return mailbox.isPresent();
        }
    }
}
