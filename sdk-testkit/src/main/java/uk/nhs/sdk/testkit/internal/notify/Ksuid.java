package uk.nhs.sdk.testkit.internal.notify;

import java.math.BigInteger;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * K-Sortable Unique IDentifiers, as NHS Notify gives its messages and batches: 4 bytes of seconds
 * since 2014-05-13T16:53:20Z and 16 random bytes, written as 27 base-62 characters
 * ({@code ^[a-zA-Z0-9]{27}$}). The random part needs no secrecy in a fake, so it comes from the
 * fast thread-local generator.
 */
final class Ksuid {
    private static final long EPOCH = 1_400_000_000L;
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final BigInteger SIXTY_TWO = BigInteger.valueOf(62);
    private static final int LENGTH = 27;

    /**
     * A new id.
     *
     * @param at the time it is stamped with
     * @return 27 base-62 characters
     */
    String next(Instant at) {
        byte[] bytes = new byte[20];
        long seconds = Math.max(0, at.getEpochSecond() - EPOCH);
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) (seconds >>> (24 - 8 * i));
        }
        byte[] payload = new byte[16];
        ThreadLocalRandom.current().nextBytes(payload);
        System.arraycopy(payload, 0, bytes, 4, 16);
        BigInteger n = new BigInteger(1, bytes);
        char[] out = new char[LENGTH];
        for (int i = LENGTH - 1; i >= 0; i--) {
            BigInteger[] qr = n.divideAndRemainder(SIXTY_TWO);
            out[i] = BASE62[qr[1].intValue()];
            n = qr[0];
        }
        return new String(out);
    }
}
