package uk.nhs.sdk.core.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a body into memory without ever holding more than a cap. Internal.
 */
final class BoundedRead {
    private BoundedRead() {}

    /**
     * Reads the whole stream if it fits.
     *
     * @return the bytes, or {@code null} when the stream holds more than {@code max}
     */
    static byte[] upTo(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(max, 4096));
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buf)) != -1) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** Reads at most {@code max} bytes; the rest is left unread. */
    static byte[] prefix(InputStream in, int max) throws IOException {
        return in.readNBytes(max);
    }
}
