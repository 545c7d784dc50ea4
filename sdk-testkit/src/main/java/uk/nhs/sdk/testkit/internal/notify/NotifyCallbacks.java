package uk.nhs.sdk.testkit.internal.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.testkit.internal.Json;

/**
 * Delivers signed callbacks to the endpoint a test registered, as NHS Notify does: one POST per
 * item, {@code Content-Type: application/vnd.api+json}, the pre-agreed key in {@code x-api-key}
 * and the hex HMAC-SHA256 of the raw body, keyed with {@code APPLICATION_ID.API_KEY}, in
 * {@code x-hmac-sha256-signature}.
 *
 * <p>Never blocks the caller: POSTs are made one at a time, in order, on one daemon thread (which
 * ends when idle) from a queue of at most {@value #QUEUE} bodies; more are dropped and counted.
 * Each POST times out after five seconds; answers are counted, not retried. {@link #stop()} cancels
 * the POST in flight, so the thread ends at once.
 */
final class NotifyCallbacks {
    static final int QUEUE = 10_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Where callbacks go and how they are signed. */
    record Target(URI url, String applicationId, Secret apiKey, Secret xApiKey) {
        /**
         * Checks what the sender needs, so a bad target is refused here and not on the sender's
         * thread at every callback.
         *
         * @throws NhsValidationException for a URL that is not absolute http(s) with a host, or an
         *     {@code x-api-key} that cannot be a header value
         */
        Target {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(applicationId, "applicationId");
            Objects.requireNonNull(apiKey, "apiKey");
            Objects.requireNonNull(xApiKey, "xApiKey");
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
                throw new NhsValidationException("url", "must be an absolute http or https URL with a host");
            }
            try {
                HttpRequest.newBuilder(url).header("x-api-key", xApiKey.reveal());
            } catch (IllegalArgumentException e) {
                throw new NhsValidationException("xApiKey", "is not a valid header value");
            }
        }
    }

    /** One client for every sender in the JVM: a client per registration would leave a selector thread each. */
    private static final class Http {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private final Target target;
    private final boolean duplicate;
    private final boolean outOfOrder;
    private final ThreadPoolExecutor executor;
    private final HttpClient http;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** The POST being made, cancelled by {@link #stop()} (an interrupt alone may not end the wait). */
    private volatile CompletableFuture<?> inFlight;

    NotifyCallbacks(Target target, boolean duplicate, boolean outOfOrder) {
        this.target = target;
        this.duplicate = duplicate;
        this.outOfOrder = outOfOrder;
        this.executor = new ThreadPoolExecutor(
                1,
                1,
                1,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE),
                r -> {
                    Thread t = new Thread(r, "nhs-sandbox-notify-callbacks");
                    t.setDaemon(true);
                    return t;
                },
                (r, e) -> dropped.incrementAndGet());
        executor.allowCoreThreadTimeOut(true);
        this.http = Http.CLIENT;
    }

    /**
     * Queues the callbacks for some status changes: in order, reversed when out-of-order delivery
     * was asked for, and each twice when duplicates were.
     *
     * @param items the callback items, in the order the changes happened
     */
    void deliver(List<ObjectNode> items) {
        List<ObjectNode> order = new ArrayList<>(items);
        if (outOfOrder) {
            Collections.reverse(order);
        }
        for (ObjectNode item : order) {
            ObjectNode body = Json.object();
            body.putArray("data").add(item);
            byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
            String signature = sign(bytes);
            int times = duplicate ? 2 : 1;
            for (int i = 0; i < times; i++) {
                executor.execute(() -> post(bytes, signature));
            }
        }
    }

    private void post(byte[] body, String signature) {
        HttpRequest request = HttpRequest.newBuilder(target.url())
                .timeout(TIMEOUT)
                .header("Content-Type", "application/vnd.api+json")
                .header("x-api-key", target.xApiKey().reveal())
                .header("x-hmac-sha256-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        CompletableFuture<HttpResponse<Void>> answer = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        inFlight = answer;
        if (executor.isShutdown()) {
            answer.cancel(true);
        }
        try {
            int status = answer.get().statusCode();
            (status == 202 || status / 100 == 2 ? accepted : refused).incrementAndGet();
        } catch (ExecutionException e) {
            failed.incrementAndGet();
        } catch (InterruptedException e) {
            failed.incrementAndGet();
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failed.incrementAndGet();
        }
    }

    private String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            String key = target.applicationId() + "." + target.apiKey().reveal();
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /**
     * What became of the callbacks so far.
     *
     * @return accepted (2xx), refused (any other status), failed (no answer) and dropped (queue full)
     */
    long[] counts() {
        return new long[] {accepted.get(), refused.get(), failed.get(), dropped.get()};
    }

    /** Stops delivering: queued callbacks are dropped. */
    void stop() {
        executor.shutdownNow();
        CompletableFuture<?> answer = inFlight;
        if (answer != null) {
            answer.cancel(true);
        }
    }
}
