package uk.nhs.sdk.core.http;

/**
 * The rest of the pipeline after a {@link PipelinePolicy}.
 */
@FunctionalInterface
public interface PipelineNext {
    /**
     * Runs the rest of the pipeline.
     *
     * @return the response: for a per-call policy, the call's 2xx response; for a per-attempt
     *     policy, the attempt's response whatever its status
     * @throws uk.nhs.sdk.core.error.NhsSdkException when the call (or attempt) fails; a
     *     per-attempt policy sees {@link uk.nhs.sdk.core.error.NhsTransportException} for an
     *     attempt that got no response; {@link uk.nhs.sdk.core.error.NhsConfigurationException}
     *     when called a second time
     */
    NhsResponse process();
}
