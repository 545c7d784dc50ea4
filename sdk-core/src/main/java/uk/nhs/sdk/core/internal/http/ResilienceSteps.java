package uk.nhs.sdk.core.internal.http;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.RateLimitOptions;
import uk.nhs.sdk.core.Sleeper;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.error.NhsServiceUnavailableException;
import uk.nhs.sdk.core.error.NhsTimeoutException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.core.http.PipelineEvents;
import uk.nhs.sdk.core.http.PipelinePolicy;

/**
 * The rate limiter and circuit breaker steps, each a resilience4j component driven as a policy.
 * Internal.
 */
final class ResilienceSteps {
    private static final Logger LOG = LoggerFactory.getLogger("uk.nhs.sdk.http");

    private ResilienceSteps() {}

    /**
     * A client-side rate limit: a call waits for a permit up to the configured wait, and never past
     * its deadline; the wait is the sleeper's, on the caller's thread, like a retry's.
     */
    static PipelinePolicy rateLimiter(String service, RateLimitOptions o, Sleeper sleeper, PipelineEvents events) {
        RateLimiter limiter = RateLimiter.of(
                service,
                RateLimiterConfig.custom()
                        .limitForPeriod(o.permitsPerSecond())
                        .limitRefreshPeriod(Duration.ofSeconds(1))
                        .timeoutDuration(o.maxWait())
                        .build());
        return (c, next) -> {
            CallState call = (CallState) c;
            long waitNanos = limiter.reservePermission();
            if (waitNanos < 0) {
                events.rateLimited(call, Duration.ZERO, false);
                throw new NhsServiceUnavailableException(
                        service + " client-side rate limit: no permit in time", call.details(), null);
            }
            if (waitNanos > 0) {
                Duration wait = Duration.ofNanos(waitNanos);
                if (wait.compareTo(call.remaining()) >= 0) {
                    events.rateLimited(call, wait, false);
                    throw new NhsTimeoutException(
                            service + " client-side rate limit: the call's deadline would pass" + " before its permit",
                            call.details(),
                            false,
                            null,
                            null);
                }
                events.rateLimited(call, wait, true);
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new NhsTransportException(
                            "interrupted while waiting for a rate-limit permit", call.details(), false, null, e);
                }
            }
            return next.process();
        };
    }

    /** A circuit breaker counting 5xx and transport failures; opening is logged at WARN. */
    static PipelinePolicy circuitBreaker(String service, CircuitBreakerOptions o, PipelineEvents events) {
        CircuitBreaker cb = CircuitBreaker.of(
                service,
                CircuitBreakerConfig.custom()
                        .failureRateThreshold(o.failureRateThreshold())
                        .slidingWindowSize(o.slidingWindowSize())
                        .minimumNumberOfCalls(o.minimumNumberOfCalls())
                        .waitDurationInOpenState(o.waitInOpenState())
                        .recordException(ResilienceSteps::countsAsFailure)
                        .slidingWindowSynchronizationStrategy(
                                CircuitBreakerConfig.SlidingWindowSynchronizationStrategy.LOCK_FREE)
                        .build());
        cb.getEventPublisher().onStateTransition(e -> {
            events.circuitBreakerStateChanged(
                    service,
                    stateName(e.getStateTransition().getFromState()),
                    stateName(e.getStateTransition().getToState()));
            if (e.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                LOG.warn("{} circuit breaker opened: calls fail fast for {}", service, o.waitInOpenState());
            }
        });
        return (call, next) -> {
            if (!cb.tryAcquirePermission()) {
                throw new NhsServiceUnavailableException(
                        service + " circuit breaker is open: call refused", ((CallState) call).details(), null);
            }
            long start = System.nanoTime();
            try {
                NhsResponse r = next.process();
                cb.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                return r;
            } catch (RuntimeException | Error e) {
                cb.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
                throw e;
            }
        };
    }

    /** The state's name as {@link PipelineEvents} documents it: lower case, a fixed set. */
    static String stateName(CircuitBreaker.State state) {
        return state.name().toLowerCase(java.util.Locale.ROOT);
    }

    static boolean countsAsFailure(Throwable t) {
        if (t instanceof NhsServiceException) {
            return ((NhsServiceException) t).status() >= 500;
        }
        return t instanceof NhsTransportException;
    }
}
