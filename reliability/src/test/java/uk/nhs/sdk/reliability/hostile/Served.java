package uk.nhs.sdk.reliability.hostile;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.RateLimitOptions;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.http.NhsHeaders;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.core.http.PipelineCall;
import uk.nhs.sdk.core.http.PipelinePosition;
import uk.nhs.sdk.core.testing.MutableClock;

/**
 * Serves the next case's response to a real client from inside its pipeline: a per-attempt
 * policy that answers instead of the transport. The client builds its request, runs its
 * pipeline (retry and error mapping included) and decodes the body exactly as it would one
 * from the network, without a socket, so that 10,000 cases per decoder stay within the suite's
 * time budget. (The fault matrix covers what the network itself does.)
 */
final class Served {
    /** Where the clients point; never connected to. */
    static final URI BASE = URI.create("http://127.0.0.1:9/");

    private volatile Reply reply = new Reply(200, List.of(), new byte[0]);
    private volatile PipelineCall lastCall;
    private volatile java.util.function.Function<String, Reply> router;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));

    /** A response: status, headers and body. */
    record Reply(int status, List<Map.Entry<String, String>> headers, byte[] body) {}

    /**
     * Options whose pipeline answers with the served reply: no retries, no circuit breaker, an
     * injected clock, a sleeper that only advances it.
     *
     * @return the options
     */
    NhsClientOptions options() {
        return NhsClientOptions.builder()
                .clock(clock)
                .sleeper(clock::advance)
                .retry(RetryOptions.none())
                .circuitBreaker(CircuitBreakerOptions.disabled())
                .rateLimit(RateLimitOptions.perSecond(1_000_000, Duration.ofSeconds(1)))
                .deadline(Duration.ofSeconds(30))
                .addPolicy(PipelinePosition.PER_ATTEMPT, (call, next) -> {
                    lastCall = call;
                    checkPath(call.request().pathTemplate(), call.request().encodedPath());
                    java.util.function.Function<String, Reply> route = router;
                    Reply r = route == null ? reply : route.apply(call.request().encodedPath());
                    return NhsResponse.buffered(
                            r.status(),
                            NhsHeaders.of(r.headers()),
                            r.body(),
                            CallDetails.of(
                                    call.service(),
                                    call.header("X-Request-ID").orElse(null),
                                    null,
                                    call.attempt(),
                                    null));
                })
                .build();
    }

    /**
     * A hostile path parameter must stay inside its segment: the path has the template's
     * segments, none of them a dot segment (which the HTTP client would resolve to another
     * resource), and only characters that need no further encoding.
     */
    static void checkPath(String template, String path) {
        String[] want = template.split("/", -1);
        String[] got = path.split("/", -1);
        boolean ok = want.length == got.length && path.matches("[A-Za-z0-9\\-._~%/!$&'()*+,;=:@]*");
        for (String segment : got) {
            ok &= !segment.equals(".") && !segment.equals("..");
        }
        if (!ok) {
            throw new AssertionError("a path parameter left its segment: " + template);
        }
    }

    /**
     * Serves this reply to the next call.
     *
     * @param status the status
     * @param contentType the content type, or {@code null} for none
     * @param body the body
     * @param headers further headers, as name and value pairs
     */
    void serve(int status, String contentType, String body, String... headers) {
        List<Map.Entry<String, String>> h = new ArrayList<>();
        if (contentType != null) {
            h.add(Map.entry("Content-Type", contentType));
        }
        for (int i = 0; i < headers.length; i += 2) {
            h.add(Map.entry(headers[i], headers[i + 1]));
        }
        reply = new Reply(status, h, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Serves each call the reply for its path (encoded, without the query).
     *
     * @param value the replies by path
     */
    void route(java.util.function.Function<String, Reply> value) {
        router = value;
    }

    /**
     * A JSON reply.
     *
     * @param body the body
     * @return the reply
     */
    static Reply json(String body) {
        return new Reply(
                200, List.of(Map.entry("Content-Type", "application/json")), body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The clock the options carry.
     *
     * @return the clock
     */
    MutableClock clock() {
        return clock;
    }

    /**
     * The last call the pipeline served (its request, headers).
     *
     * @return the call
     */
    PipelineCall lastCall() {
        return lastCall;
    }
}
