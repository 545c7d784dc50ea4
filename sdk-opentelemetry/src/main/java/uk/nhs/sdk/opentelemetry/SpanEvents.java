package uk.nhs.sdk.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import uk.nhs.sdk.core.http.PipelineCall;
import uk.nhs.sdk.core.http.PipelineEvents;

/**
 * The pipeline's events as span events on the call's span: a retry scheduled (with its wait), a
 * wait for (or refusal of) a client-side rate-limit permit, a token fetch and a circuit-breaker
 * transition caused by the call. Events outside a traced call are dropped. Values are numbers,
 * booleans and strings from fixed sets only.
 */
final class SpanEvents implements PipelineEvents {
    static final String RETRY = "nhs.retry_scheduled";
    static final String RATE_LIMITED = "nhs.rate_limited";
    static final String TOKEN_FETCHED = "nhs.token_fetched";
    static final String CIRCUIT_BREAKER = "nhs.circuit_breaker_state_changed";

    static final AttributeKey<Long> RETRY_NEXT_ATTEMPT = AttributeKey.longKey("nhs.retry.next_attempt");
    static final AttributeKey<Long> RETRY_WAIT_MS = AttributeKey.longKey("nhs.retry.wait_ms");
    static final AttributeKey<Long> RATE_LIMIT_WAIT_MS = AttributeKey.longKey("nhs.rate_limit.wait_ms");
    static final AttributeKey<Boolean> RATE_LIMIT_GRANTED = AttributeKey.booleanKey("nhs.rate_limit.granted");
    static final AttributeKey<String> TOKEN_PROVIDER = AttributeKey.stringKey("nhs.token.provider");
    static final AttributeKey<Boolean> TOKEN_SUCCESS = AttributeKey.booleanKey("nhs.token.success");
    static final AttributeKey<Long> TOKEN_DURATION_MS = AttributeKey.longKey("nhs.token.duration_ms");
    static final AttributeKey<String> CIRCUIT_FROM = AttributeKey.stringKey("nhs.circuit_breaker.from");
    static final AttributeKey<String> CIRCUIT_TO = AttributeKey.stringKey("nhs.circuit_breaker.to");

    private static final Set<String> CIRCUIT_STATES =
            Set.of("closed", "open", "half_open", "disabled", "forced_open", "metrics_only");

    private final TracingState tracing;

    SpanEvents(TracingState tracing) {
        this.tracing = tracing;
    }

    @Override
    public void retryScheduled(PipelineCall call, int nextAttempt, Duration wait) {
        callSpan(call)
                .ifPresent(s -> s.addEvent(
                        RETRY, Attributes.of(RETRY_NEXT_ATTEMPT, (long) nextAttempt, RETRY_WAIT_MS, wait.toMillis())));
    }

    @Override
    public void rateLimited(PipelineCall call, Duration wait, boolean granted) {
        callSpan(call)
                .ifPresent(s -> s.addEvent(
                        RATE_LIMITED, Attributes.of(RATE_LIMIT_WAIT_MS, wait.toMillis(), RATE_LIMIT_GRANTED, granted)));
    }

    @Override
    public void tokenFetched(String service, String provider, boolean success, Duration took) {
        currentCallSpan()
                .ifPresent(s -> s.addEvent(
                        TOKEN_FETCHED,
                        Attributes.of(
                                TOKEN_PROVIDER,
                                providerName(provider),
                                TOKEN_SUCCESS,
                                success,
                                TOKEN_DURATION_MS,
                                took.toMillis())));
    }

    @Override
    public void circuitBreakerStateChanged(String service, String from, String to) {
        currentCallSpan()
                .ifPresent(s ->
                        s.addEvent(CIRCUIT_BREAKER, Attributes.of(CIRCUIT_FROM, state(from), CIRCUIT_TO, state(to))));
    }

    private Optional<Span> callSpan(PipelineCall call) {
        return call.attribute(tracing.attributeKey())
                .filter(Span.class::isInstance)
                .map(Span.class::cast);
    }

    /** The call span current on this thread, if a call of a client traced by this instance is running. */
    private Optional<Span> currentCallSpan() {
        return Optional.ofNullable(Context.current().get(tracing.callSpanKey()));
    }

    private static String state(String s) {
        return s != null && CIRCUIT_STATES.contains(s) ? s : SpanAttributes.OTHER;
    }

    /**
     * A provider's name, fixed by the provider (such as {@code OAuth2 token}); a custom provider's
     * name that does not look like one (too long, or not plain words) is {@code _OTHER}.
     */
    static String providerName(String provider) {
        return provider != null
                        && provider.length() <= 48
                        && provider.matches("[A-Za-z][A-Za-z0-9 ._-]*")
                        && !provider.matches(".*\\d{6,}.*")
                ? provider
                : SpanAttributes.OTHER;
    }
}
