package uk.nhs.sdk.messaging.mesh.internal;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads MESH's timestamps leniently: the header form {@code yyyyMMddHHmmss} (also
 * {@code yyyyMMddHHmm}), ISO local date-times with or without fractions (the sandbox's tracking
 * body), and ISO date-times with an offset (converted to UTC). Anything else is absent.
 */
public final class MeshTimestamps {
    private static final DateTimeFormatter COMPACT_SECONDS = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");
    private static final DateTimeFormatter COMPACT_MINUTES = DateTimeFormatter.ofPattern("uuuuMMddHHmm");

    private MeshTimestamps() {}

    /**
     * Parses a timestamp.
     *
     * @param value the text, or {@code null}
     * @return the date-time as MESH gave it (UTC when it carried an offset)
     */
    public static Optional<LocalDateTime> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        try {
            if (v.matches("\\d{14}")) {
                return Optional.of(LocalDateTime.parse(v, COMPACT_SECONDS));
            }
            if (v.matches("\\d{12}")) {
                return Optional.of(LocalDateTime.parse(v, COMPACT_MINUTES));
            }
            if (v.endsWith("Z") || v.matches(".*[+-]\\d{2}:?\\d{2}$")) {
                return Optional.of(OffsetDateTime.parse(v)
                        .withOffsetSameInstant(ZoneOffset.UTC)
                        .toLocalDateTime());
            }
            return Optional.of(LocalDateTime.parse(v));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
