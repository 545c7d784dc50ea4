package uk.nhs.sdk.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback port that refuses connections, as a server that is down does, until it is
 * {@link #open() opened}; from then on it relays each connection to a target (the sandbox), byte
 * for byte. It tests what a client does with a refused connection, the one fault that comes
 * before any request and so cannot be a {@link SandboxFault}:
 *
 * <pre>{@code
 * try (ClosedPort port = ClosedPort.relayingTo(sandbox.baseUrl())) {
 *     NhsClientOptions options = NhsClientOptions.builder()
 *             .proxySelector(port.proxySelector())         // every request through the port
 *             .sleeper(wait -> port.open())                // the server is back before the retry
 *             .build();
 *     // or point a client's base URL at port.url(sandbox.pdsBaseUrl())
 * }
 * }</pre>
 *
 * <p>The port is held by a bound socket that does not listen, so the operating system refuses
 * each connection (a TCP {@code RST} to the {@code SYN}: {@link java.net.ConnectException} in
 * the client) and no other process can take the port while it is closed. Used as an HTTP proxy
 * ({@link #proxySelector()}) the relay forwards requests in the proxy's absolute form, which the
 * sandbox answers as it answers any request. Thread-safe; {@link #close()} stops the relay and
 * drops its connections.
 */
public final class ClosedPort implements AutoCloseable {
    private final InetSocketAddress target;
    private Socket placeholder;
    private final int port;
    private final ExecutorService relays = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "nhs-sandbox-closed-port-relay");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger relayed = new AtomicInteger();
    private ServerSocket server;
    private boolean closed;

    private ClosedPort(InetSocketAddress target) throws IOException {
        this.target = target;
        this.placeholder = new Socket();
        placeholder.setReuseAddress(true);
        placeholder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.port = placeholder.getLocalPort();
    }

    /**
     * A closed port that, once opened, relays to the host and port of a URL.
     *
     * @param target a URL of the server to relay to, such as the sandbox's {@link NhsSandbox#baseUrl()}
     * @return the port, closed
     * @throws UncheckedIOException when no loopback port can be bound
     */
    public static ClosedPort relayingTo(URI target) {
        Objects.requireNonNull(target, "target");
        if (target.getHost() == null) {
            throw new IllegalArgumentException("the target URL has no host");
        }
        int targetPort = target.getPort() >= 0 ? target.getPort() : ("https".equals(target.getScheme()) ? 443 : 80);
        try {
            return new ClosedPort(new InetSocketAddress(target.getHost(), targetPort));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port", e);
        }
    }

    /**
     * The loopback port.
     *
     * @return the port number
     */
    public int port() {
        return port;
    }

    /**
     * A URL with this port's host and port and the rest of another, to point a client at.
     *
     * @param url a URL of the target, such as {@code sandbox.pdsBaseUrl()}
     * @return the same scheme, path and query on this port
     */
    public URI url(URI url) {
        Objects.requireNonNull(url, "url");
        try {
            return new URI(
                    url.getScheme(),
                    url.getRawUserInfo(),
                    InetAddress.getLoopbackAddress().getHostAddress(),
                    port,
                    url.getRawPath(),
                    url.getRawQuery(),
                    url.getRawFragment());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot move the URL to this port", e);
        }
    }

    /**
     * A proxy selector that sends every plain HTTP request through this port as an HTTP proxy, so
     * a client keeps its URLs (and everything derived from them, such as an OIDC issuer) while its
     * connections are refused.
     *
     * @return the selector
     */
    public ProxySelector proxySelector() {
        Proxy proxy = new Proxy(Proxy.Type.HTTP, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(proxy);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
                // the refusal is the point
            }
        };
    }

    /**
     * Starts accepting connections on the port and relaying them; does nothing when it is open.
     *
     * @throws UncheckedIOException when the port cannot be listened on
     * @throws IllegalStateException when it was closed
     */
    public synchronized void open() {
        if (closed) {
            throw new IllegalStateException("the port was closed");
        }
        if (server != null) {
            return;
        }
        try {
            placeholder.close();
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            server = s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on the closed port", e);
        }
        ServerSocket s = server;
        relays.execute(() -> accept(s));
    }

    /**
     * Closes the port again: stops listening, drops the connections it relays (a client's pooled
     * connection included) and refuses new ones until {@link #open()}. Does nothing when it is
     * not open.
     *
     * @throws UncheckedIOException when the port cannot be held again
     */
    public synchronized void refuse() {
        if (closed || server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        server = null;
        for (Socket s : sockets) {
            reset(s); // a reset leaves nothing on the port (an orderly close would linger until the client reads)
        }
        IOException failure = null;
        for (int tries = 0; tries < 50; tries++) {
            Socket s = new Socket();
            try {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                placeholder = s;
                return;
            } catch (IOException e) {
                failure = e;
                closeQuietly(s);
                try {
                    wait(10); // lets go of this port's lock while the kernel frees the port
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new UncheckedIOException("cannot hold the port again", failure);
    }

    private void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException e) {
            // closed already
        }
        closeQuietly(s);
    }

    /**
     * Whether the port accepts connections.
     *
     * @return {@code true} once {@link #open()} was called, until {@link #close()}
     */
    public synchronized boolean isOpen() {
        return server != null && !closed;
    }

    /**
     * How many connections the port accepted and relayed since it was opened.
     *
     * @return the count
     */
    public int connectionsRelayed() {
        return relayed.get();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            Socket client;
            try {
                client = s.accept();
            } catch (IOException e) {
                return; // closed
            }
            relayed.incrementAndGet();
            sockets.add(client);
            Socket upstream = new Socket();
            sockets.add(upstream);
            try {
                upstream.connect(target, 5_000);
                AtomicInteger directions = new AtomicInteger(2);
                relays.execute(() -> pump(client, upstream, directions));
                relays.execute(() -> pump(upstream, client, directions));
            } catch (IOException | RuntimeException e) {
                closeQuietly(client);
                closeQuietly(upstream);
            }
        }
    }

    /**
     * Copies one direction; at its end, ends the other side's output (and closes both once both
     * directions ended), or drops both on a failure.
     */
    private void pump(Socket from, Socket to, AtomicInteger directions) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
            if (directions.decrementAndGet() == 0) {
                closeQuietly(from);
                closeQuietly(to);
            }
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket s) {
        sockets.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /**
     * Stops listening, drops every relayed connection and frees the port.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            placeholder.close();
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        relays.shutdownNow();
    }

    @Override
    public String toString() {
        return "ClosedPort[" + port + (isOpen() ? ", open" : ", refusing") + "]";
    }
}
