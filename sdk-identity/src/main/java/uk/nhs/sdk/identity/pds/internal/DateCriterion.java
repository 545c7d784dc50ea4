package uk.nhs.sdk.identity.pds.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * One date search criterion, {@code <eq|ge|le>yyyy-mm-dd}, as PDS's {@code birthdate} and
 * {@code death-date} parameters take it. Internal.
 *
 * @param comparator {@code eq}, {@code ge} or {@code le}
 * @param date the date
 */
public record DateCriterion(String comparator, LocalDate date) {

    /**
     * Checks the parts.
     *
     * @param comparator {@code eq}, {@code ge} or {@code le}
     * @param date the date
     */
    public DateCriterion {
        Objects.requireNonNull(comparator, "comparator");
        Objects.requireNonNull(date, "date");
        if (!comparator.equals("eq") && !comparator.equals("ge") && !comparator.equals("le")) {
            throw new IllegalArgumentException("comparator must be eq, ge or le");
        }
    }

    /**
     * Parses {@code eq2010-10-22}, {@code ge2010-10-22}, {@code le2010-10-22} or a bare date
     * (meaning {@code eq}).
     *
     * @param field the parameter, for the error message
     * @param expression the text
     * @return the criterion
     * @throws NhsValidationException when the text is not of that form (the message never holds it)
     */
    public static DateCriterion parse(String field, String expression) {
        Objects.requireNonNull(expression, field);
        String e = expression.strip().toLowerCase(Locale.ROOT);
        String comparator = "eq";
        if (e.startsWith("eq") || e.startsWith("ge") || e.startsWith("le")) {
            comparator = e.substring(0, 2);
            e = e.substring(2);
        }
        if (!e.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            throw new NhsValidationException(field, "must be <eq|ge|le>yyyy-mm-dd");
        }
        try {
            return new DateCriterion(comparator, LocalDate.parse(e));
        } catch (DateTimeParseException ex) {
            throw new NhsValidationException(field, "is not a calendar date");
        }
    }

    /**
     * The query value.
     *
     * @return for example {@code ge2010-10-21}
     */
    public String queryValue() {
        return comparator + date;
    }

    /**
     * Masked: dates of birth identify patients.
     *
     * @return the comparator only
     */
    @Override
    public String toString() {
        return "DateCriterion[" + comparator + " ***]";
    }
}
