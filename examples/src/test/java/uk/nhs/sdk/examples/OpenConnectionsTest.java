package uk.nhs.sdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connection counter itself: who ended a connection decides whether a long wait for closes
 * could have hidden a leak.
 */
class OpenConnectionsTest {
    private static final Duration IDLE = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private ServerSocket server;

    @BeforeEach
    void listen() throws Exception {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aServerClosingAConnectionLeftIdleCountsAsALeak() throws Exception {
        try (OpenConnections connections = OpenConnections.install(IDLE);
                Socket client = connect()) {
            assertThat(client.isConnected()).isTrue();
            Socket accepted = server.accept();
            Thread.sleep(IDLE.toMillis() * 2); // the client leaves the connection idle; the server gives up
            accepted.close();
            assertThat(connections.awaitAtMost(0, WAIT)).isZero();
            assertThat(connections.closedIdleByServer()).isEqualTo(1);
        }
    }

    @Test
    void aClientClosingItsIdleConnectionIsNotALeak() throws Exception {
        try (OpenConnections connections = OpenConnections.install(IDLE)) {
            Socket client = connect();
            Socket accepted = server.accept();
            Thread.sleep(IDLE.toMillis() * 2);
            client.close();
            assertThat(connections.awaitAtMost(0, WAIT)).isZero();
            accepted.close();
            assertThat(connections.closedIdleByServer()).isZero();
        }
    }

    @Test
    void aServerClosingRightAfterAnsweringIsNotALeak() throws Exception {
        try (OpenConnections connections = OpenConnections.install(IDLE);
                Socket client = connect()) {
            Thread.sleep(IDLE.toMillis() * 2); // quiet before the request: only the time since the answer counts
            try (Socket accepted = server.accept()) {
                accepted.getOutputStream().write('x');
                accepted.getOutputStream().flush();
            }
            InputStream in = client.getInputStream();
            assertThat(in.read()).isEqualTo('x');
            assertThat(connections.awaitAtMost(0, WAIT)).isZero();
            assertThat(connections.closedIdleByServer()).isZero();
        }
    }

    private Socket connect() throws Exception {
        URI target = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
        Socket s = new Socket(ProxySelector.getDefault().select(target).get(0));
        s.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()), 10_000);
        return s;
    }
}
