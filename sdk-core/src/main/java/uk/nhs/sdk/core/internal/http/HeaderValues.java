package uk.nhs.sdk.core.internal.http;

import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * What may stand in an HTTP header name or value. A value that breaks these rules (a CR/LF, a
 * control or non-ASCII character) is refused with {@link NhsValidationException} whose message
 * names the header but never quotes the value; OkHttp would otherwise throw a bare
 * {@code IllegalArgumentException} quoting it. Internal.
 */
public final class HeaderValues {
    private static final String TOKEN_SPECIALS = "!#$%&'*+-.^_`|~";

    private HeaderValues() {}

    /**
     * Whether a header name is an HTTP token of at most 256 characters.
     *
     * @param s the name
     * @return {@code true} when valid
     */
    public static boolean isName(String s) {
        if (s.isEmpty() || s.length() > 256) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || TOKEN_SPECIALS.indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a header value is visible ASCII and spaces, at most 8,192 characters.
     *
     * @param s the value
     * @return {@code true} when valid
     */
    public static boolean isValue(String s) {
        if (s.length() > 8192) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a value is 1 to {@code max} visible ASCII characters, without spaces.
     *
     * @param s the value
     * @param max the longest allowed
     * @return {@code true} when valid
     */
    public static boolean isToken(String s, int max) {
        if (s.isEmpty() || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Refuses a header that cannot be sent.
     *
     * @param field the field reported by the exception, such as {@code header}
     * @param name the header name
     * @param value the header value
     * @throws NhsValidationException when the name or value is null or breaks the rules above
     */
    public static void check(String field, String name, String value) {
        if (name == null || !isName(name)) {
            throw new NhsValidationException(field, "a header name must be an HTTP token of at most 256 characters");
        }
        if (value == null || !isValue(value)) {
            throw new NhsValidationException(
                    field, "the value of header " + name + " must be visible ASCII or spaces, at most 8192 characters");
        }
    }
}
