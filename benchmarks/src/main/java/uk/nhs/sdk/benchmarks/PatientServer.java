package uk.nhs.sdk.benchmarks;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * The loopback server the PDS benchmarks share: the JDK's {@code com.sun.net.httpserver.HttpServer},
 * {@value #SERVER_THREADS} worker threads, bound to 127.0.0.1 on a free port, answering every
 * {@code GET /personal-demographics/FHIR/R4/Patient/{id}} with the official PDS "retrieve patient"
 * example (9,959 bytes, held in memory), {@code ETag: W/"2"} and
 * {@code Content-Type: application/fhir+json}, echoing {@code X-Request-ID} and
 * {@code X-Correlation-ID}, with {@code TCP_NODELAY} on. It counts requests and client
 * connections.
 */
public final class PatientServer implements AutoCloseable {
    /** The server's worker threads. */
    public static final int SERVER_THREADS = 32;
    /** The FHIR base path of the PDS API. */
    public static final String BASE_PATH = "/personal-demographics/FHIR/R4";
    private static final String PATIENT_PATH = BASE_PATH + "/Patient/";
    private static final String EXAMPLE = "/pds/Patient.json";

    static {
        // The JDK server writes the headers and the body in two segments; without TCP_NODELAY,
        // Nagle holds the body until the client's delayed ACK (about 40 ms) of the headers.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final byte[] body;
    private final HttpServer server;
    private final ExecutorService threads;
    private final LongAdder requests = new LongAdder();
    private final Set<SocketAddress> connections = ConcurrentHashMap.newKeySet();

    private PatientServer(byte[] body, HttpServer server, ExecutorService threads) {
        this.body = body;
        this.server = server;
        this.threads = threads;
    }

    /**
     * Starts a server.
     *
     * @return the running server
     * @throws IOException when the example cannot be read or the server cannot start
     */
    public static PatientServer start() throws IOException {
        byte[] body;
        try (InputStream in = PatientServer.class.getResourceAsStream(EXAMPLE)) {
            if (in == null) {
                throw new IOException("missing resource " + EXAMPLE);
            }
            body = in.readAllBytes();
        }
        ExecutorService threads = Executors.newFixedThreadPool(SERVER_THREADS);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(threads);
        PatientServer s = new PatientServer(body, server, threads);
        server.createContext(BASE_PATH, s::handle);
        server.start();
        return s;
    }

    /**
     * The server's origin.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * The example's size.
     *
     * @return the body's length in bytes
     */
    public int bodyLength() {
        return body.length;
    }

    /** Forgets the requests and connections counted so far. */
    public void resetCounts() {
        requests.reset();
        connections.clear();
    }

    /**
     * What the server saw since the last reset.
     *
     * @return {@code N requests on M connections}
     */
    public String counts() {
        return requests.sum() + " requests on " + connections.size() + " connections";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.increment();
            connections.add(exchange.getRemoteAddress());
            exchange.getRequestBody().close();
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod()) || !path.startsWith(PATIENT_PATH)
                    || path.indexOf('/', PATIENT_PATH.length()) >= 0) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            Headers in = exchange.getRequestHeaders();
            Headers out = exchange.getResponseHeaders();
            out.set("Content-Type", "application/fhir+json");
            out.set("ETag", "W/\"2\"");
            echo(in, out, "X-Request-ID");
            echo(in, out, "X-Correlation-ID");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        }
    }

    private static void echo(Headers in, Headers out, String name) {
        String value = in.getFirst(name);
        if (value != null) {
            out.set(name, value);
        }
    }

    /** Stops the server and its threads. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
