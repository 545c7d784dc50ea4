package uk.nhs.sdk.messaging.mesh;

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
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.auth.AuthProvider;

/**
 * A download whose connection stalls part-way (no byte within the attempt timeout) is fetched
 * again and resumed, as a reset one is, although the SDK reports the stall as an unchecked
 * {@code NhsTimeoutException}. A real socket timeout is the thing under test, so this test waits
 * for one short attempt timeout; the server is a raw socket so that it can stall mid-body.
 */
class MeshDownloadStallTest {
    private static final String MESSAGE = "0123456789";
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(300);

    private ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::serve, "stalling-mesh");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws IOException {
        release.countDown();
        socket.close();
    }

    /** The first connection sends the headers and half the body, then stalls; later ones send it all. */
    private void serve() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                boolean first = connections.incrementAndGet() == 1;
                Thread t = new Thread(() -> answer(s, first), "stalling-mesh-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(Socket s, boolean first) {
        try (s) {
            BufferedReader r =
                    new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            String line;
            while ((line = r.readLine()) != null && !line.isEmpty()) {
                // the request's headers
            }
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nmex-chunk-range: 1:1\r\nmex-messagetype: DATA\r\n"
                            + "content-type: application/octet-stream\r\ncontent-length: " + MESSAGE.length()
                            + "\r\nconnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write((first ? MESSAGE.substring(0, 5) : MESSAGE).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            if (first) {
                release.await(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aStalledChunkIsFetchedAgainAndTheMessageArrivesWhole() throws IOException {
        try (MeshClient mesh = MeshClient.builder()
                        .baseUrl(URI.create("http://127.0.0.1:" + socket.getLocalPort()))
                        .mailbox("X26ABC1")
                        .auth(AuthProvider.none())
                        .options(NhsClientOptions.builder()
                                .attemptTimeout(ATTEMPT_TIMEOUT)
                                .circuitBreaker(CircuitBreakerOptions.disabled())
                                .build())
                        .build();
                MeshMessage m = mesh.receive("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")) {

            assertThat(new String(m.content().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(MESSAGE);
            assertThat(m.handled()).isTrue();
        }
        assertThat(connections.get()).isEqualTo(2);
    }
}
