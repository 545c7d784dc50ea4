package uk.nhs.sdk.micrometer;

import java.time.Duration;
import java.util.Optional;
import uk.nhs.sdk.core.http.PipelineCall;
import uk.nhs.sdk.core.http.PipelineEvents;

/**
 * The event listener: counts retries and circuit-breaker transitions, and times rate-limiter waits
 * and token fetches. The core calls it on the caller's thread and ignores it if it throws.
 */
final class MetricsEvents implements PipelineEvents {
    private final NhsMetrics metrics;

    MetricsEvents(NhsMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void retryScheduled(PipelineCall call, int nextAttempt, Duration wait) {
        ServiceMeters meters = metrics.service(call.service());
        String operation =
                meters.operation(call.request().method(), call.request().pathTemplate());
        Optional<Object> last = call.attribute(MetricsAttemptPolicy.LAST_FAILURE);
        String outcome = TagValues.OTHER;
        String status = TagValues.NONE;
        if (last.isPresent() && last.get() instanceof MetricsAttemptPolicy.FailedAttempt) {
            MetricsAttemptPolicy.FailedAttempt failed = (MetricsAttemptPolicy.FailedAttempt) last.get();
            if (failed.attempt() == call.attempt()) {
                outcome = failed.outcome();
                status = failed.status();
            }
        }
        meters.retry(operation, outcome, status).increment();
    }

    @Override
    public void rateLimited(PipelineCall call, Duration wait, boolean granted) {
        ServiceMeters meters = metrics.service(call.service());
        String operation =
                meters.operation(call.request().method(), call.request().pathTemplate());
        meters.rateLimitWait(operation, granted).record(wait);
    }

    @Override
    public void circuitBreakerStateChanged(String service, String from, String to) {
        metrics.transition(service, from, to).increment();
    }

    @Override
    public void tokenFetched(String service, String provider, boolean success, Duration took) {
        metrics.service(service).tokenFetch(metrics.provider(provider), success).record(took);
    }
}
