package uk.nhs.sdk.core.internal.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Parses {@code Retry-After}: delta seconds or an HTTP-date. Internal.
 */
public final class RetryAfter {
    private RetryAfter() {}

    /**
     * Parses a header value.
     *
     * @param value the header value, or {@code null}
     * @param clock the clock an HTTP-date is measured from
     * @return the wait (never negative; a number of seconds too large for a {@code long} is read as
     *     the longest {@link Duration} of whole seconds), or empty when absent or unreadable
     */
    public static Optional<Duration> parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.matches("[0-9]+")) {
            // a wait beyond any cap is still a wait: read as "unreadable" it would be retried at once
            return Optional.of(Duration.ofSeconds(v.length() > 18 ? Long.MAX_VALUE : Long.parseLong(v)));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
