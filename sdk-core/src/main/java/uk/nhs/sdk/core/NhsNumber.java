package uk.nhs.sdk.core;

import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * A valid NHS number: ten digits whose tenth is the Modulus 11 check digit of the first nine.
 *
 * <p>Parse with {@link #parse(String)}, which accepts the digits with or without spaces or dashes
 * ({@code 943 476 5919}, {@code 943-476-5919}, {@code 9434765919}) and refuses anything else with
 * an {@link NhsValidationException} before any network call. {@link #toString()} is masked so an
 * NHS number never reaches a log through string concatenation; use {@link #value()} or
 * {@link #formatted()} deliberately.
 */
public final class NhsNumber {
    private static final int[] WEIGHTS = {10, 9, 8, 7, 6, 5, 4, 3, 2};

    private final String digits;

    private NhsNumber(String digits) {
        this.digits = digits;
    }

    /**
     * Parses and validates an NHS number.
     *
     * @param input ten digits, optionally grouped with spaces or dashes
     * @return the NHS number
     * @throws NhsValidationException when the input is not a valid NHS number (the message gives
     *     the reason, never the input)
     */
    public static NhsNumber parse(String input) {
        Objects.requireNonNull(input, "input");
        Optional<String> reason = invalidReason(input);
        if (reason.isPresent()) {
            throw new NhsValidationException("nhsNumber", reason.get());
        }
        return new NhsNumber(normalise(input));
    }

    /**
     * Whether the input is a valid NHS number.
     *
     * @param input the candidate
     * @return {@code true} when {@link #parse(String)} would accept it
     */
    public static boolean isValid(String input) {
        return input != null && invalidReason(input).isEmpty();
    }

    /**
     * Why the input is not a valid NHS number.
     *
     * @param input the candidate
     * @return the reason, or empty when it is valid
     */
    public static Optional<String> invalidReason(String input) {
        if (input == null) {
            return Optional.of("is missing");
        }
        String trimmed = input.strip();
        if (!trimmed.matches("[0-9]{3}([ -]?)[0-9]{3}\\1[0-9]{4}")) {
            return Optional.of("must be exactly 10 digits, optionally grouped 3-3-4 with spaces or dashes");
        }
        String d = normalise(trimmed);
        Optional<Integer> check = checkDigit(d.substring(0, 9));
        if (check.isEmpty()) {
            return Optional.of("the first nine digits give a check value of 10, which no NHS number can have");
        }
        if (check.get() != d.charAt(9) - '0') {
            return Optional.of("the check digit does not match (Modulus 11)");
        }
        return Optional.empty();
    }

    /**
     * Computes the Modulus 11 check digit for the first nine digits of an NHS number.
     *
     * @param nineDigits exactly nine digits
     * @return the check digit 0-9, or empty when the computed value is 10 (no valid number exists)
     * @throws NhsValidationException when the input is not nine digits
     */
    public static Optional<Integer> checkDigit(String nineDigits) {
        if (nineDigits == null || !nineDigits.matches("[0-9]{9}")) {
            throw new NhsValidationException("nineDigits", "expected nine digits");
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (nineDigits.charAt(i) - '0') * WEIGHTS[i];
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            return Optional.of(0);
        }
        if (check == 10) {
            return Optional.empty();
        }
        return Optional.of(check);
    }

    /**
     * Generates a random valid NHS number in the test range (first digit 9), which is never issued
     * to a real patient.
     *
     * @param random the source of randomness
     * @return a valid test NHS number
     */
    public static NhsNumber randomTestNumber(RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        while (true) {
            String nine = "9" + String.format("%08d", random.nextInt(100_000_000));
            Optional<Integer> check = checkDigit(nine);
            if (check.isPresent()) {
                return new NhsNumber(nine + check.get());
            }
        }
    }

    private static String normalise(String input) {
        return input.strip().replace(" ", "").replace("-", "");
    }

    /**
     * The ten digits, as sent to NHS services.
     *
     * @return ten digits with no separators
     */
    public String value() {
        return digits;
    }

    /**
     * The number for display, in the 3-3-4 format the NHS Number standard requires.
     *
     * @return for example {@code 943 476 5919}
     */
    public String formatted() {
        return digits.substring(0, 3) + " " + digits.substring(3, 6) + " " + digits.substring(6);
    }

    /**
     * Whether the number is in the range reserved for synthetic and test patients (9000000000 to
     * 9999999999), which is never issued.
     *
     * @return {@code true} for a test number
     */
    public boolean isTestNumber() {
        return digits.charAt(0) == '9';
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NhsNumber && ((NhsNumber) o).digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    /**
     * A masked form that never reveals the number.
     *
     * @return {@code NhsNumber[***]}
     */
    @Override
    public String toString() {
        return "NhsNumber[***]";
    }
}
