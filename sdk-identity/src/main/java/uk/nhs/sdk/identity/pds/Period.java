package uk.nhs.sdk.identity.pds;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * A FHIR {@code Period}: when a name, address, telecom or registration applied. PDS requires a
 * start whenever a period is sent, a start not in the future, and an end not before the start.
 *
 * <p>Its {@code toString()} never prints the dates.
 */
public final class Period {
    private final FhirDate start;
    private final FhirDate end;

    Period(FhirDate start, FhirDate end) {
        this.start = start;
        this.end = end;
    }

    /**
     * An open-ended period.
     *
     * @param start the first day
     * @return the period
     */
    public static Period starting(LocalDate start) {
        return new Period(FhirDate.of(Objects.requireNonNull(start, "start")), null);
    }

    /**
     * A closed period.
     *
     * @param start the first day
     * @param end the last day, not before {@code start}
     * @return the period
     * @throws NhsValidationException when the end is before the start
     */
    public static Period between(LocalDate start, LocalDate end) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new NhsValidationException("period", "the end must not be before the start");
        }
        return new Period(FhirDate.of(start), FhirDate.of(end));
    }

    /**
     * The start.
     *
     * @return the start, if sent
     */
    public Optional<FhirDate> start() {
        return Optional.ofNullable(start);
    }

    /**
     * The end.
     *
     * @return the end, if sent
     */
    public Optional<FhirDate> end() {
        return Optional.ofNullable(end);
    }

    /**
     * Whether a date falls in the period (an open end is open; partial dates compare by their
     * known part, a value without a full date never excludes).
     *
     * @param date the date
     * @return {@code true} when the date is in the period
     */
    public boolean contains(LocalDate date) {
        Objects.requireNonNull(date, "date");
        boolean afterStart =
                start == null || start.toLocalDate().map(s -> !date.isBefore(s)).orElse(true);
        boolean beforeEnd =
                end == null || end.toLocalDate().map(e -> !date.isAfter(e)).orElse(true);
        return afterStart && beforeEnd;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Period
                && Objects.equals(((Period) o).start, start)
                && Objects.equals(((Period) o).end, end);
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, end);
    }

    /**
     * A masked form.
     *
     * @return {@code Period[***]}
     */
    @Override
    public String toString() {
        return "Period[***]";
    }
}
