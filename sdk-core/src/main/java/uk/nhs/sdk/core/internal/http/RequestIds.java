package uk.nhs.sdk.core.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code X-Request-ID} of a call: a random (version 4, IETF variant) UUID in its canonical
 * 36-character form.
 *
 * <p>It draws from {@link ThreadLocalRandom}, not {@link java.util.UUID#randomUUID()}'s shared
 * {@link java.security.SecureRandom}: that one is synchronised, so every call on every thread
 * queued on one lock, and paid for cryptographic strength this id does not need. The id must be
 * unique (PDS and NRL de-duplicate on it: two different writes under one id could get the first
 * one's answer) but it is no secret and no capability: it is sent in clear beside the request,
 * logged, and echoed back; nobody gains by predicting it.
 *
 * <p>{@code ThreadLocalRandom} alone is not enough for uniqueness across processes: a thread's
 * draws are a function of a 64-bit seed, which it derives from the clock when its class loads
 * (unless {@code java.util.secureRandomSeed} is set), so two JVMs started alike (a fleet scaled out
 * at once) could repeat each other's ids. Each id is therefore the two draws XORed with a 128-bit
 * salt drawn once per process from {@code SecureRandom}: ids of different processes then collide
 * only as often as random UUIDs do, whatever their generators' seeds; within a process each
 * thread's generator is seeded apart from the others'. Internal.
 */
public final class RequestIds {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** This process's salt: drawn once, from the platform's strong source. */
    private static final long SALT_HIGH;

    private static final long SALT_LOW;

    static {
        // a random UUID comes from the JDK's shared SecureRandom; its fixed version and variant bits
        // are the ones every id overwrites, so the salt loses nothing by them
        UUID seed = UUID.randomUUID();
        SALT_HIGH = seed.getMostSignificantBits();
        SALT_LOW = seed.getLeastSignificantBits();
    }

    private RequestIds() {}

    /**
     * A new random request id.
     *
     * @return a version 4 UUID, lower-case hex with hyphens (as {@link java.util.UUID#toString()})
     */
    public static String random() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return fromDraws(r.nextLong(), r.nextLong());
    }

    /**
     * The id for two draws: salted, then the version and variant bits set.
     *
     * @param high the first draw
     * @param low the second draw
     * @return the id
     */
    static String fromDraws(long high, long low) {
        long msb = (high ^ SALT_HIGH) & ~0xF000L | 0x4000L; // version 4
        long lsb = (low ^ SALT_LOW) & ~(0xC000L << 48) | 0x8000L << 48; // IETF variant (10xx)
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
