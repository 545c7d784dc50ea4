package uk.nhs.sdk.records.ods;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import uk.nhs.sdk.records.ods.internal.OdsJson;
import uk.nhs.sdk.records.ods.internal.OdsJson.InvalidJson;

/**
 * A date range of an ODS role or relationship; either end may be open.
 */
public final class OdsPeriod {
    private final LocalDate start;
    private final LocalDate end;

    private OdsPeriod(LocalDate start, LocalDate end) {
        this.start = start;
        this.end = end;
    }

    /**
     * Creates a period.
     *
     * @param start the first day, or {@code null} when open
     * @param end the last day, or {@code null} when open
     * @return the period
     */
    public static OdsPeriod of(LocalDate start, LocalDate end) {
        return new OdsPeriod(start, end);
    }

    static OdsPeriod parse(JsonNode period) throws InvalidJson {
        return new OdsPeriod(
                OdsJson.date(period, "start").orElse(null),
                OdsJson.date(period, "end").orElse(null));
    }

    /**
     * The first day.
     *
     * @return the start, empty when open
     */
    public Optional<LocalDate> start() {
        return Optional.ofNullable(start);
    }

    /**
     * The last day.
     *
     * @return the end, empty when open (still current)
     */
    public Optional<LocalDate> end() {
        return Optional.ofNullable(end);
    }

    /**
     * Whether a day falls within the period.
     *
     * @param day the day
     * @return {@code true} when on or after the start and on or before the end
     */
    public boolean contains(LocalDate day) {
        Objects.requireNonNull(day, "day");
        return (start == null || !day.isBefore(start)) && (end == null || !day.isAfter(end));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OdsPeriod
                && Objects.equals(((OdsPeriod) o).start, start)
                && Objects.equals(((OdsPeriod) o).end, end);
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, end);
    }

    @Override
    public String toString() {
        return (start == null ? "" : start) + ".." + (end == null ? "" : end);
    }
}
