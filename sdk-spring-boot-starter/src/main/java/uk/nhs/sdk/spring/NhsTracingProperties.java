package uk.nhs.sdk.spring;

/**
 * Tracing of the SDK's calls under {@code nhs.tracing.*}, applied when sdk-opentelemetry and an
 * OpenTelemetry bean are present.
 */
public class NhsTracingProperties extends NhsObservabilityProperties {
    /**
     * Whether to send the W3C trace context (traceparent) with outgoing requests; the NHS APIs do
     * not need it.
     */
    private boolean propagateTraceContext;

    /** Creates the settings with their defaults. */
    public NhsTracingProperties() {
        // defaults are the field initialisers
    }

    /**
     * Whether the trace context is sent.
     *
     * @return {@code true} to send it
     */
    public boolean isPropagateTraceContext() {
        return propagateTraceContext;
    }

    /**
     * Sets whether the trace context is sent.
     *
     * @param propagateTraceContext {@code true} to send it
     */
    public void setPropagateTraceContext(boolean propagateTraceContext) {
        this.propagateTraceContext = propagateTraceContext;
    }
}
