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
        String digits = tenDigits(input.strip());
        String reason = reason(digits);
        if (reason != null) {
            throw new NhsValidationException("nhsNumber", reason);
        }
        return new NhsNumber(digits);
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
        return Optional.ofNullable(reason(tenDigits(input.strip())));
    }

    /** Why these digits (from {@link #tenDigits}) are no NHS number, or {@code null} when they are one. */
    private static String reason(String digits) {
        if (digits == null) {
            return "must be exactly 10 digits, optionally grouped 3-3-4 with spaces or dashes";
        }
        int check = check(digits);
        if (check == 10) {
            return "the first nine digits give a check value of 10, which no NHS number can have";
        }
        if (check != digits.charAt(9) - '0') {
            return "the check digit does not match (Modulus 11)";
        }
        return null;
    }

    /**
     * The ten digits of {@code s} when it is ten ASCII digits, optionally grouped 3-3-4 by one
     * kind of separator (a space or a dash, the same twice); otherwise {@code null}. No regex: this
     * runs for every NHS number the SDK parses, requests and responses alike.
     */
    private static String tenDigits(String s) {
        int n = s.length();
        if (n == 10) {
            return allDigits(s, 0, 10) ? s : null;
        }
        if (n != 12) {
            return null;
        }
        char sep = s.charAt(3);
        if ((sep != ' ' && sep != '-')
                || s.charAt(7) != sep
                || !allDigits(s, 0, 3)
                || !allDigits(s, 4, 7)
                || !allDigits(s, 8, 12)) {
            return null;
        }
        return new StringBuilder(10)
                .append(s, 0, 3)
                .append(s, 4, 7)
                .append(s, 8, 12)
                .toString();
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The Modulus 11 check value of the first nine digits: 0 to 9, or 10 when none is possible. */
    private static int check(String digits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * WEIGHTS[i];
        }
        int check = 11 - (sum % 11);
        return check == 11 ? 0 : check;
    }

    /**
     * Computes the Modulus 11 check digit for the first nine digits of an NHS number.
     *
     * @param nineDigits exactly nine digits
     * @return the check digit 0-9, or empty when the computed value is 10 (no valid number exists)
     * @throws NhsValidationException when the input is not nine digits
     */
    public static Optional<Integer> checkDigit(String nineDigits) {
        if (nineDigits == null || nineDigits.length() != 9 || !allDigits(nineDigits, 0, 9)) {
            throw new NhsValidationException("nineDigits", "expected nine digits");
        }
        int check = check(nineDigits);
        return check == 10 ? Optional.empty() : Optional.of(check);
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
