package uk.nhs.sdk.micrometer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A cache of meters by their tags, so the hot path does one map lookup and never builds a meter.
 * The first {@code max} distinct tag tuples get a meter of their own; a later tuple is recorded on
 * its overflow tuple (the same tags with the free-ranging ones set to {@code other}), so the
 * number of meters stays under {@code max} plus the number of overflow tuples, whatever the traffic.
 * Once the cache is full, a tuple whose overflow meter exists is served without a lock.
 *
 * <p>A meter the registry removes (its {@code remove} or {@code clear}) is {@linkplain #evict
 * evicted}, so the next recording registers it again instead of going to a meter nobody reads.
 *
 * @param <K> the tag tuple
 * @param <M> the meter
 */
final class BoundedMeters<K, M> {
    private final int max;
    private final UnaryOperator<K> overflow;
    private final Function<K, M> create;
    private final ConcurrentHashMap<K, M> meters = new ConcurrentHashMap<>();

    /**
     * Creates the cache.
     *
     * @param max how many tuples get a meter of their own
     * @param overflow the tuple a later tuple is recorded on
     * @param create registers the meter for a tuple
     */
    BoundedMeters(int max, UnaryOperator<K> overflow, Function<K, M> create) {
        this.max = max;
        this.overflow = overflow;
        this.create = create;
    }

    /**
     * The meter for a tuple, registered on first use.
     *
     * @param key the tuple
     * @return the meter to record on
     */
    M get(K key) {
        M meter = meters.get(key);
        if (meter != null) {
            return meter;
        }
        if (meters.size() >= max) {
            meter = meters.get(overflow.apply(key));
            if (meter != null) {
                return meter;
            }
        }
        return admit(key);
    }

    private synchronized M admit(K key) {
        M meter = meters.get(key);
        if (meter != null) {
            return meter;
        }
        K target = meters.size() >= max ? overflow.apply(key) : key;
        meter = meters.get(target);
        if (meter != null) {
            return meter;
        }
        meter = create.apply(target);
        meters.put(target, meter);
        return meter;
    }

    /**
     * Forgets a meter the registry removed, whatever tuple (or tuples, when a filter merged them)
     * it was cached under.
     *
     * @param removed the removed meter
     */
    void evict(Object removed) {
        meters.values().removeIf(m -> m == removed);
    }

    /**
     * How many meters this cache holds.
     *
     * @return the count
     */
    int size() {
        return meters.size();
    }
}
