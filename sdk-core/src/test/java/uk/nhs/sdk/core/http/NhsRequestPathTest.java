package uk.nhs.sdk.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.internal.http.PercentEncoding;

/**
 * {@link NhsRequest} finds {@code {name}} placeholders by hand; these properties hold it to the
 * regular expression it replaced, on templates full of stray and broken braces.
 */
class NhsRequestPathTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    @Property(tries = 10_000)
    void placeholdersAreFoundAndEncodedAsTheRegexFoundThem(@ForAll("templates") String tail) {
        String template = "/" + tail;
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder expected = new StringBuilder();
        while (m.find()) {
            names.add(m.group(1));
            m.appendReplacement(expected, Matcher.quoteReplacement(PercentEncoding.encode("v/" + m.group(1) + " é")));
        }
        m.appendTail(expected);

        NhsRequest.Builder b = NhsRequest.builder("GET", template);
        for (String n : names) {
            b.pathParam(n, "v/" + n + " é");
        }
        assertThat(b.build().encodedPath()).isEqualTo(expected.toString());

        if (!names.isEmpty()) {
            NhsRequest.Builder missing = NhsRequest.builder("GET", template);
            String first = names.iterator().next();
            names.stream().skip(1).forEach(n -> missing.pathParam(n, "x"));
            assertThatThrownBy(missing::build)
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageContaining("{" + first + "}");
        }
    }

    @Provide
    Arbitrary<String> templates() {
        return Arbitraries.strings()
                .withChars('{', '}', 'a', 'B', '_', '9', '/', '-', '.', ' ')
                .ofMaxLength(30);
    }
}
