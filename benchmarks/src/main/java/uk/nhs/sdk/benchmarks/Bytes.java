package uk.nhs.sdk.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/** The MESH benchmark's test content (seeded random bytes) and its SHA-256 checks. */
final class Bytes {
    private Bytes() {}

    static byte[] sha256(InputStream in, OutputStream sink) throws IOException {
        MessageDigest d = newSha256();
        in.transferTo(new DigestOutputStream(sink, d));
        return d.digest();
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void require(String variant, byte[] want, byte[] got) {
        if (!MessageDigest.isEqual(want, got)) {
            throw new IllegalStateException(variant + " did not move the message's bytes");
        }
    }

    static void writeSeeded(Path target, long length) throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        byte[] buf = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(target)) {
            for (long left = length; left > 0; left -= buf.length) {
                for (int i = 0; i < buf.length; i += 8) {
                    long v = random.nextLong();
                    for (int j = 0; j < 8; j++) {
                        buf[i + j] = (byte) (v >>> (8 * j));
                    }
                }
                out.write(buf, 0, (int) Math.min(buf.length, left));
            }
        }
    }
}
