package uk.nhs.sdk.micrometer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The first {@code max} distinct values that pass a check keep their own tag value; every later
 * one, and every one that fails the check, is {@code other}. So a tag fed by traffic never has more
 * than {@code max + 1} values. The answer for a key is cached whether it passed or not (up to
 * {@code max} of each), and once {@code max} values are kept a new key is {@code other} at once:
 * the hot path never takes a lock or runs the check again for a key it has seen.
 *
 * @param <K> what a value is computed from
 */
final class BoundedNames<K> {
    private final int max;
    private final Function<K, String> check;
    private final ConcurrentHashMap<K, String> seen = new ConcurrentHashMap<>();
    /** Keys kept with their own value; guarded by this. */
    private int kept;
    /** Keys cached as {@code other}; guarded by this. */
    private int refused;

    private volatile boolean full;

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
        if (value != null) {
            return value;
        }
        return full ? TagValues.OTHER : admit(key);
    }

    private synchronized String admit(K key) {
        String value = seen.get(key);
        if (value != null) {
            return value;
        }
        if (kept >= max) {
            return TagValues.OTHER;
        }
        value = check.apply(key);
        if (TagValues.OTHER.equals(value)) {
            if (refused < max) {
                refused++;
                seen.put(key, TagValues.OTHER);
            }
            return TagValues.OTHER;
        }
        kept++;
        seen.put(key, value);
        full = kept >= max;
        return value;
    }

    /**
     * How many values keep their own tag value.
     *
     * @return the count, at most {@code max}
     */
    synchronized int size() {
        return kept;
    }
}
