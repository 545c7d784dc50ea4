package uk.nhs.sdk.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.RetryOptions;

/**
 * A large upload (a MESH chunk) that keeps moving is bounded by the call's deadline, not by the
 * attempt timeout meant for small calls; a stall is still caught by the write timeout. A real
 * server reading slowly is the thing under test, so this test takes about four seconds;
 * the attempt timeout leaves room for the socket buffers the server drains after the last write.
 */
class LargeUploadTest {
    private static final int SIZE = 32 * 1024 * 1024;
    private HttpServer server;
    private final AtomicLong received = new AtomicLong();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/upload", exchange -> {
            byte[] buf = new byte[256 * 1024];
            try (InputStream in = exchange.getRequestBody()) {
                int n;
                long sinceNap = 0;
                while ((n = in.read(buf)) != -1) {
                    received.addAndGet(n);
                    sinceNap += n;
                    if (sinceNap >= buf.length) {
                        sinceNap = 0;
                        Thread.sleep(30); // about 8 MiB/s: the upload takes about four seconds
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aLargeUploadThatKeepsMovingMayTakeLongerThanTheAttemptTimeout() {
        NhsHttpClient client = NhsHttpClient.builder()
                .serviceName("T")
                .baseUrl(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .options(NhsClientOptions.builder()
                        .attemptTimeout(Duration.ofMillis(2500))
                        .deadline(Duration.ofSeconds(20))
                        .retry(RetryOptions.none())
                        .circuitBreaker(CircuitBreakerOptions.disabled())
                        .build())
                .build();
        NhsRequest upload = NhsRequest.builder("POST", "/upload")
                .idempotency(Idempotency.KEYED)
                .body(NhsRequestBody.ofBytes(new byte[SIZE], "application/octet-stream"))
                .build();

        try (NhsResponse r = client.execute(upload)) {
            assertThat(r.status()).isEqualTo(202);
        }
        assertThat(received).hasValue(SIZE);
    }
}
