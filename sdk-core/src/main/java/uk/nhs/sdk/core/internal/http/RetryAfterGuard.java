package uk.nhs.sdk.core.internal.http;

import java.io.IOException;
import java.util.List;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Keeps OkHttp from acting on {@code Retry-After} itself. On a 503 whose {@code Retry-After} is
 * {@code 0} OkHttp re-sends the request at once, whatever its idempotency (a bodiless NONE request
 * included), outside the retry step's count, budget and fresh credentials; and on a 408 or 503
 * whose {@code Retry-After} is a number beyond {@code int} it throws a bare
 * {@code NumberFormatException}. This network interceptor moves the header of those two statuses
 * to an internal name, leaving a placeholder OkHttp reads as "wait a long time" (so it neither
 * re-sends nor parses a number), and {@link #restore(Headers)} gives the pipeline the server's
 * values back. Internal.
 */
final class RetryAfterGuard implements Interceptor {
    static final RetryAfterGuard INSTANCE = new RetryAfterGuard();
    private static final String NAME = "Retry-After";
    private static final String MOVED = "X-Nhs-Sdk-Retry-After";

    private RetryAfterGuard() {}

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        int code = response.code();
        if (code != 408 && code != 503) {
            return response;
        }
        List<String> values = response.headers(NAME);
        if (values.isEmpty()) {
            return response;
        }
        Response.Builder b = response.newBuilder().removeHeader(NAME).header(NAME, "-");
        for (String v : values) {
            b.addHeader(MOVED, v);
        }
        return b.build();
    }

    /** The headers as the server sent them: a moved {@code Retry-After} back in place of the placeholder. */
    static Headers restore(Headers h) {
        if (h.get(MOVED) == null) {
            return h;
        }
        Headers.Builder b = h.newBuilder().removeAll(NAME).removeAll(MOVED);
        for (String v : h.values(MOVED)) {
            b.add(NAME, v);
        }
        return b.build();
    }
}
