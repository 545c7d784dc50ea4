package uk.nhs.sdk.examples.mesh;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * A size given on the command line: a number of bytes with an optional unit, {@code KiB},
 * {@code MiB}, {@code GiB} (powers of 1024) or {@code KB}, {@code MB}, {@code GB} (powers of
 * 1000), such as {@code 20MiB}.
 */
final class ByteSize {
    private static final Pattern FORMAT = Pattern.compile("([0-9]{1,12})\\s*([KMG]I?B|B)?");

    private ByteSize() {}

    static long parse(String field, String text) {
        Matcher m = FORMAT.matcher(text.strip().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new NhsValidationException(
                    field, "must be a number of bytes, optionally with KiB, MiB, GiB, KB, MB or GB");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        long factor = switch (unit) {
            case "KIB" -> 1L << 10;
            case "MIB" -> 1L << 20;
            case "GIB" -> 1L << 30;
            case "KB" -> 1_000L;
            case "MB" -> 1_000_000L;
            case "GB" -> 1_000_000_000L;
            default -> 1L;
        };
        return Math.multiplyExact(n, factor);
    }
}
