package uk.nhs.sdk.core.internal.http;

import java.nio.charset.StandardCharsets;

/**
 * Strict RFC 3986 percent-encoding for path segments and query components: every byte of the
 * UTF-8 form except the unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) becomes {@code %XX}.
 * So a space is {@code %20} (never {@code +}) and a wildcard {@code *} is {@code %2A}, as the NHS
 * APIs document. Internal.
 */
public final class PercentEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {}

    /**
     * Encodes a value.
     *
     * @param value the raw value
     * @return the encoded value
     */
    public static String encode(String value) {
        if (unreserved(value)) {
            return value; // nothing to encode (an NHS number, an id): no copy
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z'
                    || c >= 'a' && c <= 'z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return sb.toString();
    }

    private static boolean unreserved(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'A' && c <= 'Z'
                    || c >= 'a' && c <= 'z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~')) {
                return false;
            }
        }
        return true;
    }
}
