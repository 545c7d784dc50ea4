package uk.nhs.sdk.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link PercentEncoding#encode} returns a value with nothing to encode as it is; these hold it to
 * the byte-by-byte encoder it was (kept here as the oracle), on any text and on text mostly of
 * unreserved characters (so both paths run).
 */
class PercentEncodingPropertyTest {
    @Property(tries = 500)
    void anIdComesBackAsItIs(@ForAll("ids") String value) {
        assertThat(PercentEncoding.encode(value)).isSameAs(value);
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings()
                .withCharRange('0', '9')
                .withChars("-._~Aa")
                .ofMinLength(1)
                .ofMaxLength(12);
    }

    @Property(tries = 5_000)
    void encodesAsTheByteByByteEncoder(@ForAll String value) {
        assertThat(PercentEncoding.encode(value)).isEqualTo(oracle(value));
    }

    @Property(tries = 5_000)
    void mixedTextEncodesAsTheByteByByteEncoder(@ForAll("mixed") String value) {
        assertThat(PercentEncoding.encode(value)).isEqualTo(oracle(value));
    }

    @Provide
    Arbitrary<String> mixed() {
        return Arbitraries.strings().withChars("AZaz09-._~/ %é").ofMaxLength(12);
    }

    private static String oracle(String value) {
        char[] hex = "0123456789ABCDEF".toCharArray();
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
                sb.append('%').append(hex[c >> 4]).append(hex[c & 0xf]);
            }
        }
        return sb.toString();
    }
}
