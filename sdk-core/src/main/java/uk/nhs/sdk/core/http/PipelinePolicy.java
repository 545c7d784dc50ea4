package uk.nhs.sdk.core.http;

/**
 * One step of a client's request pipeline, in the spirit of OkHttp's interceptors and the Azure
 * SDK's {@code HttpPipelinePolicy}: it may read the call, set headers, record what happens, and
 * calls {@link PipelineNext#process()} once to go on (or throws to stop the call). It never calls
 * it twice (retries belong to the retry step, which knows what may be sent again) and never returns
 * {@code null}: either ends the call with {@link uk.nhs.sdk.core.error.NhsConfigurationException}.
 *
 * <p>A policy sits in one of two positions (see {@link PipelinePosition}), chosen when it is added
 * to {@link uk.nhs.sdk.core.NhsClientOptions.Builder#addPolicy(PipelinePosition, PipelinePolicy)}:
 * <ul>
 *   <li>{@link PipelinePosition#PER_CALL per call}: runs once per logical call, after the request
 *       id, correlation id and user agent are set and before the rate limiter, circuit breaker
 *       and retry loop; it sees the final outcome: the 2xx {@link NhsResponse}, or the
 *       {@link uk.nhs.sdk.core.error.NhsSdkException} the call ends with.</li>
 *   <li>{@link PipelinePosition#PER_ATTEMPT per attempt}: runs on every try, after auth and before
 *       logging and the transport; {@link PipelineCall#attempt()} says which try it is. It sees the
 *       attempt's response whatever its status (a 503 that will be retried included), or the
 *       {@link uk.nhs.sdk.core.error.NhsTransportException} of an attempt that got no response.</li>
 * </ul>
 *
 * <p>The whole order, built-in steps included, is listed by
 * {@link NhsHttpClient#pipelineSteps()}:
 * <pre>
 * per call:    request-id, correlation-id, user-agent, [your per-call policies], rate-limiter,
 *              circuit-breaker, retry
 * per attempt: auth, [your per-attempt policies], logging, transport
 * </pre>
 *
 * <p>Policies are shared by every call of a client and run on the caller's thread: they must be
 * thread-safe and must not block for long. They must not log or record request values (paths,
 * query values, bodies): use {@link NhsRequest#pathTemplate()}.
 *
 * <pre>{@code
 * PipelinePolicy tenant = (call, next) -> {
 *     call.setHeader("X-Tenant", "north");
 *     return next.process();
 * };
 * NhsClientOptions options = NhsClientOptions.builder()
 *     .addPolicy(PipelinePosition.PER_CALL, tenant)
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface PipelinePolicy {
    /**
     * Processes a call (per-call position) or an attempt (per-attempt position).
     *
     * @param call the call, with its headers so far
     * @param next the rest of the pipeline; call {@link PipelineNext#process()} at most once
     * @return the response the rest of the pipeline returned (or one derived from it), never
     *     {@code null}
     */
    NhsResponse process(PipelineCall call, PipelineNext next);
}
