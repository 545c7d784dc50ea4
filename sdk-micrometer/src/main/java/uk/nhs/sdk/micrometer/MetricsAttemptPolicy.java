package uk.nhs.sdk.micrometer;

import java.util.concurrent.TimeUnit;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.core.http.PipelineCall;
import uk.nhs.sdk.core.http.PipelineNext;
import uk.nhs.sdk.core.http.PipelinePolicy;

/**
 * The per-attempt policy: times each attempt, until its response headers (a streamed body is read
 * later) or its failure, and records it on {@value NhsMetrics#ATTEMPTS}. A failed attempt leaves
 * its outcome on the call, so a retry of it is counted with why it was retried.
 */
final class MetricsAttemptPolicy implements PipelinePolicy {
    /** The call attribute holding the last failed attempt's {@link FailedAttempt}. */
    static final String LAST_FAILURE = "uk.nhs.sdk.micrometer.lastFailedAttempt";

    private final NhsMetrics metrics;

    MetricsAttemptPolicy(NhsMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public NhsResponse process(PipelineCall call, PipelineNext next) {
        long start = metrics.clock().monotonicTime();
        NhsResponse response;
        try {
            response = next.process();
        } catch (RuntimeException | Error e) {
            record(call, start, TagValues.outcome(e), TagValues.status(e));
            throw e;
        }
        record(call, start, TagValues.outcome(response.status()), TagValues.status(response.status()));
        return response;
    }

    private void record(PipelineCall call, long start, String outcome, String status) {
        try {
            long took = metrics.clock().monotonicTime() - start;
            ServiceMeters meters = metrics.service(call.service());
            String operation =
                    meters.operation(call.request().method(), call.request().pathTemplate());
            meters.attempt(operation, outcome, status).record(took, TimeUnit.NANOSECONDS);
            if (!TagValues.SUCCESS.equals(outcome)) {
                call.setAttribute(LAST_FAILURE, new FailedAttempt(call.attempt(), outcome, status));
            }
        } catch (RuntimeException e) {
            NhsMetrics.failed(e);
        }
    }

    /** What an attempt that did not succeed ended with. */
    record FailedAttempt(int attempt, String outcome, String status) {}
}
