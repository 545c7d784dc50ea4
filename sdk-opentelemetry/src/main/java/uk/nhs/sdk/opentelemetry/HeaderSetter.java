package uk.nhs.sdk.opentelemetry;

import io.opentelemetry.context.propagation.TextMapSetter;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.http.PipelineCall;

/**
 * Writes a propagator's headers onto the attempt with {@link PipelineCall#setHeader}. A header
 * the SDK refuses to send (a control or non-ASCII character, say from a caller's baggage) is
 * left out: tracing never fails a call.
 */
enum HeaderSetter implements TextMapSetter<PipelineCall> {
    INSTANCE;

    @Override
    public void set(PipelineCall carrier, String key, String value) {
        if (carrier == null || key == null || value == null) {
            return;
        }
        try {
            carrier.setHeader(key, value);
        } catch (NhsValidationException e) {
            // not sendable as a header: skipped, the call goes on without it
        }
    }
}
