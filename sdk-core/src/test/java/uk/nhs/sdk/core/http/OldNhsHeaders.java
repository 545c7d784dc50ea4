package uk.nhs.sdk.core.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link NhsHeaders} as it was, a sorted map of lower-cased names built for every response: the
 * oracle of {@link NhsHeadersPropertyTest}.
 */
final class OldNhsHeaders {
    private final Map<String, List<String>> values;

    private OldNhsHeaders(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * Creates headers from name/value pairs (names any case; repeated names keep every value).
     *
     * @param pairs the headers
     * @return the headers
     */
    static OldNhsHeaders of(List<Map.Entry<String, String>> pairs) {
        Map<String, List<String>> m = new TreeMap<>();
        for (Map.Entry<String, String> e : pairs) {
            m.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(e.getValue());
        }
        m.replaceAll((k, v) -> List.copyOf(v));
        return new OldNhsHeaders(Collections.unmodifiableMap(m));
    }

    /**
     * The first value of a header.
     *
     * @param name the name, any case
     * @return the value, if present
     */
    public Optional<String> first(String name) {
        List<String> v = values.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /**
     * Every value of a header, in order.
     *
     * @param name the name, any case
     * @return an unmodifiable list, possibly empty
     */
    public List<String> all(String name) {
        return values.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /**
     * The header names, in lower case.
     *
     * @return an unmodifiable set
     */
    public Set<String> names() {
        return values.keySet();
    }

    /**
     * Only the names: header values can carry identifiers.
     *
     * @return the names
     */
    @Override
    public String toString() {
        return "NhsHeaders" + values.keySet();
    }
}
