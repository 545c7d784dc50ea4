package uk.nhs.sdk.core.http;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A call as a {@link PipelinePolicy} sees it: the logical request, the headers to be sent, the
 * attempt number, the deadline, and attributes that policies share for the length of the call.
 *
 * <p>Headers set by a per-call policy are sent on every attempt; headers set by a per-attempt
 * policy only on that attempt. Not thread-safe: a call runs on one thread.
 */
public interface PipelineCall {
    /**
     * The service called, such as {@code PDS}.
     *
     * @return the service name
     */
    String service();

    /**
     * The logical request: method, path template, idempotency, request id. Its path and query
     * values can hold patient data: record {@link NhsRequest#pathTemplate()}, never the values.
     *
     * @return the request
     */
    NhsRequest request();

    /**
     * The scheme of the server called.
     *
     * @return {@code https}, or {@code http} for a loopback fake
     */
    String serverScheme();

    /**
     * The host of the server called (the base URL's host; never a path or query value).
     *
     * @return the host name or IP literal
     */
    String serverAddress();

    /**
     * The port of the server called.
     *
     * @return the port, the scheme's default when the base URL gives none
     */
    int serverPort();

    /**
     * The attempt number.
     *
     * @return 0 in a per-call policy before the first attempt, then 1, 2, ... (in a per-call
     *     policy after {@link PipelineNext#process()} returns, the number of attempts made)
     */
    int attempt();

    /**
     * When the call must end, retries and waits included.
     *
     * @return the deadline
     */
    Instant deadline();

    /**
     * The first value of a header to be sent.
     *
     * @param name the name, any case
     * @return the value, if set
     */
    Optional<String> header(String name);

    /**
     * The headers to be sent so far, in order (credentials are added by the auth step and are
     * visible to per-attempt policies: never record them).
     *
     * @return an unmodifiable snapshot of name/value pairs
     */
    List<Map.Entry<String, String>> headers();

    /**
     * Sets a header, replacing any of the same name (any case).
     *
     * @param name the name, an HTTP token
     * @param value the value: visible ASCII and spaces, at most 8,192 characters
     * @throws uk.nhs.sdk.core.error.NhsValidationException when the name or value cannot be sent
     *     (a CR or LF, a control or non-ASCII character); the message never quotes the value
     */
    void setHeader(String name, String value);

    /**
     * A value a policy stored for this call.
     *
     * @param key the key
     * @return the value, if stored
     */
    Optional<Object> attribute(String key);

    /**
     * Stores a value for the rest of this call (for example a span a per-attempt policy parents
     * its own span on).
     *
     * @param key the key
     * @param value the value
     */
    void setAttribute(String key, Object value);
}
