package uk.nhs.sdk.core.http;

/**
 * Where a {@link PipelinePolicy} runs.
 */
public enum PipelinePosition {
    /** Once per logical call, outside the retry loop; sees the call's final outcome. */
    PER_CALL,
    /** Once per attempt, inside the retry loop after auth; sees every attempt's response. */
    PER_ATTEMPT
}
