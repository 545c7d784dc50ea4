package uk.nhs.sdk.core;

/**
 * What may stand in an HTTP header name or value.
 */
final class HeaderValues {
    private static final String TOKEN_SPECIALS = "!#$%&'*+-.^_`|~";

    private HeaderValues() {
    }

    static boolean isName(String s) {
        if (s.isEmpty() || s.length() > 256) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || TOKEN_SPECIALS.indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    static boolean isValue(String s) {
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

    static boolean isToken(String s, int max) {
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
}
