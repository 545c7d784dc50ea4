package uk.nhs.sdk.core.internal.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import uk.nhs.sdk.core.CallOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.auth.AuthProvider;
import uk.nhs.sdk.core.http.ErrorDecoder;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.core.http.PipelineEvents;
import uk.nhs.sdk.core.http.PipelinePolicy;
import uk.nhs.sdk.core.http.PipelinePosition;
import uk.nhs.sdk.core.internal.http.PolicyChain.Step;

/**
 * The request pipeline of one client. Its order, in one place (DESIGN.md §2):
 * <pre>
 * per call:    request-id, correlation-id, user-agent, [caller's per-call policies], rate-limiter,
 *              circuit-breaker, retry
 * per attempt: auth, [caller's per-attempt policies], logging, transport
 * </pre>
 * Internal: clients reach it through {@link uk.nhs.sdk.core.http.NhsHttpClient}.
 */
public final class Pipeline {
    private final String service;
    private final HttpUrl baseUrl;
    private final NhsClientOptions options;
    private final List<Map.Entry<String, String>> defaultHeaders;
    private final PolicyChain attemptChain;
    private final PolicyChain callChain;

    /**
     * Creates a pipeline.
     *
     * @param service the service name used in logs and errors
     * @param baseUrl the base URL, paths are appended to it
     * @param options the client options, with the caller's policies
     * @param client the OkHttp client for these options
     * @param auth the auth provider
     * @param errorDecoder reads error bodies
     * @param correlationId the default correlation id, or {@code null}
     * @param defaultHeaders headers added to every request
     */
    public Pipeline(
            String service,
            URI baseUrl,
            NhsClientOptions options,
            OkHttpClient client,
            AuthProvider auth,
            ErrorDecoder errorDecoder,
            String correlationId,
            List<Map.Entry<String, String>> defaultHeaders) {
        this.service = Objects.requireNonNull(service, "service");
        this.baseUrl = HttpUrl.get(baseUrl.toString());
        this.options = options;
        this.defaultHeaders = List.copyOf(defaultHeaders);

        PipelineEvents events = EventFanOut.of(options.events());
        List<Step> calls = new ArrayList<>();
        calls.add(new Step("request-id", StandardHeaders.requestId()));
        calls.add(new Step("correlation-id", StandardHeaders.correlationId(correlationId)));
        calls.add(new Step(
                "user-agent",
                StandardHeaders.userAgent(UserAgent.of(options.applicationId().orElse(null)))));
        calls.addAll(callerPolicies(PipelinePosition.PER_CALL));
        options.rateLimit()
                .ifPresent(r -> calls.add(
                        new Step("rate-limiter", ResilienceSteps.rateLimiter(service, r, options.sleeper(), events))));
        if (options.circuitBreaker().enabled()) {
            calls.add(new Step(
                    "circuit-breaker", ResilienceSteps.circuitBreaker(service, options.circuitBreaker(), events)));
        }
        calls.add(new Step(
                "retry",
                new RetryStep(
                        options.retry(),
                        options.sleeper(),
                        new RetryBudget(options.retry().retryBudget()),
                        new StatusErrors(errorDecoder),
                        events),
                true));

        List<Step> attempt = new ArrayList<>();
        attempt.add(new Step("auth", new AuthStep(auth, events)));
        attempt.addAll(callerPolicies(PipelinePosition.PER_ATTEMPT));
        attempt.add(new Step("logging", new LoggingStep(options.retry().maxAttempts())));
        attempt.add(new Step("transport", new TransportStep(client, options)));
        this.attemptChain = new PolicyChain(attempt);
        calls.add(new Step("attempts", (call, next) -> attemptChain.run((CallState) call)));
        this.callChain = new PolicyChain(calls);
    }

    private List<Step> callerPolicies(PipelinePosition position) {
        List<Step> steps = new ArrayList<>();
        for (Map.Entry<PipelinePosition, PipelinePolicy> p : options.policies()) {
            if (p.getKey() == position) {
                steps.add(new Step(p.getValue().getClass().getName(), p.getValue()));
            }
        }
        return steps;
    }

    /**
     * The steps in the order they run, built-in and the caller's.
     *
     * @return the step names: built-in steps by name, the caller's by class name
     */
    public List<String> stepNames() {
        List<String> names = new ArrayList<>();
        List<Step> calls = callChain.steps();
        for (Step s : calls.subList(0, calls.size() - 1)) {
            names.add(s.name());
        }
        for (Step s : attemptChain.steps()) {
            names.add(s.name());
        }
        return names;
    }

    /**
     * Executes a call.
     *
     * @param request the call
     * @param callOptions per-call overrides
     * @return the 2xx response
     */
    public NhsResponse execute(NhsRequest request, CallOptions callOptions) {
        CallState call = new CallState(
                service,
                request,
                url(request),
                options.clock(),
                callOptions.deadline().orElse(options.deadline()));
        for (Map.Entry<String, String> h : defaultHeaders) {
            call.setHeader(h.getKey(), h.getValue());
        }
        for (Map.Entry<String, String> h : request.headers()) {
            call.setHeader(h.getKey(), h.getValue());
        }
        for (Map.Entry<String, String> h : callOptions.headers()) {
            call.setHeader(h.getKey(), h.getValue());
        }
        callOptions.correlationId().ifPresent(call::correlationOverride);
        return callChain.run(call);
    }

    private HttpUrl url(NhsRequest request) {
        HttpUrl.Builder b = baseUrl.newBuilder();
        String path = request.encodedPath();
        for (String segment : path.substring(1).split("/", -1)) {
            b.addEncodedPathSegment(segment);
        }
        for (Map.Entry<String, String> q : request.query()) {
            b.addEncodedQueryParameter(PercentEncoding.encode(q.getKey()), PercentEncoding.encode(q.getValue()));
        }
        return b.build();
    }
}
