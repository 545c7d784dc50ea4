package uk.nhs.sdk.examples;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts the TCP connections the clients made in this JVM hold open: a SOCKS5 proxy on loopback,
 * installed as the default {@link ProxySelector} (which the SDK's transports use when their
 * options name none), so every connection a client opens after {@link #install()} passes through
 * it. A connection counts as open until either end closes it. Close it to restore the previous
 * selector.
 *
 * <p>A server may itself close a connection a client forgot (Jetty's idle timeout, 30 s by
 * default): so that a long wait for closes cannot hide such a leak, a connection the server ended
 * after it had been idle for {@link #IDLE_CLOSE} counts in {@link #closedIdleByServer()}. A server
 * that ends a connection right after answering ({@code Connection: close}) does not count.
 *
 * <p>Tests that use it run one at a time (the default selector is JVM-wide).
 */
public final class OpenConnections implements AutoCloseable {
    /**
     * How long a connection must have been quiet before a close by the server counts as the
     * server tidying up after a client (well above a {@code Connection: close} answer's end,
     * well below Jetty's 30 s idle timeout).
     */
    public static final Duration IDLE_CLOSE = Duration.ofSeconds(10);

    private final ServerSocket server;
    private final long idleCloseNanos;
    private final AtomicInteger closedIdleByServer = new AtomicInteger();
    private final ProxySelector previous;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger opened = new AtomicInteger();

    private OpenConnections(Duration idleClose) throws IOException {
        this.idleCloseNanos = idleClose.toNanos();
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.previous = ProxySelector.getDefault();
        Thread acceptor = new Thread(this::accept, "open-connections-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        Proxy socks = new Proxy(Proxy.Type.SOCKS, server.getLocalSocketAddress());
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                String scheme = uri.getScheme();
                return List.of(
                        "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme) ? socks : Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
        });
    }

    /**
     * Starts the proxy and makes it the default proxy selector.
     *
     * @return the counter; close it when done
     * @throws IOException when the proxy cannot listen
     */
    public static OpenConnections install() throws IOException {
        return install(IDLE_CLOSE);
    }

    /**
     * Starts the proxy with another idle threshold (for the counter's own tests).
     *
     * @param idleClose how long a connection must be quiet for a server's close to count
     * @return the counter; close it when done
     * @throws IOException when the proxy cannot listen
     */
    static OpenConnections install(Duration idleClose) throws IOException {
        return new OpenConnections(idleClose);
    }

    /**
     * How many connections went through the proxy since it was installed.
     *
     * @return the count
     */
    public int opened() {
        return opened.get();
    }

    /**
     * Waits until at most {@code max} connections are open, or the timeout passes: a client that
     * closes its connection pool closes its sockets at once, but the proxy sees the end a moment
     * later.
     *
     * @param max the most that may stay open
     * @param timeout how long to wait
     * @return the connections open when the wait ended
     * @throws InterruptedException when interrupted
     */
    public int awaitAtMost(int max, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (open.size() > max && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return open.size();
    }

    /**
     * How many connections the server, not the client, ended after they had been idle for the
     * threshold: connections a client left open until the server gave up on them.
     *
     * @return the count
     */
    public int closedIdleByServer() {
        return closedIdleByServer.get();
    }

    @Override
    public void close() throws IOException {
        ProxySelector.setDefault(previous);
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> serve(client), "open-connections-serve");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** SOCKS5, no authentication, CONNECT only (RFC 1928), then relays both ways. */
    private void serve(Socket client) {
        try (client) {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            if (in.readUnsignedByte() != 5) {
                return;
            }
            in.readFully(new byte[in.readUnsignedByte()]);
            out.write(new byte[] {5, 0});
            byte[] head = new byte[4];
            in.readFully(head);
            String host;
            switch (head[3]) {
                case 1:
                    byte[] v4 = new byte[4];
                    in.readFully(v4);
                    host = InetAddress.getByAddress(v4).getHostAddress();
                    break;
                case 3:
                    byte[] name = new byte[in.readUnsignedByte()];
                    in.readFully(name);
                    host = new String(name, StandardCharsets.US_ASCII);
                    break;
                case 4:
                    byte[] v6 = new byte[16];
                    in.readFully(v6);
                    host = InetAddress.getByAddress(v6).getHostAddress();
                    break;
                default:
                    return;
            }
            int port = in.readUnsignedShort();
            try (Socket upstream = new Socket(Proxy.NO_PROXY)) {
                upstream.connect(new InetSocketAddress(host, port), 5000);
                out.write(new byte[] {5, 0, 0, 1, 0, 0, 0, 0, 0, 0});
                out.flush();
                opened.incrementAndGet();
                Traffic traffic = new Traffic();
                open.add(client);
                try {
                    Thread back = new Thread(() -> relay(upstream, client, traffic, false), "open-connections-relay");
                    back.setDaemon(true);
                    back.start();
                    relay(client, upstream, traffic, true);
                    back.join();
                } finally {
                    if (traffic.serverEndedIdle(idleCloseNanos)) {
                        closedIdleByServer.incrementAndGet();
                    }
                    open.remove(client);
                }
            }
        } catch (IOException e) {
            // the connection ended
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** When a connection last carried bytes, and which side ended it first. */
    private static final class Traffic {
        private volatile long last = System.nanoTime();
        private final AtomicReference<Boolean> endedByClient = new AtomicReference<>();
        private volatile long quietAtEnd;

        void moved() {
            last = System.nanoTime();
        }

        void ended(boolean byClient) {
            long quiet = System.nanoTime() - last;
            if (endedByClient.compareAndSet(null, byClient)) {
                quietAtEnd = quiet;
            }
        }

        boolean serverEndedIdle(long idleNanos) {
            return Boolean.FALSE.equals(endedByClient.get()) && quietAtEnd >= idleNanos;
        }
    }

    /**
     * Copies one direction until it ends, notes which side ended first, then closes both sockets
     * so the other direction ends too.
     */
    private static void relay(Socket from, Socket to, Traffic traffic, boolean fromClient) {
        byte[] buf = new byte[16 * 1024];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                traffic.moved();
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            traffic.ended(fromClient);
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
