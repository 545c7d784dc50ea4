package uk.nhs.sdk.micrometer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The first {@code max} distinct values that pass a check keep their own tag value; every later
 * one, and every one that fails the check, is {@code other}. So a tag fed by traffic never has more
 * than {@code max + 1} values, and this cache never holds more than {@code max} entries.
 *
 * @param <K> what a value is computed from
 */
final class BoundedNames<K> {
    private final int max;
    private final Function<K, String> check;
    private final ConcurrentHashMap<K, String> seen = new ConcurrentHashMap<>();

    /**
     * Creates the bound.
     *
     * @param max how many distinct values keep their own tag value
     * @param check the tag value for a key, {@link TagValues#OTHER} when it may not be one
     */
    BoundedNames(int max, Function<K, String> check) {
        this.max = max;
        this.check = check;
    }

    /**
     * The tag value for a key.
     *
     * @param key the key
     * @return its tag value, or {@link TagValues#OTHER}
     */
    String get(K key) {
        String value = seen.get(key);
        return value != null ? value : admit(key);
    }

    private synchronized String admit(K key) {
        String value = seen.get(key);
        if (value != null) {
            return value;
        }
        value = check.apply(key);
        if (TagValues.OTHER.equals(value) || seen.size() >= max) {
            return TagValues.OTHER;
        }
        seen.put(key, value);
        return value;
    }

    /**
     * How many values keep their own tag value.
     *
     * @return the count, at most {@code max}
     */
    int size() {
        return seen.size();
    }
}
