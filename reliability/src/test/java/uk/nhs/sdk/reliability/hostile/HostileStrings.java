package uk.nhs.sdk.reliability.hostile;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Hostile strings around a set of valid values: the valid values themselves, the valid values
 * mutated by one character (replaced, inserted, deleted), arbitrary unicode, injection pieces
 * (path traversal, query and fragment characters, CRLF, NUL, percent escapes, look-alike digits,
 * bidirectional controls) alone or spliced into a valid value, and very long strings.
 */
final class HostileStrings {
    /** Pieces that break parsers, URLs, headers and logs. */
    static final List<String> INJECTIONS = List.of(
            "/",
            "..",
            "../../etc/passwd",
            "?",
            "#",
            "&",
            "=",
            "\r\n",
            "\n",
            "\u0000",
            "%00",
            "%0d%0a",
            "%2e%2e%2f",
            "'",
            "\"",
            "\\",
            "<script>",
            "${jndi:ldap://x}",
            " ",
            "\t",
            "\uFEFF",
            "\u202E",
            "\u200B",
            "\uD835\uDFD9",
            "\u0661\u0662\u0663",
            "\uFF11\uFF12",
            "\uD800",
            "{",
            "}",
            "[",
            "]",
            ":",
            ",",
            ";",
            "*",
            "%",
            "+",
            "-",
            "_",
            ".",
            "@",
            "~",
            "|",
            "é",
            "ß",
            "İ");

    private static final String ODD = "0123456789 -/.:+%#?&=@_~,;'\"\\{}[]<>\r\n\t\u0000\u00e9\u0130\u202e\uff11";

    private HostileStrings() {}

    /**
     * Hostile strings around the given valid values.
     *
     * @param valid valid values, which the entry point must accept
     * @return the generator
     */
    static Arbitrary<String> around(List<String> valid) {
        Outcomes.know(valid);
        Arbitrary<String> good = Arbitraries.of(valid);
        return Arbitraries.frequencyOf(
                Tuple.of(2, good),
                Tuple.of(4, mutated(good)),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(1, Arbitraries.strings().withChars(ODD).ofMaxLength(30)),
                Tuple.of(2, spliced(good)),
                Tuple.of(1, Arbitraries.of(INJECTIONS)),
                Tuple.of(1, longStrings(good)));
    }

    /**
     * A valid value with one character replaced, inserted or deleted.
     *
     * @param good the valid values
     * @return the generator
     */
    static Arbitrary<String> mutated(Arbitrary<String> good) {
        Arbitrary<Character> ch = Arbitraries.oneOf(
                Arbitraries.chars().all(),
                Arbitraries.chars().with(ODD),
                Arbitraries.chars().alpha(),
                Arbitraries.chars().numeric());
        return Combinators.combine(
                        good,
                        Arbitraries.integers().between(0, 1000),
                        ch,
                        Arbitraries.integers().between(0, 2))
                .as((s, at, c, op) -> {
                    int i = s.isEmpty() ? 0 : at % (s.length() + (op == 1 ? 1 : 0));
                    return switch (op) {
                        case 0 ->
                            s.isEmpty()
                                    ? String.valueOf(c)
                                    : s.substring(0, i) + c + s.substring(Math.min(i + 1, s.length()));
                        case 1 -> s.substring(0, Math.min(i, s.length())) + c + s.substring(Math.min(i, s.length()));
                        default -> s.isEmpty() ? s : s.substring(0, i) + s.substring(Math.min(i + 1, s.length()));
                    };
                });
    }

    /**
     * A valid value with injection pieces spliced in.
     *
     * @param good the valid values
     * @return the generator
     */
    static Arbitrary<String> spliced(Arbitrary<String> good) {
        return Combinators.combine(
                        good,
                        Arbitraries.of(INJECTIONS),
                        Arbitraries.integers().between(0, 1000),
                        Arbitraries.of(INJECTIONS))
                .as((s, piece, at, other) -> {
                    int i = s.isEmpty() ? 0 : at % (s.length() + 1);
                    return switch (at % 4) {
                        case 0 -> piece + s;
                        case 1 -> s + piece;
                        case 2 -> s.substring(0, i) + piece + s.substring(i);
                        default -> piece + s + other;
                    };
                });
    }

    /**
     * Very long strings: a valid value repeated, or one character many times.
     *
     * @param good the valid values
     * @return the generator
     */
    static Arbitrary<String> longStrings(Arbitrary<String> good) {
        return Combinators.combine(
                        good,
                        Arbitraries.integers().between(50, 5_000),
                        Arbitraries.chars().with(ODD + "aZ"))
                .as((s, n, c) -> n % 2 == 0 && !s.isEmpty()
                        ? s.repeat(1 + n / s.length())
                        : String.valueOf(c).repeat(n * 4));
    }
}
