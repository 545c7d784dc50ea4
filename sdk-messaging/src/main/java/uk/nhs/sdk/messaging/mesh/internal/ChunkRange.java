package uk.nhs.sdk.messaging.mesh.internal;

import java.util.Optional;

/**
 * A downloaded chunk's {@code mex-chunk-range}, {@code n:N}: chunk {@code n} of {@code N}, with
 * {@code 1 <= n <= N}. Anything else (absent, not two decimal numbers, zero, {@code n > N}) does
 * not parse: a receiver that guessed would hand over a truncated or misassembled message.
 *
 * @param number the chunk, from 1
 * @param total the message's chunk count, at least {@code number}
 */
public record ChunkRange(int number, int total) {
    private static final int MAX_DIGITS = 9;

    /**
     * Parses a header value.
     *
     * @param value the value, or {@code null} when the header is absent
     * @return the range, or empty when the value is not a valid range
     */
    public static Optional<ChunkRange> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        int colon = v.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        Integer n = number(v.substring(0, colon));
        Integer total = number(v.substring(colon + 1));
        if (n == null || total == null || n < 1 || total < n) {
            return Optional.empty();
        }
        return Optional.of(new ChunkRange(n, total));
    }

    private static Integer number(String s) {
        if (s.isEmpty() || s.length() > MAX_DIGITS) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return Integer.parseInt(s);
    }
}
