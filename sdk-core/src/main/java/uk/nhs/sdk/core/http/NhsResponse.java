package uk.nhs.sdk.core.http;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.internal.http.SafeCause;
import uk.nhs.sdk.core.internal.json.Json;

/**
 * A successful response: status, headers, body and the call's identifiers.
 *
 * <p>A buffered response holds its body in memory; a streamed one (see
 * {@link NhsRequest#streamingResponse()}) reads from the connection and must be closed.
 */
public final class NhsResponse implements Closeable {
    private final int status;
    private final NhsHeaders headers;
    private final byte[] buffered;
    private final InputStream stream;
    private final CallDetails details;

    private NhsResponse(int status, NhsHeaders headers, byte[] buffered, InputStream stream, CallDetails details) {
        this.status = status;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.buffered = buffered;
        this.stream = stream;
        this.details = Objects.requireNonNull(details, "details");
    }

    /**
     * A response whose body is in memory.
     *
     * @param status the status
     * @param headers the headers
     * @param body the body
     * @param details the call's identifiers
     * @return the response
     */
    public static NhsResponse buffered(int status, NhsHeaders headers, byte[] body, CallDetails details) {
        return new NhsResponse(status, headers, Objects.requireNonNull(body, "body"), null, details);
    }

    /**
     * A response whose body streams from the connection.
     *
     * @param status the status
     * @param headers the headers
     * @param body the body stream; closing the response closes it
     * @param details the call's identifiers
     * @return the response
     */
    public static NhsResponse streaming(int status, NhsHeaders headers, InputStream body, CallDetails details) {
        return new NhsResponse(status, headers, null, Objects.requireNonNull(body, "body"), details);
    }

    /**
     * The HTTP status.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * The headers.
     *
     * @return the headers
     */
    public NhsHeaders headers() {
        return headers;
    }

    /**
     * The first value of a header.
     *
     * @param name the name, any case
     * @return the value, if present
     */
    public Optional<String> header(String name) {
        return headers.first(name);
    }

    /**
     * The body bytes (for a streamed response, reads the rest of the stream).
     *
     * <p>A buffered body is handed over as it is, not copied (a copy per call would double the
     * allocation of every decoded response): the array is the caller's to read. The response keeps
     * it only to answer a later {@code body()}, {@link #bodyString()}, {@link #bodyStream()} or
     * {@link #decodeJson(Class)}, which see any change the caller makes to it.
     *
     * @return the body
     * @throws uk.nhs.sdk.core.error.NhsTransportException when a streamed body fails
     * @throws uk.nhs.sdk.core.error.NhsTimeoutException when a streamed body outlives the call's
     *     deadline
     */
    public byte[] body() {
        if (buffered != null) {
            return buffered;
        }
        try {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new NhsTransportException("reading the response body failed", details, false, null, SafeCause.of(e));
        }
    }

    /**
     * The body as UTF-8 text.
     *
     * @return the text
     */
    public String bodyString() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    /**
     * The body as a stream.
     *
     * @return the stream
     */
    public InputStream bodyStream() {
        return buffered != null ? new ByteArrayInputStream(buffered) : stream;
    }

    /**
     * Decodes the JSON body.
     *
     * @param type the target type
     * @param <T> the target type
     * @return the value
     * @throws NhsDecodeException when the body is not JSON of that shape (with no cause: a
     *     parser's message would quote the body)
     */
    public <T> T decodeJson(Class<T> type) {
        try {
            return Json.read(body(), type);
        } catch (IOException | UncheckedIOException e) {
            // no cause: a JSON parser's message quotes the body, which can hold patient data
            throw new NhsDecodeException(
                    "the response body is not a valid " + type.getSimpleName() + " ("
                            + e.getClass().getSimpleName() + ")",
                    details,
                    null);
        }
    }

    /**
     * The call's identifiers.
     *
     * @return the details
     */
    public CallDetails details() {
        return details;
    }

    /**
     * The {@code X-Request-ID} of the call.
     *
     * @return the request id
     */
    public String requestId() {
        return details.requestId().orElse("");
    }

    /**
     * The number of attempts the call took.
     *
     * @return the attempts
     */
    public int attempts() {
        return details.attempts();
    }

    /**
     * Closes a streamed body; nothing for a buffered one.
     */
    @Override
    public void close() {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                // the connection is discarded either way
            }
        }
    }

    @Override
    public String toString() {
        return "NhsResponse[status=" + status + ", " + details + "]";
    }
}
