package uk.nhs.sdk.identity.oidc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads of JSON claim values (as nimbus hands them over: String, Number, Boolean, List, Map). Internal. */
final class Claims {
    private Claims() {}

    static String string(Object o) {
        return o instanceof String ? (String) o : null;
    }

    static List<String> strings(Object o) {
        if (o instanceof String) {
            return List.of((String) o);
        }
        if (!(o instanceof List)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object e : (List<?>) o) {
            if (e instanceof String) {
                out.add((String) e);
            }
        }
        return List.copyOf(out);
    }

    static Instant instant(Object o) {
        if (o instanceof Number) {
            return Instant.ofEpochSecond(((Number) o).longValue());
        }
        if (o instanceof java.util.Date) {
            return ((java.util.Date) o).toInstant();
        }
        return null;
    }

    /** A deep, unmodifiable copy holding only String, Number, Boolean, List and Map values. */
    static Map<String, Object> freeze(Map<String, Object> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : in.entrySet()) {
            Object v = freezeValue(e.getValue());
            if (v != null) {
                out.put(e.getKey(), v);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private static Object freezeValue(Object v) {
        if (v instanceof Map) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                Object fv = freezeValue(e.getValue());
                if (fv != null) {
                    m.put(String.valueOf(e.getKey()), fv);
                }
            }
            return Collections.unmodifiableMap(m);
        }
        if (v instanceof List) {
            List<Object> l = new ArrayList<>();
            for (Object e : (List<Object>) v) {
                Object fe = freezeValue(e);
                if (fe != null) {
                    l.add(fe);
                }
            }
            return Collections.unmodifiableList(l);
        }
        if (v instanceof java.util.Date) {
            return ((java.util.Date) v).getTime() / 1000;
        }
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        return null;
    }
}
