package uk.nhs.sdk.core.internal.http;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.auth.AuthProvider;
import uk.nhs.sdk.core.auth.AuthRequest;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.error.NhsServiceUnavailableException;
import uk.nhs.sdk.core.error.NhsTimeoutException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.http.ErrorDecoder;
import uk.nhs.sdk.core.http.Idempotency;
import uk.nhs.sdk.core.http.NhsHeaders;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsRequestBody;
import uk.nhs.sdk.core.http.NhsResponse;

/**
 * The request pipeline of one client, in this order: request id, correlation id, user agent,
 * rate limiter, circuit breaker, then the retry loop of [auth, logging, transport]. Internal.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger("uk.nhs.sdk.http");
    private static final Set<Integer> RETRYABLE_STATUS = Set.of(408, 429, 502, 503, 504);
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
    private static final Set<String> LOGGED_HEADERS = Set.of("content-type", "content-length", "content-encoding",
            "etag", "retry-after", "x-request-id", "x-correlation-id");

    private final String service;
    private final HttpUrl baseUrl;
    private final NhsClientOptions options;
    private final OkHttpClient client;
    private final OkHttpClient clientNoReplay;
    private final AuthProvider auth;
    private final ErrorDecoder errorDecoder;
    private final String correlationId;
    private final List<Map.Entry<String, String>> defaultHeaders;
    private final String userAgent;
    private final CircuitBreaker circuitBreaker;
    private final RateLimiter rateLimiter;

    /**
     * Creates a pipeline.
     *
     * @param service the service name used in logs and errors
     * @param baseUrl the base URL, paths are appended to it
     * @param options the client options
     * @param client the OkHttp client for these options
     * @param auth the auth provider
     * @param errorDecoder reads error bodies
     * @param correlationId the default correlation id, or {@code null}
     * @param defaultHeaders headers added to every request
     */
    public Pipeline(String service, URI baseUrl, NhsClientOptions options, OkHttpClient client, AuthProvider auth,
            ErrorDecoder errorDecoder, String correlationId, List<Map.Entry<String, String>> defaultHeaders) {
        this.service = Objects.requireNonNull(service, "service");
        HttpUrl parsed = HttpUrl.get(baseUrl.toString());
        this.baseUrl = parsed;
        this.options = options;
        this.client = client;
        this.clientNoReplay = client.newBuilder().retryOnConnectionFailure(false).build();
        this.auth = auth;
        this.errorDecoder = errorDecoder;
        this.correlationId = correlationId;
        this.defaultHeaders = List.copyOf(defaultHeaders);
        this.userAgent = UserAgent.of(options.applicationId().orElse(null));
        this.circuitBreaker = options.circuitBreaker().enabled() ? circuitBreaker(service, options) : null;
        this.rateLimiter = options.rateLimit().map(r -> RateLimiter.of(service, RateLimiterConfig.custom()
                .limitForPeriod(r.permitsPerSecond())
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(r.maxWait())
                .build())).orElse(null);
    }

    private static CircuitBreaker circuitBreaker(String service, NhsClientOptions options) {
        var o = options.circuitBreaker();
        CircuitBreaker cb = CircuitBreaker.of(service, CircuitBreakerConfig.custom()
                .failureRateThreshold(o.failureRateThreshold())
                .slidingWindowSize(o.slidingWindowSize())
                .minimumNumberOfCalls(o.minimumNumberOfCalls())
                .waitDurationInOpenState(o.waitInOpenState())
                .recordException(Pipeline::countsAsFailure)
                .build());
        cb.getEventPublisher().onStateTransition(e -> {
            if (e.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                LOG.warn("{} circuit breaker opened: calls fail fast for {}", service, o.waitInOpenState());
            }
        });
        return cb;
    }

    static boolean countsAsFailure(Throwable t) {
        if (t instanceof NhsServiceException) {
            int s = ((NhsServiceException) t).status();
            return s >= 500;
        }
        return t instanceof NhsTransportException;
    }

    /**
     * Executes a call.
     *
     * @param request the call
     * @return the 2xx response
     */
    public NhsResponse execute(NhsRequest request) {
        LogicalCall state = new LogicalCall(request);
        Supplier<NhsResponse> call = state::run;
        if (circuitBreaker != null) {
            call = CircuitBreaker.decorateSupplier(circuitBreaker, call);
        }
        if (rateLimiter != null) {
            call = RateLimiter.decorateSupplier(rateLimiter, call);
        }
        try {
            return call.get();
        } catch (CallNotPermittedException e) {
            throw new NhsServiceUnavailableException(service + " circuit breaker is open: call refused", state.details(),
                    null);
        } catch (RequestNotPermitted e) {
            throw new NhsServiceUnavailableException(service + " client-side rate limit: no permit in time",
                    state.details(), null);
        }
    }

    /** The state of one logical call across its attempts. */
    private final class LogicalCall {
        private final NhsRequest request;
        private final String corr;
        private final Instant deadline;
        private final HttpUrl url;
        private int attempts;
        private Duration lastRetryAfter;
        private boolean refreshed;

        LogicalCall(NhsRequest request) {
            this.request = request;
            this.corr = request.correlationId().orElse(correlationId);
            this.deadline = options.clock().instant().plus(options.deadline());
            this.url = url(request);
        }

        CallDetails details() {
            return CallDetails.of(service, request.requestId(), corr, attempts, lastRetryAfter);
        }

        NhsResponse run() {
            RetryOptions ro = options.retry();
            Retry retry = Retry.of(service, RetryConfig.<Outcome>custom()
                    .maxAttempts(ro.maxAttempts())
                    .retryOnResult(o -> o.retryable)
                    .retryOnException(t -> t instanceof AttemptFailure && ((AttemptFailure) t).retryable)
                    .consumeResultBeforeRetryAttempt((n, o) -> o.close())
                    .intervalBiFunction((n, either) -> {
                        waitBeforeRetry(n, either.isRight() ? either.get() : null, ro);
                        return 0L;
                    })
                    .build());
            Retry.Context<Outcome> ctx = retry.context();
            try {
                while (true) {
                    Outcome outcome;
                    try {
                        outcome = attemptWithAuthRefresh();
                    } catch (AttemptFailure f) {
                        ctx.onRuntimeError(f);
                        continue;
                    }
                    if (ctx.onResult(outcome)) {
                        continue;
                    }
                    ctx.onComplete();
                    return finish(outcome);
                }
            } catch (AttemptFailure f) {
                throw f.toException(details(), request.reconcileId().orElse(null));
            } catch (StopRetrying s) {
                return finish(s.outcome);
            }
        }

        private void waitBeforeRetry(int retryNumber, Outcome outcome, RetryOptions ro) {
            Duration wait;
            Duration retryAfter = outcome == null ? null : outcome.retryAfter;
            if (retryAfter != null) {
                if (retryAfter.compareTo(ro.maxRetryAfter()) > 0) {
                    throw new StopRetrying(outcome);
                }
                wait = retryAfter;
            } else {
                long base = ro.initialBackoff().toMillis() << Math.min(retryNumber - 1, 20);
                long capped = Math.min(base, ro.maxBackoff().toMillis());
                wait = Duration.ofMillis((long) (capped * ThreadLocalRandom.current().nextDouble(0.75, 1.0)));
            }
            Duration remaining = Duration.between(options.clock().instant(), deadline);
            if (wait.compareTo(remaining) >= 0) {
                if (outcome != null) {
                    throw new StopRetrying(outcome);
                }
                throw new AttemptFailure(false, true, false, "the call's deadline would pass before the next attempt",
                        null);
            }
            LOG.debug("{} {} {} retrying in {} ms (X-Request-ID={})", service, request.method(),
                    request.pathTemplate(), wait.toMillis(), request.requestId());
            try {
                options.sleeper().sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AttemptFailure(false, false, false, "interrupted while waiting to retry", e);
            }
        }

        private Outcome attemptWithAuthRefresh() {
            AuthRequestImpl authRequest = new AuthRequestImpl(request, url, attempts + 1);
            Outcome outcome = attempt(authRequest);
            if (outcome.status == 401 && !refreshed) {
                refreshed = true;
                if (auth.refreshAfterUnauthorized(authRequest)) {
                    outcome.close();
                    outcome = attempt(new AuthRequestImpl(request, url, attempts + 1));
                }
            }
            return outcome;
        }

        private Outcome attempt(AuthRequestImpl authRequest) {
            attempts++;
            Duration remaining = Duration.between(options.clock().instant(), deadline);
            if (remaining.isNegative() || remaining.isZero()) {
                throw new AttemptFailure(false, true, false, "the call's deadline passed", null);
            }
            Request.Builder rb = new Request.Builder().url(url);
            for (Map.Entry<String, String> h : defaultHeaders) {
                rb.header(h.getKey(), h.getValue());
            }
            for (Map.Entry<String, String> h : request.headers()) {
                rb.header(h.getKey(), h.getValue());
            }
            rb.header("X-Request-ID", request.requestId());
            if (corr != null) {
                rb.header("X-Correlation-ID", corr);
            }
            rb.header("User-Agent", userAgent);
            AttemptState state = new AttemptState();
            rb.method(request.method(), request.body().map(b -> okBody(b, state)).orElse(
                    BODY_METHODS.contains(request.method()) ? RequestBody.create(new byte[0], null) : null));
            rb.tag(AttemptState.class, state);
            auth.authenticate(authRequest);
            authRequest.headers.forEach(rb::header);

            OkHttpClient c = request.idempotency() == Idempotency.NONE ? clientNoReplay : client;
            okhttp3.Call call = c.newCall(rb.build());
            if (!request.streamingResponse()) {
                Duration t = remaining.compareTo(options.attemptTimeout()) < 0 ? remaining : options.attemptTimeout();
                call.timeout().timeout(t.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            long start = System.nanoTime();
            Response response = null;
            try {
                response = call.execute();
                NhsHeaders headers = headers(response);
                Duration retryAfter = RetryAfter.parse(response.header("Retry-After"), options.clock()).orElse(null);
                int status = response.code();
                Outcome outcome;
                ResponseBody body = response.body();
                if (status / 100 == 2 && request.streamingResponse()) {
                    outcome = new Outcome(status, headers, null, body == null ? InputStream.nullInputStream()
                            : body.byteStream(), retryAfter, false);
                    response = null;
                } else {
                    byte[] bytes = body == null ? new byte[0] : body.bytes();
                    boolean retryable = request.idempotency() != Idempotency.NONE && RETRYABLE_STATUS.contains(status);
                    outcome = new Outcome(status, headers, bytes, null, retryAfter, retryable);
                }
                logAttempt(String.valueOf(status), start, headers);
                if (retryAfter != null) {
                    lastRetryAfter = retryAfter;
                }
                return outcome;
            } catch (IOException e) {
                logAttempt(e.getClass().getSimpleName(), start, null);
                boolean sent = state.bytesSent();
                boolean timeout = e instanceof InterruptedIOException;
                boolean retryable = !sent || request.idempotency() != Idempotency.NONE;
                boolean unknown = sent && request.idempotency() != Idempotency.SAFE;
                throw new AttemptFailure(retryable, timeout, unknown,
                        timeout ? "the attempt timed out" : "the connection failed (" + e.getClass().getSimpleName()
                                + ")", e);
            } finally {
                if (response != null) {
                    response.close();
                }
            }
        }

        private void logAttempt(String result, long startNanos, NhsHeaders headers) {
            if (!LOG.isDebugEnabled()) {
                return;
            }
            long ms = (System.nanoTime() - startNanos) / 1_000_000;
            LOG.debug("{} {} {}{} -> {} in {} ms (attempt {}/{}, X-Request-ID={}, X-Correlation-ID={})", service,
                    request.method(), request.pathTemplate(), maskedQuery(), result, ms, attempts,
                    options.retry().maxAttempts(), request.requestId(), corr == null ? "-" : corr);
            if (headers != null && LOG.isTraceEnabled()) {
                StringBuilder sb = new StringBuilder();
                for (String name : headers.names()) {
                    if (LOGGED_HEADERS.contains(name)) {
                        sb.append(' ').append(name).append('=').append(headers.first(name).orElse(""));
                    }
                }
                LOG.trace("{} response headers:{} (X-Request-ID={})", service, sb, request.requestId());
            }
        }

        private String maskedQuery() {
            if (request.query().isEmpty()) {
                return "";
            }
            StringBuilder sb = new StringBuilder("?");
            for (Map.Entry<String, String> q : request.query()) {
                if (sb.length() > 1) {
                    sb.append('&');
                }
                sb.append(q.getKey()).append("=***");
            }
            return sb.toString();
        }

        private NhsResponse finish(Outcome o) {
            CallDetails d = details();
            if (o.status / 100 == 2) {
                return o.stream != null ? NhsResponse.streaming(o.status, o.headers, o.stream, d)
                        : NhsResponse.buffered(o.status, o.headers, o.body, d);
            }
            o.close();
            ErrorDecoder.ErrorInfo info;
            try {
                info = errorDecoder.decode(o.status, o.headers, o.body);
            } catch (RuntimeException e) {
                info = ErrorDecoder.ErrorInfo.none();
            }
            throw NhsServiceException.forStatus(o.status, info.errorCode().orElse(null),
                    info.outcome().orElse(null), d);
        }

        private RequestBody okBody(NhsRequestBody body, AttemptState state) {
            MediaType type = MediaType.parse(body.contentType());
            boolean oneShot = request.idempotency() == Idempotency.NONE || !body.replayable();
            return new RequestBody() {
                @Override
                public MediaType contentType() {
                    return type;
                }

                @Override
                public long contentLength() {
                    return body.contentLength();
                }

                @Override
                public boolean isOneShot() {
                    return oneShot;
                }

                @Override
                public void writeTo(BufferedSink sink) throws IOException {
                    state.markBytesSent();
                    body.writeTo(sink.outputStream());
                }
            };
        }
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

    private static NhsHeaders headers(Response response) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        okhttp3.Headers h = response.headers();
        for (int i = 0; i < h.size(); i++) {
            pairs.add(new AbstractMap.SimpleImmutableEntry<>(h.name(i), h.value(i)));
        }
        return NhsHeaders.of(pairs);
    }

    /** The result of one attempt that got a response. */
    private static final class Outcome {
        final int status;
        final NhsHeaders headers;
        final byte[] body;
        final InputStream stream;
        final Duration retryAfter;
        final boolean retryable;

        Outcome(int status, NhsHeaders headers, byte[] body, InputStream stream, Duration retryAfter,
                boolean retryable) {
            this.status = status;
            this.headers = headers;
            this.body = body;
            this.stream = stream;
            this.retryAfter = retryAfter;
            this.retryable = retryable;
        }

        void close() {
            if (stream != null) {
                try {
                    stream.close();
                } catch (IOException e) {
                    // discarded
                }
            }
        }
    }

    /** An attempt that got no response. */
    private static final class AttemptFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final boolean retryable;
        final boolean timeout;
        final boolean outcomeUnknown;

        AttemptFailure(boolean retryable, boolean timeout, boolean outcomeUnknown, String message, Throwable cause) {
            super(message, cause, false, false);
            this.retryable = retryable;
            this.timeout = timeout;
            this.outcomeUnknown = outcomeUnknown;
        }

        NhsSdkException toException(CallDetails details, String reconcile) {
            return timeout
                    ? new NhsTimeoutException(getMessage(), details, outcomeUnknown, reconcile, getCause())
                    : new NhsTransportException(getMessage(), details, outcomeUnknown, reconcile, getCause());
        }
    }

    /** Thrown from the interval function to end retrying and surface the last response. */
    private static final class StopRetrying extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Outcome outcome;

        StopRetrying(Outcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }

    /** The attempt as the auth provider sees it. */
    private static final class AuthRequestImpl implements AuthRequest {
        private final NhsRequest request;
        private final HttpUrl url;
        private final int attempt;
        final Map<String, String> headers = new java.util.LinkedHashMap<>();

        AuthRequestImpl(NhsRequest request, HttpUrl url, int attempt) {
            this.request = request;
            this.url = url;
            this.attempt = attempt;
        }

        @Override
        public String method() {
            return request.method();
        }

        @Override
        public URI url() {
            return url.uri();
        }

        @Override
        public String requestId() {
            return request.requestId();
        }

        @Override
        public int attempt() {
            return attempt;
        }

        @Override
        public void header(String name, String value) {
            headers.put(name, value);
        }
    }
}
