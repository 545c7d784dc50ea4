package uk.nhs.sdk.messaging.mesh.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import uk.nhs.sdk.core.Secret;

/**
 * The pure NHSMESH {@code Authorization} header computation (MESH API spec, "Authorization
 * header"):
 *
 * <pre>
 * NHSMESH {mailbox}:{nonce}:{nonce_count}:{yyyyMMddHHmm}:{hex(HMAC-SHA256(shared key,
 *         mailbox:nonce:nonce_count:password:timestamp))}
 * </pre>
 *
 * <p>The scheme is followed by exactly one space; the password goes into the hash only; the
 * timestamp is UTC; the hash is lower-case hex. No input is changed here: the client upper-cases
 * the mailbox id before it gets here.
 */
public final class MeshAuthHeader {
    /** The header's scheme, followed by one space in the header value. */
    public static final String SCHEME = "NHSMESH";

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private MeshAuthHeader() {}

    /**
     * The header timestamp of an instant: UTC, {@code yyyyMMddHHmm}.
     *
     * @param instant the instant
     * @return twelve digits
     */
    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /**
     * The HMAC input: the five fields joined by {@code :} in the spec's order.
     *
     * @param mailbox the mailbox id as it appears in the header
     * @param nonce the nonce
     * @param nonceCount the nonce count
     * @param password the mailbox password
     * @param timestamp the timestamp
     * @return {@code mailbox:nonce:nonceCount:password:timestamp}
     */
    static String hmacInput(String mailbox, String nonce, String nonceCount, Secret password, String timestamp) {
        return mailbox + ":" + nonce + ":" + nonceCount + ":" + password.reveal() + ":" + timestamp;
    }

    /**
     * Lower-case hex HMAC-SHA256.
     *
     * @param sharedKey the key (its UTF-8 bytes are used)
     * @param input the message (UTF-8, which is ASCII for valid inputs)
     * @return 64 lower-case hex characters
     */
    static String hmacSha256Hex(Secret sharedKey, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sharedKey.revealBytes(), "HmacSHA256"));
            byte[] h = mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
            char[] out = new char[h.length * 2];
            for (int i = 0; i < h.length; i++) {
                out[2 * i] = HEX[(h[i] >> 4) & 0xF];
                out[2 * i + 1] = HEX[h[i] & 0xF];
            }
            return new String(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /**
     * The full header value.
     *
     * @param mailbox the mailbox id (upper case for real MESH)
     * @param password the mailbox password
     * @param sharedKey the environment's shared key
     * @param nonce the nonce (a UUID; must not contain {@code :})
     * @param nonceCount the nonce count, decimal
     * @param timestamp the {@code yyyyMMddHHmm} UTC timestamp
     * @return {@code NHSMESH mailbox:nonce:count:timestamp:hash}
     */
    public static String value(
            String mailbox, Secret password, Secret sharedKey, String nonce, String nonceCount, String timestamp) {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(sharedKey, "sharedKey");
        String hash = hmacSha256Hex(sharedKey, hmacInput(mailbox, nonce, nonceCount, password, timestamp));
        return SCHEME + " " + mailbox + ":" + nonce + ":" + nonceCount + ":" + timestamp + ":" + hash;
    }
}
