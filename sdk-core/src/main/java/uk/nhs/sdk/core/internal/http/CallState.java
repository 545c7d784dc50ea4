package uk.nhs.sdk.core.internal.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.http.Idempotency;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.PipelineCall;

/**
 * One logical call as it goes through the pipeline: what policies see through
 * {@link PipelineCall}, plus what the built-in steps record across attempts (bytes sent, an
 * unanswered write, the server's last {@code Retry-After}). Internal; one thread.
 */
final class CallState implements PipelineCall {
    private final String service;
    private final NhsRequest request;
    private final HttpUrl url;
    private final Clock clock;
    private final Instant deadline;
    private final List<Map.Entry<String, String>> callHeaders = new ArrayList<>(12);
    private List<Map.Entry<String, String>> attemptHeaders;
    private boolean inAttempt;
    private Map<String, Object> attributes;
    private String correlationId;
    private String correlationOverride;
    private int attempt;
    private boolean attemptSent;
    private boolean bodyWritten;
    private boolean unansweredWrite;
    private boolean authRefreshed;
    private boolean authRetry;
    private Duration lastRetryAfter;
    private NhsTransportException transportFailure;
    private String failureReason;
    private boolean interrupted;

    CallState(String service, NhsRequest request, HttpUrl url, Clock clock, Duration deadline) {
        this.service = service;
        this.request = request;
        this.url = url;
        this.clock = clock;
        this.deadline = clock.instant().plus(deadline);
    }

    @Override
    public String serverScheme() {
        return url.scheme();
    }

    @Override
    public String serverAddress() {
        return url.host();
    }

    @Override
    public int serverPort() {
        return url.port();
    }

    @Override
    public String service() {
        return service;
    }

    @Override
    public NhsRequest request() {
        return request;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public Optional<String> header(String name) {
        for (Map.Entry<String, String> h : current()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return Optional.of(h.getValue());
            }
        }
        return Optional.empty();
    }

    @Override
    public List<Map.Entry<String, String>> headers() {
        return Collections.unmodifiableList(new ArrayList<>(current()));
    }

    @Override
    public void setHeader(String name, String value) {
        HeaderValues.check("header", name, value);
        if (inAttempt && attemptHeaders == null) {
            attemptHeaders = new ArrayList<>(callHeaders); // the attempt's own copy, made on its first change
        }
        List<Map.Entry<String, String>> list = current();
        Map.Entry<String, String> entry = new AbstractMap.SimpleImmutableEntry<>(name, value);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).getKey().equalsIgnoreCase(name)) {
                list.set(i, entry);
                return;
            }
        }
        list.add(entry);
    }

    @Override
    public Optional<Object> attribute(String key) {
        return attributes == null ? Optional.empty() : Optional.ofNullable(attributes.get(key));
    }

    @Override
    public void setAttribute(String key, Object value) {
        if (attributes == null) {
            attributes = new HashMap<>();
        }
        attributes.put(key, value);
    }

    private List<Map.Entry<String, String>> current() {
        return attemptHeaders != null ? attemptHeaders : callHeaders;
    }

    /** The headers of the attempt under way, for the transport. */
    List<Map.Entry<String, String>> attemptHeaders() {
        return attemptHeaders != null ? attemptHeaders : callHeaders;
    }

    HttpUrl url() {
        return url;
    }

    /**
     * Starts an attempt: the call's headers, nothing sent yet. A header set during the attempt goes
     * to the attempt's own copy of them (made then), so the next attempt starts from the call's.
     */
    void beginAttempt() {
        attempt++;
        inAttempt = true;
        attemptHeaders = null;
        attemptSent = false;
        bodyWritten = false;
    }

    /** Back in the per-call stage: headers set now apply to the call. */
    void endAttempt() {
        inAttempt = false;
        attemptHeaders = null;
    }

    /** Records the failure the transport raised for this attempt, to tell it from a policy's own. */
    <T extends NhsTransportException> T transportFailed(T failure, String reason, boolean wasInterrupted) {
        this.transportFailure = failure;
        this.failureReason = reason;
        this.interrupted = wasInterrupted;
        return failure;
    }

    NhsTransportException transportFailure() {
        return transportFailure;
    }

    String failureReason() {
        return failureReason;
    }

    boolean interrupted() {
        return interrupted;
    }

    void markSent() {
        attemptSent = true;
    }

    void markBodyWritten() {
        attemptSent = true;
        bodyWritten = true;
    }

    boolean attemptSent() {
        return attemptSent;
    }

    /**
     * Whether the request may go out again: a body that cannot be replayed is sent at most once.
     */
    boolean canResend() {
        return !bodyWritten || request.body().map(b -> b.replayable()).orElse(true);
    }

    /** An attempt of a write sent bytes and got no answer: from now on failures are outcome-unknown. */
    void markUnansweredWrite() {
        if (request.idempotency() != Idempotency.SAFE) {
            unansweredWrite = true;
        }
    }

    boolean unansweredWrite() {
        return unansweredWrite;
    }

    /** Whether this call may still refresh its credentials after a 401; true once. */
    boolean claimAuthRefresh() {
        if (authRefreshed) {
            return false;
        }
        authRefreshed = true;
        return true;
    }

    void requestAuthRetry() {
        authRetry = true;
    }

    boolean takeAuthRetry() {
        boolean r = authRetry;
        authRetry = false;
        return r;
    }

    void retryAfter(Duration value) {
        lastRetryAfter = value;
    }

    void correlationOverride(String value) {
        this.correlationOverride = value;
    }

    String correlationOverride() {
        return correlationOverride;
    }

    void correlationId(String value) {
        this.correlationId = value;
    }

    boolean timeLeft() {
        return clock.instant().isBefore(deadline);
    }

    Duration remaining() {
        return Duration.between(clock.instant(), deadline);
    }

    Clock clock() {
        return clock;
    }

    CallDetails details() {
        return CallDetails.of(service, request.requestId(), correlationId, attempt, lastRetryAfter);
    }
}
