package uk.nhs.sdk.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of one service (one {@code service} tag value), cached by their other tags, each
 * family bounded (see {@link NhsMetrics} for the numbers).
 */
final class ServiceMeters {
    /** Distinct operations per service with a tag value of their own; later ones are {@code other}. */
    static final int MAX_OPERATIONS = 64;
    /** Distinct tag tuples per service and meter before new ones collapse to their overflow tuple. */
    static final int MAX_TUPLES = 1000;

    private final String service;
    private final MeterRegistry registry;
    private final BoundedNames<Operation> operations =
            new BoundedNames<>(MAX_OPERATIONS, o -> TagValues.operation(o.method(), o.pathTemplate()));
    private final BoundedMeters<CallKey, Timer> calls;
    private final BoundedMeters<AttemptKey, Timer> attempts;
    private final BoundedMeters<AttemptKey, Counter> retries;
    private final BoundedMeters<WaitKey, Timer> rateLimitWaits;
    private final BoundedMeters<WaitKey, Timer> tokenFetches;

    ServiceMeters(String service, MeterRegistry registry) {
        this.service = service;
        this.registry = registry;
        this.calls = new BoundedMeters<>(MAX_TUPLES, CallKey::overflow, this::callTimer);
        this.attempts = new BoundedMeters<>(MAX_TUPLES, AttemptKey::overflow, this::attemptTimer);
        this.retries = new BoundedMeters<>(MAX_TUPLES, AttemptKey::overflow, this::retryCounter);
        // both tuples come from fixed sets (operations are bounded, outcomes are two words)
        this.rateLimitWaits = new BoundedMeters<>(Integer.MAX_VALUE, k -> k, this::rateLimitTimer);
        this.tokenFetches = new BoundedMeters<>(Integer.MAX_VALUE, k -> k, this::tokenTimer);
    }

    /** The service's tag value. */
    String service() {
        return service;
    }

    /** The operation tag value of a request of this service. */
    String operation(String method, String pathTemplate) {
        return operations.get(new Operation(method, pathTemplate));
    }

    /** The calls timer for a call's tags. */
    Timer call(String operation, String outcome, String status, String errorCode) {
        return calls.get(new CallKey(operation, outcome, status, errorCode));
    }

    /** The attempts timer for an attempt's tags. */
    Timer attempt(String operation, String outcome, String status) {
        return attempts.get(new AttemptKey(operation, outcome, status));
    }

    /** The retries counter, tagged with what the attempt being retried ended with. */
    Counter retry(String operation, String outcome, String status) {
        return retries.get(new AttemptKey(operation, outcome, status));
    }

    /** The rate-limiter wait timer. */
    Timer rateLimitWait(String operation, boolean granted) {
        return rateLimitWaits.get(new WaitKey(operation, granted ? "granted" : "refused"));
    }

    /** The token-fetch timer. */
    Timer tokenFetch(String provider, boolean success) {
        return tokenFetches.get(new WaitKey(provider, success ? "success" : "failure"));
    }

    /** Forgets a meter the registry removed, so the next recording registers it again. */
    void evict(Object removed) {
        calls.evict(removed);
        attempts.evict(removed);
        retries.evict(removed);
        rateLimitWaits.evict(removed);
        tokenFetches.evict(removed);
    }

    /** How many meters this service has, for tests of the bound. */
    int size() {
        return calls.size() + attempts.size() + retries.size() + rateLimitWaits.size() + tokenFetches.size();
    }

    private Timer callTimer(CallKey k) {
        return Timer.builder(NhsMetrics.CALLS)
                .description(
                        "Calls to an NHS API, from the caller's view: retries, waits and the final outcome included")
                .tags(
                        "service",
                        service,
                        "operation",
                        k.operation(),
                        "outcome",
                        k.outcome(),
                        "status",
                        k.status(),
                        "error_code",
                        k.errorCode())
                .register(registry);
    }

    private Timer attemptTimer(AttemptKey k) {
        return Timer.builder(NhsMetrics.ATTEMPTS)
                .description(
                        "Attempts (HTTP exchanges) of calls to an NHS API, until the response headers or the failure")
                .tags("service", service, "operation", k.operation(), "outcome", k.outcome(), "status", k.status())
                .register(registry);
    }

    private Counter retryCounter(AttemptKey k) {
        return Counter.builder(NhsMetrics.RETRIES)
                .description("Retries scheduled, tagged with the outcome of the attempt being retried")
                .baseUnit("retries")
                .tags("service", service, "operation", k.operation(), "outcome", k.outcome(), "status", k.status())
                .register(registry);
    }

    private Timer rateLimitTimer(WaitKey k) {
        return Timer.builder(NhsMetrics.RATE_LIMITER_WAITS)
                .description("Calls that met the client-side rate limiter without a free permit, and the wait:"
                        + " granted (waited), or refused (the wait it would have needed)")
                .tags("service", service, "operation", k.name(), "outcome", k.outcome())
                .register(registry);
    }

    private Timer tokenTimer(WaitKey k) {
        return Timer.builder(NhsMetrics.TOKEN_FETCHES)
                .description("Access-token fetches made to authenticate calls to an NHS API, and how long each took")
                .tags("service", service, "provider", k.name(), "outcome", k.outcome())
                .register(registry);
    }

    /** A request's method and template, before the bound. */
    private record Operation(String method, String pathTemplate) {}

    /** A call's tags but the service. */
    private record CallKey(String operation, String outcome, String status, String errorCode) {
        CallKey overflow() {
            return new CallKey(
                    TagValues.OTHER,
                    outcome,
                    statusClass(status),
                    TagValues.NONE.equals(errorCode) ? TagValues.NONE : TagValues.OTHER);
        }
    }

    /** An attempt's or retry's tags but the service. */
    private record AttemptKey(String operation, String outcome, String status) {
        AttemptKey overflow() {
            return new AttemptKey(TagValues.OTHER, outcome, statusClass(status));
        }
    }

    /** A rate-limiter wait's operation or a token fetch's provider, and its outcome. */
    private record WaitKey(String name, String outcome) {}

    /** {@code 404} becomes {@code 4xx}; {@code none}, {@code other} and classes stay. */
    static String statusClass(String status) {
        return status.length() == 3 && Character.isDigit(status.charAt(0)) && Character.isDigit(status.charAt(1))
                ? status.charAt(0) + "xx"
                : status;
    }
}
