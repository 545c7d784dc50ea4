package uk.nhs.sdk.identity.pds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * {@link FhirDate#parse} reads dates by hand; these properties hold it to the regular expression
 * and {@code java.time} parse it replaced, on well-formed dates and on near misses.
 */
class FhirDateParserTest {
    private static final Pattern FORMAT = Pattern.compile("([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2})"
            + "(T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?)?)?)?");

    /** What the regex-and-java.time parser answered: the dateTime, "date", "partial", or "refused". */
    private static String reference(String text) {
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return "refused";
        }
        try {
            int y = Integer.parseInt(m.group(1));
            Integer mo = m.group(2) == null ? null : Integer.valueOf(m.group(2));
            Integer d = m.group(3) == null ? null : Integer.valueOf(m.group(3));
            if (d != null) {
                LocalDate date = LocalDate.of(y, mo, d);
                if (m.group(4) != null) {
                    LocalDateTime ldt =
                            LocalDateTime.parse(date + "T" + m.group(4).substring(1, 9));
                    String off = m.group(5);
                    ZoneOffset offset = off == null || "Z".equals(off) ? ZoneOffset.UTC : ZoneOffset.of(off);
                    return OffsetDateTime.of(ldt, offset).toString();
                }
                return "date " + date;
            } else if (mo != null && (mo < 1 || mo > 12)) {
                return "refused";
            }
            return "partial " + y + (mo == null ? "" : "-" + mo);
        } catch (java.time.DateTimeException e) {
            return "refused";
        }
    }

    private static String actual(String text) {
        try {
            FhirDate d = FhirDate.parse(text);
            assertThat(d.text()).isEqualTo(text);
            Optional<OffsetDateTime> dt = d.toOffsetDateTime();
            if (dt.isPresent()) {
                return dt.get().toString();
            }
            if (d.toLocalDate().isPresent()) {
                return "date " + d.toLocalDate().get();
            }
            return "partial " + d.year()
                    + d.month().stream().mapToObj(m -> "-" + m).findFirst().orElse("");
        } catch (NhsValidationException e) {
            assertThat(e.getMessage()).doesNotContain(text.isEmpty() ? "\u0000" : text);
            return "refused";
        }
    }

    @Property(tries = 10_000)
    void agreesWithTheReferenceOnWellFormedDates(@ForAll("dates") String text) {
        assertThat(actual(text)).as(text).isEqualTo(reference(text));
    }

    @Property(tries = 10_000)
    void agreesWithTheReferenceOnNearMisses(@ForAll("nearMisses") String text) {
        assertThat(actual(text)).as(text).isEqualTo(reference(text));
    }

    @Provide
    Arbitrary<String> dates() {
        Arbitrary<String> two = Arbitraries.integers().between(0, 99).map(i -> String.format("%02d", i));
        Arbitrary<String> year = Arbitraries.integers().between(0, 9999).map(i -> String.format("%04d", i));
        Arbitrary<String> fraction =
                Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(9).map(f -> f.isEmpty() ? "" : "." + f);
        Arbitrary<String> offset = Arbitraries.oneOf(
                Arbitraries.just(""),
                Arbitraries.just("Z"),
                Combinators.combine(Arbitraries.of("+", "-"), two, two).as((s, h, m) -> s + h + ":" + m));
        Arbitrary<String> time = Combinators.combine(two, two, two, fraction, offset)
                .as((h, m, s, f, o) -> "T" + h + ":" + m + ":" + s + f + o);
        return Combinators.combine(year, two, two, time, Arbitraries.integers().between(0, 3))
                .as((y, mo, d, t, parts) -> parts == 0
                        ? y
                        : parts == 1 ? y + "-" + mo : parts == 2 ? y + "-" + mo + "-" + d : y + "-" + mo + "-" + d + t);
    }

    @Provide
    Arbitrary<String> nearMisses() {
        return Combinators.combine(
                        dates(),
                        Arbitraries.integers().between(0, 40),
                        Arbitraries.of('0', '9', '-', ':', 'T', 'Z', '+', '.', ' ', 'x', '\u0661'),
                        Arbitraries.integers().between(0, 2))
                .as((d, at, c, op) -> {
                    int i = at % d.length();
                    return switch (op) {
                        case 0 -> d.substring(0, i) + c + d.substring(i + 1);
                        case 1 -> d.substring(0, i) + c + d.substring(i);
                        default -> d.substring(0, i) + d.substring(i + 1);
                    };
                });
    }
}
