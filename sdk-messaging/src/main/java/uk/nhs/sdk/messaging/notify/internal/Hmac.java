package uk.nhs.sdk.messaging.notify.internal;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over raw bytes, compared with a hex signature in constant time. Internal.
 */
public final class Hmac {
    private static final String ALG = "HmacSHA256";
    private final SecretKeySpec key;

    /**
     * Creates the signer.
     *
     * @param secret the key bytes
     */
    public Hmac(byte[] secret) {
        this.key = new SecretKeySpec(secret, ALG);
    }

    /**
     * The lower-case hex HMAC of a body.
     *
     * @param body the bytes
     * @return 64 hex digits
     */
    public String hex(byte[] body) {
        return HexFormat.of().formatHex(mac(body));
    }

    /**
     * Whether a hex signature (any case, surrounding spaces ignored) is the body's HMAC; the
     * comparison takes the same time wherever the first difference is.
     *
     * @param body the bytes
     * @param signature the claimed signature
     * @return {@code true} when it matches
     */
    public boolean matchesHex(byte[] body, String signature) {
        String s = signature.strip().toLowerCase(Locale.ROOT);
        byte[] expected = hex(body).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return constantTimeEquals(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII), expected);
    }

    /**
     * Compares two byte arrays in time that does not depend on where they differ.
     *
     * @param a one
     * @param b the other
     * @return {@code true} when equal
     */
    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALG);
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
