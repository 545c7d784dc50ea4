package uk.nhs.sdk.messaging.notify;

/**
 * Where {@link NotifyCallbackVerifier} records the {@code meta.idempotencyKey}s of the callback
 * events it has seen, so that an event NHS Notify delivers again (it retries for 2 hours) is
 * handled once. {@link NotifyCallbackDeduplicator} keeps them in one process's memory; an
 * application running several replicas behind one callback endpoint needs a store they share (the
 * Spring Boot starter has one on the application's JDBC {@code DataSource}).
 *
 * <p>The rule an implementation follows:
 * <ul>
 *   <li>{@link #firstSeen(String)} records the key and answers {@code true} for exactly one caller
 *       across every replica sharing the store, {@code false} for every later (or concurrent)
 *       caller, for as long as the store remembers the key (at least the 2 hours Notify retries);</li>
 *   <li>{@link #forget(String)} removes the key, so the next delivery is handled again: call it
 *       when handling the event failed, and answer NHS Notify with an error so it retries;</li>
 *   <li>both are thread-safe, and a store that cannot answer (its database is down) throws an
 *       unchecked exception, never answers {@code false}: a lost event is worse than an
 *       error answer that makes NHS Notify retry.</li>
 * </ul>
 *
 * <p>Keys are opaque strings chosen by NHS Notify (at most a few hundred characters); an
 * implementation must not log them with anything that identifies a patient.
 */
public interface NotifyCallbackStore {
    /**
     * Records a key, saying whether it is new.
     *
     * @param idempotencyKey the event's {@code meta.idempotencyKey}
     * @return {@code true} the first time the store sees the key, {@code false} after
     */
    boolean firstSeen(String idempotencyKey);

    /**
     * Forgets a key, so the event is handled when NHS Notify delivers it again. Forgetting a key
     * the store does not hold does nothing.
     *
     * @param idempotencyKey the key
     */
    void forget(String idempotencyKey);
}
