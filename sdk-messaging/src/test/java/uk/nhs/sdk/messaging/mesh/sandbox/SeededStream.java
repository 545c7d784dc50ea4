package uk.nhs.sdk.messaging.mesh.sandbox;

import java.io.InputStream;
import java.util.SplittableRandom;

/**
 * A stream of pseudo-random bytes fixed by a seed and a length: the same bytes however it is
 * read, so a large payload can be produced and checked twice without ever being held whole.
 */
final class SeededStream extends InputStream {
    private final SplittableRandom random;
    private long remaining;
    private long word;
    private int wordBytes;

    SeededStream(long seed, long length) {
        this.random = new SplittableRandom(seed);
        this.remaining = length;
    }

    @Override
    public int read() {
        if (remaining == 0) {
            return -1;
        }
        if (wordBytes == 0) {
            word = random.nextLong();
            wordBytes = 8;
        }
        int b = (int) (word & 0xff);
        word >>>= 8;
        wordBytes--;
        remaining--;
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) {
        if (remaining == 0) {
            return -1;
        }
        int n = (int) Math.min(len, remaining);
        for (int i = 0; i < n; i++) {
            if (wordBytes == 0) {
                word = random.nextLong();
                wordBytes = 8;
            }
            buf[off + i] = (byte) word;
            word >>>= 8;
            wordBytes--;
        }
        remaining -= n;
        return n;
    }
}
