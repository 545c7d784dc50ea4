package uk.nhs.sdk.core.http;

/**
 * Whether an operation may be sent more than once, which decides what is retried.
 */
public enum Idempotency {
    /** Reads: retried on connection failures, timeouts, 408, 429, 502, 503 and 504. */
    SAFE,
    /**
     * Writes the service de-duplicates by a key (PDS PATCH by {@code X-Request-ID}, MESH chunk
     * upload by message id and chunk number): retried like {@link #SAFE}, with the same key.
     */
    KEYED,
    /**
     * Writes that must never be duplicated (MESH message send): retried only when the failure
     * happened before any byte was sent; otherwise the call fails with
     * {@code NhsTransportException.outcomeUnknown()}.
     */
    NONE
}
