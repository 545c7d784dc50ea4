package uk.nhs.sdk.core.http;

/** The listener that ignores every event. */
enum NoEvents implements PipelineEvents {
    INSTANCE
}
