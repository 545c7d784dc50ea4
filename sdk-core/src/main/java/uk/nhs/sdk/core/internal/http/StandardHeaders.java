package uk.nhs.sdk.core.internal.http;

import uk.nhs.sdk.core.http.PipelinePolicy;

/**
 * The first three per-call steps: {@code X-Request-ID}, {@code X-Correlation-ID} and
 * {@code User-Agent}. Internal.
 */
final class StandardHeaders {
    private StandardHeaders() {}

    /** The call's request id, the same on every attempt. */
    static PipelinePolicy requestId() {
        return (call, next) -> {
            call.setHeader("X-Request-ID", call.request().requestId());
            return next.process();
        };
    }

    /**
     * The correlation id: the per-call options' override, else the request's, else the client's.
     *
     * @param clientDefault the client's correlation id, or {@code null}
     */
    static PipelinePolicy correlationId(String clientDefault) {
        return (call, next) -> {
            CallState state = (CallState) call;
            String id = state.correlationOverride() != null
                    ? state.correlationOverride()
                    : call.request().correlationId().orElse(clientDefault);
            if (id != null) {
                call.setHeader("X-Correlation-ID", id);
                state.correlationId(id);
            }
            return next.process();
        };
    }

    /** The SDK's user agent with the caller's application id. */
    static PipelinePolicy userAgent(String value) {
        return (call, next) -> {
            call.setHeader("User-Agent", value);
            return next.process();
        };
    }
}
