package uk.nhs.sdk.core.auth;

/**
 * Adds credentials to each attempt of a call. Called once per attempt, so time-based schemes
 * (MESH's HMAC header, a refreshed token) are fresh on every retry.
 */
@FunctionalInterface
public interface AuthProvider {
    /**
     * Adds credentials to an attempt.
     *
     * @param request the attempt
     */
    void authenticate(AuthRequest request);

    /**
     * Told that an attempt was answered 401. A provider that can refresh its credentials does so
     * and returns {@code true}; the pipeline then makes one more attempt, once per call.
     *
     * <p>The pipeline passes the same {@link AuthRequest} instance it gave to
     * {@link #authenticate(AuthRequest)} for the refused attempt, so a provider can tell which
     * credentials were refused (and need not discard newer ones another thread already fetched).
     *
     * @param request the attempt that was refused, the instance given to {@code authenticate}
     * @return whether a fresh attempt may succeed
     */
    default boolean refreshAfterUnauthorized(AuthRequest request) {
        return false;
    }

    /**
     * No credentials (the public sandbox, or a local fake).
     *
     * @return a provider that adds nothing
     */
    static AuthProvider none() {
        return request -> {};
    }
}
