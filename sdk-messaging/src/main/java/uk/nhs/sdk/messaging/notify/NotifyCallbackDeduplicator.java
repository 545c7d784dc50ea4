package uk.nhs.sdk.messaging.notify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * The in-memory {@link NotifyCallbackStore}: remembers the {@code meta.idempotencyKey}s of the last
 * callback events seen, so that an event NHS Notify delivers again (it retries for 2 hours) is
 * handled once. The store is bounded: past {@code capacity} keys the least recently seen is
 * forgotten. Thread-safe. In one process's memory only: an application with several replicas or
 * restarts needs a shared {@link NotifyCallbackStore} (the Spring Boot starter has a JDBC one).
 *
 * <p>A key is recorded when {@link #firstSeen(String)} returns {@code true}; when handling the
 * event then fails, call {@link #forget(String)} and answer NHS Notify with an error so it
 * retries.
 */
public final class NotifyCallbackDeduplicator implements NotifyCallbackStore {
    private final int capacity;
    private final Map<String, Boolean> seen;

    private NotifyCallbackDeduplicator(int capacity) {
        this.capacity = capacity;
        this.seen = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return super.size() > NotifyCallbackDeduplicator.this.capacity; // the map's size
            }
        };
    }

    /**
     * A store that keeps up to {@code capacity} keys.
     *
     * @param capacity from 1 to 10,000,000 (size it to about 2 hours of your callback traffic)
     * @return the store
     * @throws NhsValidationException outside that range
     */
    public static NotifyCallbackDeduplicator bounded(int capacity) {
        if (capacity < 1 || capacity > 10_000_000) {
            throw new NhsValidationException("capacity", "must be 1 to 10,000,000");
        }
        return new NotifyCallbackDeduplicator(capacity);
    }

    /**
     * Records a key, saying whether it is new.
     *
     * @param idempotencyKey the key
     * @return {@code true} the first time (within the store's memory), {@code false} after
     */
    @Override
    public synchronized boolean firstSeen(String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        return seen.put(idempotencyKey, Boolean.TRUE) == null;
    }

    /**
     * Forgets a key, so the event is handled when NHS Notify delivers it again.
     *
     * @param idempotencyKey the key
     */
    @Override
    public synchronized void forget(String idempotencyKey) {
        seen.remove(Objects.requireNonNull(idempotencyKey, "idempotencyKey"));
    }

    /**
     * How many keys the store holds.
     *
     * @return the count, at most the capacity
     */
    public synchronized int size() {
        return seen.size();
    }

    /**
     * The capacity.
     *
     * @return the most keys kept
     */
    public int capacity() {
        return capacity;
    }

    @Override
    public String toString() {
        return "NotifyCallbackDeduplicator[capacity=" + capacity + "]";
    }
}
