package uk.nhs.sdk.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.testing.RecordingSleeper;

/**
 * A write that must not be sent twice never goes out on a pooled connection: a server that closes
 * an idle keep-alive connection just as the client writes on it would leave the write's outcome
 * unknown (and a MESH message to reconcile) though the server never acted on it.
 */
class StalePooledConnectionTest {
    private ServerSocket server;
    private Thread acceptor;
    /** Per connection, in order: the request lines it carried; a connection's 2nd request is dropped. */
    private final List<List<String>> connections = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "stale-connection-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        acceptor.join(5000);
    }

    /**
     * Answers each connection's first request (keep-alive), then reads its second and closes the
     * connection without an answer: the race of a server closing an idle connection.
     */
    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                List<String> lines = new CopyOnWriteArrayList<>();
                connections.add(lines);
                Thread t = new Thread(() -> answer(s, lines), "stale-connection-handler");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                // closed: the end
            }
        }
    }

    private static void answer(Socket socket, List<String> lines) {
        try (Socket s = socket) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = s.getOutputStream();
            for (int n = 0; n < 2; n++) {
                String line = in.readLine();
                if (line == null) {
                    break;
                }
                lines.add(line);
                int length = 0;
                for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
                    if (h.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(h.substring(15).trim());
                    }
                }
                for (int i = 0; i < length; i++) {
                    in.read();
                }
                if (n == 0) {
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    @Test
    void aNoneWriteAfterAnotherCallOpensAConnectionOfItsOwnAndSucceeds() {
        try (NhsHttpClient client = NhsHttpClient.builder()
                .serviceName("TEST")
                .baseUrl(URI.create("http://127.0.0.1:" + server.getLocalPort()))
                .options(NhsClientOptions.builder()
                        .sleeper(new RecordingSleeper())
                        .circuitBreaker(CircuitBreakerOptions.disabled())
                        .build())
                .build()) {
            client.execute(NhsRequest.builder("GET", "/warm-up").build()).close();

            try (NhsResponse r = client.execute(NhsRequest.builder("POST", "/outbox")
                    .idempotency(Idempotency.NONE)
                    .body(NhsRequestBody.ofString("message", "application/octet-stream"))
                    .build())) {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.attempts()).isEqualTo(1);
            }
        }
        assertThat(connections)
                .as("the write went out once, first on its own connection")
                .containsExactly(List.of("GET /warm-up HTTP/1.1"), List.of("POST /outbox HTTP/1.1"));
    }

    @Test
    void aKeyedWriteStillReusesThePooledConnection() {
        try (NhsHttpClient client = NhsHttpClient.builder()
                .serviceName("TEST")
                .baseUrl(URI.create("http://127.0.0.1:" + server.getLocalPort()))
                .options(NhsClientOptions.builder()
                        .sleeper(new RecordingSleeper())
                        .circuitBreaker(CircuitBreakerOptions.disabled())
                        .build())
                .replayOnConnectionFailure(false)
                .build()) {
            client.execute(NhsRequest.builder("GET", "/warm-up").build()).close();

            try (NhsResponse r = client.execute(NhsRequest.builder("POST", "/chunk")
                    .idempotency(Idempotency.KEYED)
                    .body(NhsRequestBody.ofString("chunk", "application/octet-stream"))
                    .build())) {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.attempts())
                        .as("the pooled connection's failure, then a retry")
                        .isEqualTo(2);
            }
        }
        assertThat(connections.get(0)).containsExactly("GET /warm-up HTTP/1.1", "POST /chunk HTTP/1.1");
        assertThat(Collections.unmodifiableList(connections)).hasSize(2);
    }
}
