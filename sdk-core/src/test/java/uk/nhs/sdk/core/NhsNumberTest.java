package uk.nhs.sdk.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.sdk.core.error.NhsValidationException;

/** The NHS number rules of identity.md §A (NHS Data Dictionary Modulus 11). */
class NhsNumberTest {

    @ParameterizedTest
    @ValueSource(
            strings = {"9000000009", "9000000017", "9000000025", "9000000033", "9111231130", "4010232137", "9111231114"
            })
    void acceptsTheValidExamples(String n) {
        assertThat(NhsNumber.isValid(n)).isTrue();
        assertThat(NhsNumber.parse(n).value()).isEqualTo(n);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "9000000000",
                "9111111111",
                "1000000000",
                "1234567890",
                "1234567891",
                "123456789",
                "12345678901",
                "12345678x0",
                "",
                "  "
            })
    void refusesTheInvalidExamples(String n) {
        assertThat(NhsNumber.isValid(n)).isFalse();
        assertThatThrownBy(() -> NhsNumber.parse(n))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageNotContaining(n.isBlank() ? "\u0000" : n);
    }

    @Test
    void aCheckValueOfTenHasNoValidNumber() {
        // 000000006: 6 x 2 = 12; 12 mod 11 = 1; 11 - 1 = 10, so no tenth digit can make it valid
        assertThat(NhsNumber.checkDigit("000000006")).isEmpty();
        assertThat(NhsNumber.invalidReason("0000000060")).get().asString().contains("check value of 10");
        // identity.md §A: 123456789x is invalid for any x (sum 210; 210 mod 11 = 1; 11 - 1 = 10)
        assertThat(NhsNumber.checkDigit("123456789")).isEmpty();
    }

    @Test
    void remainderZeroGivesCheckDigitZero() {
        assertThat(NhsNumber.checkDigit("911123113")).contains(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"943 476 5919", "943-476-5919", " 9434765919 "})
    void acceptsSpacesAndDashes(String n) {
        assertThat(NhsNumber.parse(n).value()).isEqualTo("9434765919");
    }

    @Test
    void refusesMixedOrOddGrouping() {
        assertThat(NhsNumber.isValid("943 476-5919")).isFalse();
        assertThat(NhsNumber.isValid("94 3476 5919")).isFalse();
    }

    @Test
    void formatsThreeThreeFour() {
        assertThat(NhsNumber.parse("9434765919").formatted()).isEqualTo("943 476 5919");
    }

    @Test
    void toStringNeverRevealsTheNumber() {
        NhsNumber n = NhsNumber.parse("9000000009");
        assertThat(n.toString()).doesNotContain("9000000009").doesNotContain("0009");
    }

    @Test
    void testRangeIsTheNinePrefix() {
        assertThat(NhsNumber.parse("9000000009").isTestNumber()).isTrue();
        assertThat(NhsNumber.parse("4010232137").isTestNumber()).isFalse();
    }

    @Test
    void generatedTestNumbersAreValidAndInTheTestRange() {
        Random r = new Random(42);
        for (int i = 0; i < 1000; i++) {
            NhsNumber n = NhsNumber.randomTestNumber(r);
            assertThat(NhsNumber.isValid(n.value())).isTrue();
            assertThat(n.isTestNumber()).isTrue();
        }
    }

    @Property
    void appendingTheComputedCheckDigitAlwaysValidates(@ForAll @NumericChars @StringLength(9) String nine) {
        Optional<Integer> check = NhsNumber.checkDigit(nine);
        check.ifPresent(c -> assertThat(NhsNumber.isValid(nine + c)).isTrue());
        if (check.isEmpty()) {
            for (int d = 0; d <= 9; d++) {
                assertThat(NhsNumber.isValid(nine + d)).isFalse();
            }
        }
    }

    @Property
    void everySingleDigitChangeOfAValidNumberFails(
            @ForAll @NumericChars @StringLength(9) String nine,
            @ForAll @IntRange(min = 0, max = 9) int position,
            @ForAll @IntRange(min = 1, max = 9) int delta) {
        Optional<Integer> check = NhsNumber.checkDigit(nine);
        if (check.isEmpty()) {
            return;
        }
        char[] digits = (nine + check.get()).toCharArray();
        digits[position] = (char) ('0' + (digits[position] - '0' + delta) % 10);
        assertThat(NhsNumber.isValid(new String(digits))).isFalse();
    }

    /** The rules as a regular expression, as the parser once applied them: the parser must agree. */
    private static Optional<String> reasonByRegex(String input) {
        String trimmed = input.strip();
        if (!trimmed.matches("[0-9]{3}([ -]?)[0-9]{3}\\1[0-9]{4}")) {
            return Optional.of("must be exactly 10 digits, optionally grouped 3-3-4 with spaces or dashes");
        }
        String d = trimmed.replace(" ", "").replace("-", "");
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (d.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        if (check == 10) {
            return Optional.of("the first nine digits give a check value of 10, which no NHS number can have");
        }
        if ((check == 11 ? 0 : check) != d.charAt(9) - '0') {
            return Optional.of("the check digit does not match (Modulus 11)");
        }
        return Optional.empty();
    }

    @Property(tries = 20_000)
    void theHandWrittenParserAgreesWithTheRegularExpressionOnNearMisses(
            @ForAll
                    @StringLength(min = 8, max = 14)
                    @net.jqwik.api.constraints.Chars({'0', '1', '4', '9', ' ', '-', '\t', '\u0660', 'x'})
                    @NumericChars
                    String input) {
        assertThat(NhsNumber.invalidReason(input)).isEqualTo(reasonByRegex(input));
        assertThat(NhsNumber.isValid(input)).isEqualTo(reasonByRegex(input).isEmpty());
        if (NhsNumber.isValid(input)) {
            assertThat(NhsNumber.parse(input).value())
                    .isEqualTo(input.strip().replace(" ", "").replace("-", ""));
        }
    }

    @Property(tries = 5_000)
    void groupedValidNumbersParseToTheirDigits(@ForAll @IntRange(min = 0, max = 99_999_999) int n) {
        NhsNumber number = NhsNumber.randomTestNumber(new Random(n));
        String d = number.value();
        for (String sep : new String[] {" ", "-", ""}) {
            String grouped = d.substring(0, 3) + sep + d.substring(3, 6) + sep + d.substring(6);
            assertThat(NhsNumber.parse(" " + grouped + " ")).isEqualTo(number);
            assertThat(NhsNumber.invalidReason(grouped)).isEqualTo(reasonByRegex(grouped));
        }
        String mixed = d.substring(0, 3) + " " + d.substring(3, 6) + "-" + d.substring(6);
        assertThat(NhsNumber.invalidReason(mixed))
                .isEqualTo(reasonByRegex(mixed))
                .isPresent();
    }
}
