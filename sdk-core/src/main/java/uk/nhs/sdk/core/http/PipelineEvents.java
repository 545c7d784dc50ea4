package uk.nhs.sdk.core.http;

import java.time.Duration;

/**
 * What happens inside a client's pipeline that no {@link PipelinePolicy} can see: retries being
 * scheduled, waits for a client-side rate-limit permit, circuit-breaker state changes and token
 * fetches. Metrics and tracing modules listen here; add a listener with
 * {@link uk.nhs.sdk.core.NhsClientOptions.Builder#addEvents(PipelineEvents)}.
 *
 * <p>Every method has an empty default, so a listener overrides only what it needs. Listeners run
 * on the thread that caused the event (the caller's, for all but circuit-breaker transitions,
 * which run on the thread of the call that tripped them) and must be quick and thread-safe. A
 * listener that throws is logged at DEBUG (its class name only) and ignored: it never fails a
 * call. No method is given patient data: calls carry their {@link NhsRequest#pathTemplate()},
 * and must not be asked for path or query values.
 */
public interface PipelineEvents {
    /**
     * The retry step is about to wait before another attempt of {@code call}.
     *
     * @param call the call; {@link PipelineCall#attempt()} is the attempt that just failed
     * @param nextAttempt the number of the attempt to come, from 2
     * @param wait how long the step waits first (the server's {@code Retry-After} or the backoff)
     */
    default void retryScheduled(PipelineCall call, int nextAttempt, Duration wait) {}

    /**
     * A call met the client-side rate limiter and did not get a permit at once.
     *
     * @param call the call
     * @param wait how long it waits for its permit; when {@code granted} is false, how long it would
     *     have had to wait (zero when the limiter gave no estimate)
     * @param granted {@code false} when the call was refused instead (the wait would pass the
     *     limiter's longest wait or the call's deadline)
     */
    default void rateLimited(PipelineCall call, Duration wait, boolean granted) {}

    /**
     * A client's circuit breaker changed state.
     *
     * @param service the client's service name, such as {@code PDS}
     * @param from the state before: one of {@code closed}, {@code open}, {@code half_open},
     *     {@code disabled}, {@code forced_open}, {@code metrics_only}
     * @param to the state after, from the same set
     */
    default void circuitBreakerStateChanged(String service, String from, String to) {}

    /**
     * An auth provider fetched (or failed to fetch) a token while authenticating an attempt of a
     * call of this client. Reported by the SDK's token providers ({@link
     * uk.nhs.sdk.core.auth.SignedJwtAuth}, {@link uk.nhs.sdk.core.auth.RefreshingTokenAuth} and the
     * flows built on it) through {@link uk.nhs.sdk.core.auth.AuthRequest#reportTokenFetch}.
     *
     * @param service the service of the call whose attempt needed the token
     * @param provider the provider's name, fixed by the provider (such as {@code OAuth2 token})
     * @param success whether a token was obtained
     * @param took how long the fetch took, its own retries included
     */
    default void tokenFetched(String service, String provider, boolean success, Duration took) {}

    /**
     * A listener that does nothing.
     *
     * @return the listener
     */
    static PipelineEvents none() {
        return NoEvents.INSTANCE;
    }
}
