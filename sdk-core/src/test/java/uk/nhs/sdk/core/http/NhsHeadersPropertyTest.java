package uk.nhs.sdk.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link NhsHeaders} keeps the pairs and scans them instead of building a sorted map per response;
 * these hold it to the map it replaced ({@link OldNhsHeaders}), on names in mixed case, repeated
 * names, and a few characters beyond ASCII whose case rules differ from ASCII's.
 */
class NhsHeadersPropertyTest {
    @Property(tries = 5_000)
    void answersAsTheSortedMapDid(
            @ForAll("pairs") List<Map.Entry<String, String>> pairs, @ForAll("names") String asked) {
        NhsHeaders now = NhsHeaders.of(pairs);
        OldNhsHeaders old = OldNhsHeaders.of(pairs);
        assertThat(now.first(asked)).isEqualTo(old.first(asked));
        assertThat(now.all(asked)).isEqualTo(old.all(asked));
        assertThat(now.names()).containsExactlyElementsOf(old.names());
        assertThat(now.toString()).isEqualTo(old.toString());
        for (Map.Entry<String, String> p : pairs) {
            assertThat(now.first(p.getKey())).isEqualTo(old.first(p.getKey()));
            assertThat(now.all(p.getKey().toUpperCase(java.util.Locale.ROOT)))
                    .isEqualTo(old.all(p.getKey().toUpperCase(java.util.Locale.ROOT)));
        }
    }

    @Property(tries = 1_000)
    void answersAsTheSortedMapDidBeyondTheScanLimit(
            @ForAll("manyPairs") List<Map.Entry<String, String>> pairs, @ForAll("names") String asked) {
        answersAsTheSortedMapDid(pairs, asked);
    }

    /**
     * A hostile server may send thousands of headers (OkHttp allows 256 KiB of them); a caller that
     * looks up each of {@code names()} (as MESH's message info does for its {@code mex-*} headers)
     * must stay linear. Scanning every pair per lookup took about 9 s for 20,000 headers on an idle
     * core; the sorted map this replaced took well under 0.1 s. The bound is generous for a loaded
     * machine.
     */
    @Example
    void lookingUpEveryNameOfThousandsOfHeadersIsNotQuadratic() {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            pairs.add(Map.entry("mex-" + i, "v" + i));
        }
        NhsHeaders h = NhsHeaders.of(pairs);
        int found = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            int n = 0;
            for (String name : h.names()) {
                n += h.first(name.toUpperCase(java.util.Locale.ROOT)).isPresent() ? 1 : 0;
                n += h.all(name).size() - 1;
            }
            return n;
        });
        assertThat(found).isEqualTo(30_000);
        assertThat(h.first("MEX-29999")).contains("v29999");
    }

    @Example
    void itsViewsCannotBeChanged() {
        NhsHeaders h = NhsHeaders.of(List.of(Map.entry("ETag", "W/\"2\""), Map.entry("etag", "W/\"3\"")));
        assertThat(h.all("ETAG")).containsExactly("W/\"2\"", "W/\"3\"");
        assertThatThrownBy(() -> h.all("etag").add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> h.names().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings()
                .withChars("aAbBkKiIsS-\u0131\u0130\u017f\u212a")
                .ofMinLength(1)
                .ofMaxLength(3);
    }

    @Provide
    Arbitrary<List<Map.Entry<String, String>>> pairs() {
        Arbitrary<Map.Entry<String, String>> pair = Combinators.combine(
                        names(), Arbitraries.strings().alpha().ofMaxLength(4))
                .as(Map::entry);
        return pair.list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Map.Entry<String, String>>> manyPairs() {
        Arbitrary<Map.Entry<String, String>> pair = Combinators.combine(
                        names(), Arbitraries.strings().alpha().ofMaxLength(4))
                .as(Map::entry);
        return pair.list().ofMinSize(NhsHeaders.SCAN_LIMIT - 2).ofMaxSize(NhsHeaders.SCAN_LIMIT + 40);
    }
}
