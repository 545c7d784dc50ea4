package uk.nhs.sdk.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A fault the sandbox injects into one response, to test how a client copes with what networks
 * and gateways do to answers.
 *
 * <p>Two kinds. Faults that <em>replace</em> the answer (an error status, a reset connection, a
 * gateway's HTML error page, an oversized body) come instead of handling the request, or after it
 * with {@link #afterProcessing()}, the way a response lost on its way back looks to a client.
 * Faults that <em>alter</em> the service's own answer (slow headers, a slow body, a truncated
 * body, a reset in the middle of the body, malformed JSON, a wrong content type, an empty 200)
 * always let the service handle the request first: its effect stands.
 *
 * <p>A refused connection comes before any request, so no request can match it: point a client
 * at a {@link ClosedPort} instead.
 *
 * <pre>{@code
 * sandbox.faults().injectNext("PATCH", "/personal-demographics/FHIR/R4/Patient/.*",
 *         SandboxFault.status(503).withRetryAfter(Duration.ofSeconds(1)).afterProcessing());
 * sandbox.faults().injectNext("GET", "/personal-demographics/FHIR/R4/Patient/.*",
 *         SandboxFault.slowBody(64, Duration.ofMillis(100)));
 * }</pre>
 */
public final class SandboxFault {
    /** What a fault does. */
    enum Kind {
        STATUS,
        RESET,
        HTML_ERROR_PAGE,
        OVERSIZED_BODY,
        SLOW_HEADERS,
        SLOW_BODY,
        TRUNCATED_BODY,
        MALFORMED_JSON,
        WRONG_CONTENT_TYPE,
        EMPTY_OK,
        RESET_MID_BODY;

        boolean altersAnswer() {
            return ordinal() >= SLOW_HEADERS.ordinal();
        }
    }

    private static final long MAX_DELAY_MILLIS = Integer.MAX_VALUE;
    private static final int MIN_OVERSIZED_BYTES = 16;

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;
    private final boolean afterProcessing;
    private final Duration delay;
    private final long bytes;
    private final String contentType;

    private SandboxFault(
            Kind kind,
            int status,
            Duration retryAfter,
            boolean afterProcessing,
            Duration delay,
            long bytes,
            String contentType) {
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
        this.afterProcessing = afterProcessing || kind.altersAnswer();
        this.delay = delay;
        this.bytes = bytes;
        this.contentType = contentType;
    }

    private static SandboxFault of(Kind kind, int status, Duration delay, long bytes, String contentType) {
        return new SandboxFault(kind, status, null, false, delay, bytes, contentType);
    }

    /**
     * An error status with an empty body.
     *
     * @param status 400 to 599
     * @return the fault
     */
    public static SandboxFault status(int status) {
        return of(Kind.STATUS, errorStatus(status), null, 0, null);
    }

    /**
     * The connection is reset by the server with no response.
     *
     * @return the fault
     */
    public static SandboxFault connectionReset() {
        return of(Kind.RESET, 0, null, 0, null);
    }

    /**
     * An error status with the HTML page a gateway or load balancer sends in front of a service
     * ({@code text/html}, a title and heading naming the status), not the service's own error
     * format.
     *
     * @param status 400 to 599, typically 502, 503 or 504
     * @return the fault
     */
    public static SandboxFault htmlErrorPage(int status) {
        return of(Kind.HTML_ERROR_PAGE, errorStatus(status), null, 0, null);
    }

    /**
     * A 200 whose {@code application/json} body is a JSON object holding one long string, of the
     * given size, generated while it is sent (never held in memory) and sent chunked, with no
     * {@code Content-Length}, so a client's cap on the bytes it reads is what stops it.
     *
     * @param bytes the body's size, at least 16; several MiB to test a body cap
     * @return the fault
     */
    public static SandboxFault oversizedBody(long bytes) {
        if (bytes < MIN_OVERSIZED_BYTES) {
            throw new IllegalArgumentException("an oversized body is at least " + MIN_OVERSIZED_BYTES + " bytes");
        }
        return of(Kind.OVERSIZED_BODY, 200, null, bytes, null);
    }

    /**
     * The service's own answer, sent only after a delay: the status line and headers are late, as
     * from an overloaded server.
     *
     * @param delay how long the server waits before answering, up to about 24 days
     * @return the fault
     */
    public static SandboxFault slowHeaders(Duration delay) {
        return of(Kind.SLOW_HEADERS, 0, checkDelay(delay, "delay"), 0, null);
    }

    /**
     * The service's own answer with its body trickled: cut into {@code ceil(size / bytes)} equal
     * pieces (the last also takes the remainder, so each is about {@code bytes} bytes), one sent
     * every {@code interval} (the first after one interval), so a client that times out each read
     * separately keeps waiting while the whole body takes {@code ceil(size / bytes) * interval}.
     * The body is sent chunked; it is held in memory while it trickles. An empty answer is sent
     * as it is.
     *
     * @param bytes the bytes sent each interval, at least 1
     * @param interval the time between pieces, more than zero
     * @return the fault
     */
    public static SandboxFault slowBody(int bytes, Duration interval) {
        if (bytes < 1) {
            throw new IllegalArgumentException("a slow body sends at least 1 byte each interval");
        }
        if (checkDelay(interval, "interval").isZero()) {
            throw new IllegalArgumentException("a slow body's interval is more than zero");
        }
        return of(Kind.SLOW_BODY, 0, interval, bytes, null);
    }

    /**
     * The service's own status and headers with a {@code Content-Length} of its whole body, but
     * only the first half of the body (nothing when it is shorter than 2 bytes, declaring 1), then
     * the connection closes.
     *
     * @return the fault
     */
    public static SandboxFault truncatedBody() {
        return of(Kind.TRUNCATED_BODY, 0, null, 0, null);
    }

    /**
     * The service's own status and headers with a {@code Content-Length} of its whole body, the
     * first half of the body (nothing when it is shorter than 2 bytes, declaring 1), then the
     * server resets the connection (a TCP {@code RST}, not the orderly close of
     * {@link #truncatedBody()}), as a proxy or load balancer that drops a connection mid-transfer.
     * The reset is of an HTTP/1.1 connection; over HTTP/2 the body is only cut short.
     *
     * @return the fault
     */
    public static SandboxFault resetMidBody() {
        return of(Kind.RESET_MID_BODY, 0, null, 0, null);
    }

    /**
     * A {@code 200 OK} with the service's headers but an empty body ({@code Content-Length: 0}),
     * whatever the service answered, as from a gateway that loses the body; the service handled
     * the request first.
     *
     * @return the fault
     */
    public static SandboxFault emptyOk() {
        return of(Kind.EMPTY_OK, 200, null, 0, null);
    }

    /**
     * A 200 with the service's {@code Content-Type} and headers but a body that is not valid JSON:
     * the first half of the service's JSON answer, or a cut-off {@code OperationOutcome} when the
     * answer is not a JSON object or array.
     *
     * @return the fault
     */
    public static SandboxFault malformedJson() {
        return of(Kind.MALFORMED_JSON, 200, null, 0, null);
    }

    /**
     * The service's own answer with another {@code Content-Type}, as when a proxy relabels it.
     *
     * @param contentType the media type sent instead, such as {@code text/plain}
     * @return the fault
     */
    public static SandboxFault wrongContentType(String contentType) {
        Objects.requireNonNull(contentType, "contentType");
        if (contentType.isBlank() || contentType.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw new IllegalArgumentException("a content type is printable ASCII and not blank");
        }
        return of(Kind.WRONG_CONTENT_TYPE, 0, null, 0, contentType);
    }

    private static int errorStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a fault status is 400 to 599");
        }
        return status;
    }

    private static Duration checkDelay(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.compareTo(Duration.ofMillis(MAX_DELAY_MILLIS)) > 0) {
            throw new IllegalArgumentException("a fault's " + name + " is zero to " + MAX_DELAY_MILLIS + " ms");
        }
        return value;
    }

    /**
     * The same fault with a {@code Retry-After} header in seconds; only for the faults that answer
     * with their own error status ({@link #status(int)}, {@link #htmlErrorPage(int)}).
     *
     * @param value the wait, whole seconds
     * @return the fault
     * @throws IllegalStateException for a fault that sends no error status of its own
     */
    public SandboxFault withRetryAfter(Duration value) {
        Objects.requireNonNull(value, "value");
        if (kind != Kind.STATUS && kind != Kind.HTML_ERROR_PAGE) {
            throw new IllegalStateException("Retry-After goes with a fault's own error status");
        }
        return new SandboxFault(kind, status, value, afterProcessing, delay, bytes, contentType);
    }

    /**
     * The same fault, injected after the service has handled the request (its effect stands; the
     * client never sees the answer). Faults that alter the service's answer are always injected
     * after it.
     *
     * @return the fault
     */
    public SandboxFault afterProcessing() {
        return new SandboxFault(kind, status, retryAfter, true, delay, bytes, contentType);
    }

    /**
     * The status the fault answers with instead of the service's: empty for a connection reset
     * and for the faults that keep the service's own status.
     *
     * @return the status
     */
    public Optional<Integer> statusCode() {
        return status == 0 ? Optional.empty() : Optional.of(status);
    }

    /**
     * The {@code Retry-After} sent with the status.
     *
     * @return the wait, if set
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Whether the service handles the request before the fault replaces or alters its answer.
     *
     * @return {@code true} after processing
     */
    public boolean isAfterProcessing() {
        return afterProcessing;
    }

    Kind kind() {
        return kind;
    }

    /** The delay of slow headers, or the interval of a slow body. */
    Duration delay() {
        return delay;
    }

    /** The bytes per interval of a slow body, or the size of an oversized body. */
    long bytes() {
        return bytes;
    }

    /** The content type a wrong-content-type fault sends. */
    String contentType() {
        return contentType;
    }

    @Override
    public String toString() {
        String what;
        switch (kind) {
            case RESET:
                what = "connection reset";
                break;
            case HTML_ERROR_PAGE:
                what = status + " HTML error page";
                break;
            case OVERSIZED_BODY:
                what = "oversized body of " + bytes + " bytes";
                break;
            case SLOW_HEADERS:
                what = "headers delayed " + delay.toMillis() + " ms";
                break;
            case SLOW_BODY:
                what = "body trickled " + bytes + " bytes every " + delay.toMillis() + " ms";
                break;
            case TRUNCATED_BODY:
                what = "truncated body";
                break;
            case RESET_MID_BODY:
                what = "connection reset mid-body";
                break;
            case EMPTY_OK:
                what = "empty 200";
                break;
            case MALFORMED_JSON:
                what = "malformed JSON";
                break;
            case WRONG_CONTENT_TYPE:
                what = "Content-Type " + contentType;
                break;
            default:
                what = String.valueOf(status);
                break;
        }
        return "SandboxFault[" + what
                + (retryAfter == null ? "" : ", Retry-After " + retryAfter.toSeconds() + "s")
                + (afterProcessing && !kind.altersAnswer() ? ", after processing" : "") + "]";
    }
}
