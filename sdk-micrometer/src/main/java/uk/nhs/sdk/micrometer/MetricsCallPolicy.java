package uk.nhs.sdk.micrometer;

import java.util.concurrent.TimeUnit;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.core.http.PipelineCall;
import uk.nhs.sdk.core.http.PipelineNext;
import uk.nhs.sdk.core.http.PipelinePolicy;

/**
 * The per-call policy: times each logical call, from before the rate limiter to the 2xx response
 * or the exception the call ends with, and records it on {@value NhsMetrics#CALLS}.
 */
final class MetricsCallPolicy implements PipelinePolicy {
    private final NhsMetrics metrics;

    MetricsCallPolicy(NhsMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public NhsResponse process(PipelineCall call, PipelineNext next) {
        long start = metrics.clock().monotonicTime();
        NhsResponse response;
        try {
            response = next.process();
        } catch (RuntimeException | Error e) {
            record(call, start, TagValues.callOutcome(e, call.attempt()), TagValues.status(e), TagValues.errorCode(e));
            throw e;
        }
        record(call, start, TagValues.outcome(response.status()), TagValues.status(response.status()), TagValues.NONE);
        return response;
    }

    private void record(PipelineCall call, long start, String outcome, String status, String errorCode) {
        try {
            long took = metrics.clock().monotonicTime() - start;
            ServiceMeters meters = metrics.service(call.service());
            String operation =
                    meters.operation(call.request().method(), call.request().pathTemplate());
            meters.call(operation, outcome, status, errorCode).record(took, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            NhsMetrics.failed(e);
        }
    }
}
