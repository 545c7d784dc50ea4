package uk.nhs.sdk.core.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Response headers, with case-insensitive names.
 */
public final class NhsHeaders {
    private static final NhsHeaders EMPTY = new NhsHeaders(new String[0], new String[0], null);
    /**
     * Up to this many pairs a lookup scans them; beyond it (no NHS service sends that many, but a
     * hostile or broken server may send thousands) they are indexed once, so that a caller looking
     * up each of {@link #names()} stays linear rather than quadratic in the count.
     */
    static final int SCAN_LIMIT = 32;

    // The pairs as given, in order; a response carries a handful, so a lookup scans them rather
    // than building a map per response that most callers never read.
    private final String[] names;
    private final String[] values;
    /** Lower-cased name to its values in order, only for more than {@link #SCAN_LIMIT} pairs. */
    private final Map<String, List<String>> index;

    private NhsHeaders(String[] names, String[] values, Map<String, List<String>> index) {
        this.names = names;
        this.values = values;
        this.index = index;
    }

    /**
     * Creates headers from name/value pairs (names any case; repeated names keep every value).
     *
     * @param pairs the headers
     * @return the headers
     */
    public static NhsHeaders of(List<Map.Entry<String, String>> pairs) {
        int n = pairs.size();
        if (n == 0) {
            return EMPTY;
        }
        String[] names = new String[n];
        String[] values = new String[n];
        int i = 0;
        for (Map.Entry<String, String> e : pairs) {
            names[i] = Objects.requireNonNull(e.getKey(), "name");
            values[i] = Objects.requireNonNull(e.getValue(), "value");
            i++;
        }
        return new NhsHeaders(names, values, n > SCAN_LIMIT ? index(names, values) : null);
    }

    private static Map<String, List<String>> index(String[] names, String[] values) {
        Map<String, List<String>> m = new TreeMap<>();
        for (int i = 0; i < names.length; i++) {
            m.computeIfAbsent(names[i].toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
                    .add(values[i]);
        }
        m.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(m);
    }

    /**
     * The first value of a header.
     *
     * @param name the name, any case
     * @return the value, if present
     */
    public Optional<String> first(String name) {
        Objects.requireNonNull(name, "name");
        if (index != null) {
            List<String> v = index.get(name.toLowerCase(Locale.ROOT));
            return v == null ? Optional.empty() : Optional.of(v.get(0));
        }
        for (int i = 0; i < names.length; i++) {
            if (same(names[i], name)) {
                return Optional.of(values[i]);
            }
        }
        return Optional.empty();
    }

    /**
     * Every value of a header, in order.
     *
     * @param name the name, any case
     * @return an unmodifiable list, possibly empty
     */
    public List<String> all(String name) {
        Objects.requireNonNull(name, "name");
        if (index != null) {
            return index.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
        List<String> found = null;
        for (int i = 0; i < names.length; i++) {
            if (same(names[i], name)) {
                if (found == null) {
                    found = new ArrayList<>(2);
                }
                found.add(values[i]);
            }
        }
        return found == null ? List.of() : List.copyOf(found);
    }

    /**
     * The header names, in lower case.
     *
     * @return an unmodifiable set
     */
    public Set<String> names() {
        if (index != null) {
            return index.keySet();
        }
        Set<String> s = new TreeSet<>();
        for (String n : names) {
            s.add(n.toLowerCase(Locale.ROOT));
        }
        return Collections.unmodifiableSet(s);
    }

    /**
     * Whether two names are the same header: names match by their {@link Locale#ROOT} lower case.
     * For ASCII (every HTTP token) that is {@code equalsIgnoreCase}, without a lower-case copy;
     * beyond ASCII the two can differ, so such names are compared in lower case.
     */
    private static boolean same(String candidate, String wanted) {
        if (ascii(candidate) && ascii(wanted)) {
            return candidate.equalsIgnoreCase(wanted);
        }
        return candidate.toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT));
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * Only the names: header values can carry identifiers.
     *
     * @return the names
     */
    @Override
    public String toString() {
        return "NhsHeaders" + names();
    }
}
