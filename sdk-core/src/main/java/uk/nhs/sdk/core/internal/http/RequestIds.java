package uk.nhs.sdk.core.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code X-Request-ID} of a call: a random (version 4, IETF variant) UUID in its canonical
 * 36-character form.
 *
 * <p>It draws from {@link ThreadLocalRandom}, not {@link java.util.UUID#randomUUID()}'s shared
 * {@link java.security.SecureRandom}: that one is synchronised, so every call on every thread
 * queued on one lock, and paid for cryptographic strength this id does not need. The id must be
 * unique (PDS and NRL de-duplicate on it) and it is no secret and no capability: it is sent in
 * clear beside the request, logged, and echoed back; nobody gains by predicting it. 122 random
 * bits from a per-thread generator (seeded apart per thread) keep collisions as unlikely as
 * {@code randomUUID()}'s. Internal.
 */
public final class RequestIds {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private RequestIds() {
    }

    /**
     * A new random request id.
     *
     * @return a version 4 UUID, lower-case hex with hyphens (as {@link java.util.UUID#toString()})
     */
    public static String random() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = r.nextLong() & ~0xF000L | 0x4000L; // version 4
        long lsb = r.nextLong() & ~(0xC000L << 48) | 0x8000L << 48; // IETF variant (10xx)
        return format(msb, lsb);
    }

    /**
     * The canonical form of a UUID's two halves, as {@link java.util.UUID#toString()} writes it.
     *
     * @param msb the most significant 64 bits
     * @param lsb the least significant 64 bits
     * @return {@code xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}
     */
    static String format(long msb, long lsb) {
        byte[] b = new byte[36];
        hex(b, 0, msb >>> 32, 8);
        b[8] = '-';
        hex(b, 9, msb >>> 16, 4);
        b[13] = '-';
        hex(b, 14, msb, 4);
        b[18] = '-';
        hex(b, 19, lsb >>> 48, 4);
        b[23] = '-';
        hex(b, 24, lsb, 12);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static void hex(byte[] b, int at, long value, int digits) {
        for (int i = at + digits - 1; i >= at; i--) {
            b[i] = HEX[(int) value & 0xF];
            value >>>= 4;
        }
    }
}
