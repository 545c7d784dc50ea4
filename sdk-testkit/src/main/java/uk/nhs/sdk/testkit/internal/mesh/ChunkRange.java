package uk.nhs.sdk.testkit.internal.mesh;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code mex-Chunk-Range} value, {@code n:total} with {@code 0 < n <= total}.
 *
 * @param number the chunk's number, from 1
 * @param total how many chunks the message has
 */
record ChunkRange(int number, int total) {
    private static final Pattern FORMAT = Pattern.compile("\\s*([0-9]{1,9})\\s*:\\s*([0-9]{1,9})\\s*");

    static Optional<ChunkRange> parse(String value) {
        Matcher m = FORMAT.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        int n = Integer.parseInt(m.group(1));
        int total = Integer.parseInt(m.group(2));
        return n > 0 && n <= total ? Optional.of(new ChunkRange(n, total)) : Optional.empty();
    }
}
