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
    @ValueSource(strings = {"9000000009", "9000000017", "9000000025", "9000000033", "9111231130", "4010232137",
        "9111231114"})
    void acceptsTheValidExamples(String n) {
        assertThat(NhsNumber.isValid(n)).isTrue();
        assertThat(NhsNumber.parse(n).value()).isEqualTo(n);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9000000000", "9111111111", "1000000000", "1234567890", "1234567891", "123456789",
        "12345678901", "12345678x0", "", "  "})
    void refusesTheInvalidExamples(String n) {
        assertThat(NhsNumber.isValid(n)).isFalse();
        assertThatThrownBy(() -> NhsNumber.parse(n)).isInstanceOf(NhsValidationException.class)
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
    void everySingleDigitChangeOfAValidNumberFails(@ForAll @NumericChars @StringLength(9) String nine,
            @ForAll @IntRange(min = 0, max = 9) int position, @ForAll @IntRange(min = 1, max = 9) int delta) {
        Optional<Integer> check = NhsNumber.checkDigit(nine);
        if (check.isEmpty()) {
            return;
        }
        char[] digits = (nine + check.get()).toCharArray();
        digits[position] = (char) ('0' + (digits[position] - '0' + delta) % 10);
        assertThat(NhsNumber.isValid(new String(digits))).isFalse();
    }
}
