package uk.nhs.sdk.identity.pds;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * A FHIR {@code date} or {@code dateTime} as PDS sends it, which may be partial: PDS documents
 * that birth and death dates are normally {@code yyyy-mm-dd} (death as
 * {@code yyyy-mm-ddTHH:MM:SS+00:00}) but that, for a small number of patients, only
 * {@code yyyy-mm} or {@code yyyy} is known.
 *
 * <p>Its {@code toString()} never prints the date (a birth date identifies a patient); use
 * {@link #text()} deliberately.
 */
public final class FhirDate {
    private static final Pattern FORMAT = Pattern.compile(
            "([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2})"
                    + "(T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?)?)?)?");

    private final String text;
    private final int year;
    private final Integer month;
    private final Integer day;
    private final OffsetDateTime dateTime;

    private FhirDate(String text, int year, Integer month, Integer day, OffsetDateTime dateTime) {
        this.text = text;
        this.year = year;
        this.month = month;
        this.day = day;
        this.dateTime = dateTime;
    }

    /**
     * Parses a FHIR date or dateTime: {@code yyyy}, {@code yyyy-mm}, {@code yyyy-mm-dd} or
     * {@code yyyy-mm-ddTHH:MM:SS} with an optional offset (none means UTC, as PDS documents).
     *
     * @param text the value
     * @return the date
     * @throws NhsValidationException when the text is not such a value (the message never holds it)
     */
    public static FhirDate parse(String text) {
        Objects.requireNonNull(text, "text");
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw new NhsValidationException("date", "must be yyyy, yyyy-mm, yyyy-mm-dd or a FHIR dateTime");
        }
        try {
            int y = Integer.parseInt(m.group(1));
            Integer mo = m.group(2) == null ? null : Integer.valueOf(m.group(2));
            Integer d = m.group(3) == null ? null : Integer.valueOf(m.group(3));
            OffsetDateTime dt = null;
            if (d != null) {
                LocalDate date = LocalDate.of(y, mo, d);
                if (m.group(4) != null) {
                    // THH:MM:SS[.f]: the digits are known to be there; LocalTime.of checks the ranges
                    // (DateTimeFormatter parsing allocated more than the rest of a patient's decode)
                    int t = m.start(4);
                    LocalDateTime ldt = LocalDateTime.of(date, LocalTime.of(twoDigits(text, t + 1),
                            twoDigits(text, t + 4), twoDigits(text, t + 7)));
                    String off = m.group(5);
                    ZoneOffset offset = off == null || "Z".equals(off) ? ZoneOffset.UTC : ZoneOffset.of(off);
                    dt = OffsetDateTime.of(ldt, offset);
                }
            } else if (mo != null && (mo < 1 || mo > 12)) {
                throw new NhsValidationException("date", "the month must be 01 to 12");
            }
            return new FhirDate(text, y, mo, d, dt);
        } catch (java.time.DateTimeException e) {
            throw new NhsValidationException("date", "is not a calendar date");
        }
    }

    private static int twoDigits(String s, int at) {
        return (s.charAt(at) - '0') * 10 + (s.charAt(at + 1) - '0');
    }

    /**
     * A full date.
     *
     * @param date the date
     * @return the value, as {@code yyyy-mm-dd}
     */
    public static FhirDate of(LocalDate date) {
        Objects.requireNonNull(date, "date");
        return new FhirDate(date.toString(), date.getYear(), date.getMonthValue(), date.getDayOfMonth(), null);
    }

    /**
     * The value exactly as sent.
     *
     * @return for example {@code 2010-10-22} or {@code 2010-10-22T00:00:00+00:00}
     */
    public String text() {
        return text;
    }

    /**
     * The year.
     *
     * @return the year
     */
    public int year() {
        return year;
    }

    /**
     * The month, when known.
     *
     * @return 1 to 12, or empty for a year-only value
     */
    public OptionalInt month() {
        return month == null ? OptionalInt.empty() : OptionalInt.of(month);
    }

    /**
     * The day of the month, when known.
     *
     * @return 1 to 31, or empty for a partial value
     */
    public OptionalInt day() {
        return day == null ? OptionalInt.empty() : OptionalInt.of(day);
    }

    /**
     * Whether year, month and day are all known.
     *
     * @return {@code true} for a full date or a dateTime
     */
    public boolean isFullDate() {
        return day != null;
    }

    /**
     * The calendar date, when the value has one.
     *
     * @return the date, or empty for {@code yyyy} and {@code yyyy-mm}
     */
    public Optional<LocalDate> toLocalDate() {
        return day == null ? Optional.empty() : Optional.of(LocalDate.of(year, month, day));
    }

    /**
     * The instant, when the value has a time.
     *
     * @return the date-time (UTC when no offset was sent), or empty for a date
     */
    public Optional<OffsetDateTime> toOffsetDateTime() {
        return Optional.ofNullable(dateTime);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FhirDate && ((FhirDate) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /**
     * A masked form: dates of birth and death identify patients.
     *
     * @return {@code FhirDate[***]}
     */
    @Override
    public String toString() {
        return "FhirDate[***]";
    }
}
