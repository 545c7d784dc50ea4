package uk.nhs.sdk.core.internal.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsTimeoutException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.http.Idempotency;
import uk.nhs.sdk.core.http.NhsHeaders;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsRequestBody;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.core.http.PipelineCall;
import uk.nhs.sdk.core.http.PipelineNext;
import uk.nhs.sdk.core.http.PipelinePolicy;

/**
 * The last step: one attempt on the wire through OkHttp. It bounds what it reads (a success body
 * up to {@link NhsClientOptions#maxResponseBytes()}, an error body's first
 * {@link NhsClientOptions#maxErrorBodyBytes()} bytes), bounds a streamed body by the call's
 * deadline, records whether any byte was sent, and reports an attempt with no response as
 * {@link NhsTransportException} or {@link NhsTimeoutException}. Internal.
 */
final class TransportStep implements PipelinePolicy {
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
    /** A request body larger than this is bounded by the deadline, not the attempt timeout. */
    static final long BULK_BODY_BYTES = 1024 * 1024;

    private static final RequestBody EMPTY = RequestBody.create(new byte[0], null);

    private final OkHttpClient client;
    private final OkHttpClient clientNoReplay;
    /**
     * For writes that must not be sent twice: no replay, and a connection of their own, opened for
     * the request and closed after it, never one from the pool (a pooled connection the server
     * closed while idle fails only once the request is written, which leaves its outcome unknown).
     */
    private final OkHttpClient clientFresh;

    private final NhsClientOptions options;

    TransportStep(OkHttpClient client, NhsClientOptions options) {
        this.client = client;
        this.clientNoReplay = client.retryOnConnectionFailure()
                ? client.newBuilder().retryOnConnectionFailure(false).build()
                : client;
        this.clientFresh = clientNoReplay
                .newBuilder()
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .build();
        this.options = options;
    }

    @Override
    public NhsResponse process(PipelineCall c, PipelineNext next) {
        CallState call = (CallState) c;
        NhsRequest request = call.request();
        Duration remaining = call.remaining();
        if (remaining.isNegative() || remaining.isZero()) {
            throw call.transportFailed(
                    new NhsTimeoutException("the call's deadline passed", call.details(), false, null, null),
                    "the call's deadline passed",
                    false);
        }
        Request.Builder rb = new Request.Builder().url(call.url());
        // straight into the request's own header builder: the call's headers are already one per
        // name (CallState.setHeader replaces case-insensitively), so add needs no set's scan, and
        // no intermediate Headers is built and copied again by Request.Builder.headers
        for (Map.Entry<String, String> h : call.attemptHeaders()) {
            rb.addHeader(h.getKey(), h.getValue());
        }
        NhsRequestBody body = request.body().orElse(null);
        rb.method(
                request.method(),
                body != null ? okBody(body, call) : BODY_METHODS.contains(request.method()) ? EMPTY : null);
        rb.tag(CallState.class, call);
        boolean oneShot = request.idempotency() == Idempotency.NONE
                || request.body().map(b -> !b.replayable()).orElse(false);
        okhttp3.Call okCall = (request.idempotency() == Idempotency.NONE
                        ? clientFresh
                        : oneShot ? clientNoReplay : client)
                .newCall(rb.build());
        // A streamed response, or a large or unsized request body (a MESH chunk), is bounded by the
        // call's deadline as a whole; its stalls by the read and write timeouts (the attempt
        // timeout). Anything else must finish within the attempt timeout.
        boolean bulk = request.streamingResponse()
                || request.body()
                        .map(b -> b.contentLength() < 0 || b.contentLength() > BULK_BODY_BYTES)
                        .orElse(false);
        Duration limit =
                bulk || remaining.compareTo(options.attemptTimeout()) < 0 ? remaining : options.attemptTimeout();
        // at least 1 ms: okio reads a timeout of 0 as "none", which would let a call with less than
        // a millisecond left run on for the whole attempt timeout
        okCall.timeout().timeout(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
        Response response = null;
        try {
            response = okCall.execute();
            NhsResponse result = read(call, response, okCall);
            if (result.status() / 100 == 2 && request.streamingResponse()) {
                response = null; // the caller closes it
            }
            return result;
        } catch (IOException e) {
            boolean interrupted = Thread.currentThread().isInterrupted();
            boolean timeout = e instanceof InterruptedIOException && !interrupted;
            String reason = interrupted
                    ? "interrupted"
                    : timeout
                            ? "the attempt timed out"
                            : "the connection failed (" + e.getClass().getSimpleName() + ")";
            boolean unknown = call.attemptSent() && request.idempotency() != Idempotency.SAFE;
            IOException cause = SafeCause.of(e);
            NhsTransportException failure = timeout
                    ? new NhsTimeoutException(
                            reason,
                            call.details(),
                            unknown,
                            request.reconcileId().orElse(null),
                            cause)
                    : new NhsTransportException(
                            reason,
                            call.details(),
                            unknown,
                            request.reconcileId().orElse(null),
                            cause);
            throw call.transportFailed(failure, reason, interrupted);
        } finally {
            if (response != null) {
                response.close();
            }
        }
    }

    private NhsResponse read(CallState call, Response response, okhttp3.Call okCall) throws IOException {
        int status = response.code();
        NhsHeaders headers = headers(RetryAfterGuard.restore(response.headers()));
        ResponseBody body = response.body();
        if (status / 100 != 2) {
            byte[] prefix = prefix(body, options.maxErrorBodyBytes());
            if (prefix.length == options.maxErrorBodyBytes()) {
                okCall.cancel(); // more may follow: drop the connection rather than drain the rest
            }
            return NhsResponse.buffered(status, headers, prefix, call.details());
        }
        if (call.request().streamingResponse()) {
            // OkHttp 5 gives every response a body (an empty one when the server sent none)
            return NhsResponse.streaming(
                    status, headers, new DeadlineInputStream(body.byteStream(), call), call.details());
        }
        long max = options.maxResponseBytes();
        long declared = body.contentLength();
        if (declared > max) {
            okCall.cancel(); // drop the connection rather than drain the rest
            throw tooLarge(call, max);
        }
        // a declared length is read into one array of that size; EOFException if the body is cut
        byte[] bytes = declared >= 0 ? body.source().readByteArray(declared) : BoundedRead.upTo(body.byteStream(), max);
        if (bytes == null) {
            okCall.cancel();
            throw tooLarge(call, max);
        }
        return NhsResponse.buffered(status, headers, bytes, call.details());
    }

    private static NhsDecodeException tooLarge(CallState call, long max) {
        return new NhsDecodeException(
                "the response body is larger than the client's limit of " + max
                        + " bytes (NhsClientOptions.maxResponseBytes)",
                call.details(),
                null);
    }

    private static byte[] prefix(ResponseBody body, int max) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        return BoundedRead.prefix(body.byteStream(), max);
    }

    private static NhsHeaders headers(Headers h) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>(h.size());
        for (int i = 0; i < h.size(); i++) {
            pairs.add(Map.entry(h.name(i), h.value(i)));
        }
        return NhsHeaders.of(pairs);
    }

    private static RequestBody okBody(NhsRequestBody body, CallState call) {
        MediaType type = MediaType.parse(body.contentType());
        boolean oneShot = call.request().idempotency() == Idempotency.NONE || !body.replayable();
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
                call.markBodyWritten();
                body.writeTo(sink.outputStream());
            }
        };
    }
}
