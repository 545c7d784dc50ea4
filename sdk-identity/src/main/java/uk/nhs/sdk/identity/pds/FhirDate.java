package uk.nhs.sdk.identity.pds;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
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
        FhirDate date = read(text);
        if (date == null) {
            throw new NhsValidationException("date", "must be yyyy, yyyy-mm, yyyy-mm-dd or a FHIR dateTime");
        }
        return date;
    }

    /**
     * Reads {@code yyyy[-mm[-dd[Thh:mm:ss[.f...][Z|+hh:mm|-hh:mm]]]]} by hand (one date of a
     * patient's many periods used to cost a regex matcher and a DateTimeFormatter parse).
     *
     * @return the date, or {@code null} when the text has another shape
     * @throws NhsValidationException when the shape is right but the values are out of range
     */
    private static FhirDate read(String s) {
        int n = s.length();
        if (n < 4 || !digits(s, 0, 4)) {
            return null;
        }
        int y = number(s, 0, 4);
        if (n == 4) {
            return new FhirDate(s, y, null, null, null);
        }
        if (n < 7 || s.charAt(4) != '-' || !digits(s, 5, 7)) {
            return null;
        }
        int mo = number(s, 5, 7);
        if (n == 7) {
            if (mo < 1 || mo > 12) {
                throw new NhsValidationException("date", "the month must be 01 to 12");
            }
            return new FhirDate(s, y, mo, null, null);
        }
        if (n < 10 || s.charAt(7) != '-' || !digits(s, 8, 10)) {
            return null;
        }
        int d = number(s, 8, 10);
        if (n > 10 && !timeShape(s)) {
            return null;
        }
        try {
            LocalDate date = LocalDate.of(y, mo, d);
            OffsetDateTime dt = null;
            if (n > 10) {
                LocalDateTime ldt =
                        LocalDateTime.of(date, LocalTime.of(number(s, 11, 13), number(s, 14, 16), number(s, 17, 19)));
                dt = OffsetDateTime.of(ldt, offset(s));
            }
            return new FhirDate(s, y, mo, d, dt);
        } catch (java.time.DateTimeException e) {
            throw new NhsValidationException("date", "is not a calendar date");
        }
    }

    /** Whether {@code s} (a date of ten characters and more) goes on {@code Thh:mm:ss[.f...][offset]}. */
    private static boolean timeShape(String s) {
        int n = s.length();
        if (n < 19
                || s.charAt(10) != 'T'
                || !digits(s, 11, 13)
                || s.charAt(13) != ':'
                || !digits(s, 14, 16)
                || s.charAt(16) != ':'
                || !digits(s, 17, 19)) {
            return false;
        }
        int i = 19;
        if (i < n && s.charAt(i) == '.') {
            int f = i + 1;
            while (f < n && s.charAt(f) >= '0' && s.charAt(f) <= '9') {
                f++;
            }
            if (f == i + 1) {
                return false;
            }
            i = f;
        }
        if (i == n) {
            return true;
        }
        if (s.charAt(i) == 'Z') {
            return i + 1 == n;
        }
        return (s.charAt(i) == '+' || s.charAt(i) == '-')
                && n == i + 6
                && digits(s, i + 1, i + 3)
                && s.charAt(i + 3) == ':'
                && digits(s, i + 4, i + 6);
    }

    /** The offset at the end of a dateTime {@link #timeShape} accepted: none and {@code Z} are UTC. */
    private static ZoneOffset offset(String s) {
        int n = s.length();
        char sign = n >= 6 ? s.charAt(n - 6) : 0;
        if (n > 19 && s.charAt(n - 3) == ':' && (sign == '+' || sign == '-')) {
            int h = number(s, n - 5, n - 3);
            int m = number(s, n - 2, n);
            return sign == '+' ? ZoneOffset.ofHoursMinutes(h, m) : ZoneOffset.ofHoursMinutes(-h, -m);
        }
        return ZoneOffset.UTC;
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
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
