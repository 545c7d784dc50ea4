package uk.nhs.sdk.benchmarks;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The loopback server the PDS benchmarks share: the JDK's {@code com.sun.net.httpserver.HttpServer},
 * {@value #SERVER_THREADS} worker threads, bound to 127.0.0.1 on a free port, answering every
 * {@code GET /personal-demographics/FHIR/R4/Patient/{id}} with the official PDS "retrieve patient"
 * example (9,959 bytes, held in memory), {@code ETag: W/"2"} and
 * {@code Content-Type: application/fhir+json}, echoing {@code X-Request-ID} and
 * {@code X-Correlation-ID}, with {@code TCP_NODELAY} on. It counts requests and client
 * connections, and answers {@value #STATS_PATH} with {@code N requests on M connections}
 * ({@code ?reset} forgets them after answering).
 *
 * <p>{@link #main(String[])} runs it as a process of its own, so that a benchmark's allocation and
 * CPU figures are the client's alone; {@link #startProcess()} starts that process and talks to it.
 */
public final class PatientServer implements AutoCloseable {
    /** The server's worker threads. */
    public static final int SERVER_THREADS = 32;
    /** The FHIR base path of the PDS API. */
    public static final String BASE_PATH = "/personal-demographics/FHIR/R4";

    private static final String PATIENT_PATH = BASE_PATH + "/Patient/";
    private static final String EXAMPLE = "/pds/Patient.json";
    /** The path that answers the counts (not counted itself). */
    public static final String STATS_PATH = "/stats";
    /** The first line {@link #main(String[])} prints: this prefix, then the port. */
    static final String PORT_LINE = "PatientServer port ";

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
        server.createContext(STATS_PATH, s::stats);
        server.start();
        return s;
    }

    /**
     * Runs a server in this process: prints {@code PatientServer port N} on the first line of
     * standard output, serves until standard input ends, then prints the counts and exits.
     *
     * @param args none
     * @throws IOException when the example cannot be read or the server cannot start
     */
    public static void main(String[] args) throws IOException {
        try (PatientServer server = start()) {
            System.out.println(PORT_LINE + server.server.getAddress().getPort());
            System.out.flush();
            InputStream in = System.in;
            while (in.read() >= 0) {
                // serve until the parent closes our standard input (or dies)
            }
            System.out.println("server: " + server.counts());
            System.out.flush();
        }
    }

    /**
     * Starts {@link #main(String[])} in a separate JVM on this JVM's class path.
     *
     * @return the running server process
     * @throws IOException when the process cannot start or does not print its port
     */
    public static Remote startProcess() throws IOException {
        return Remote.start();
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

    private void stats(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().close();
            byte[] text = counts().getBytes(StandardCharsets.UTF_8);
            if ("reset".equals(exchange.getRequestURI().getQuery())) {
                resetCounts();
            }
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, text.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(text);
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.increment();
            connections.add(exchange.getRemoteAddress());
            exchange.getRequestBody().close();
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod())
                    || !path.startsWith(PATIENT_PATH)
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

    /**
     * A {@link PatientServer} running in a JVM of its own (its {@link PatientServer#main(String[])}),
     * started on this JVM's class path with {@code -Xms256m -Xmx256m}. Closing it closes the
     * process's standard input, waits for its last line and stops it.
     */
    public static final class Remote implements AutoCloseable {
        private final Process process;
        private final BufferedReader out;
        private final int port;
        private final int bodyLength;

        private Remote(Process process, BufferedReader out, int port, int bodyLength) {
            this.process = process;
            this.out = out;
            this.port = port;
            this.bodyLength = bodyLength;
        }

        private static Remote start() throws IOException {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(
                            java,
                            "-Xms256m",
                            "-Xmx256m",
                            "-cp",
                            System.getProperty("java.class.path"),
                            PatientServer.class.getName())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith(PORT_LINE)) {
                process.destroyForcibly();
                throw new IOException("the server process printed " + line + " instead of its port");
            }
            int port = Integer.parseInt(line.substring(PORT_LINE.length()).trim());
            int bodyLength;
            try (InputStream in = PatientServer.class.getResourceAsStream(EXAMPLE)) {
                if (in == null) {
                    throw new IOException("missing resource " + EXAMPLE);
                }
                bodyLength = in.readAllBytes().length;
            }
            return new Remote(process, out, port, bodyLength);
        }

        /**
         * The server's origin.
         *
         * @return {@code http://127.0.0.1:<port>}
         */
        public String origin() {
            return "http://127.0.0.1:" + port;
        }

        /**
         * The example's size.
         *
         * @return the body's length in bytes
         */
        public int bodyLength() {
            return bodyLength;
        }

        /**
         * What the server saw since the last reset.
         *
         * @return {@code N requests on M connections}
         * @throws IOException when the server does not answer
         */
        public String counts() throws IOException {
            return stats("");
        }

        /**
         * Forgets the requests and connections counted so far.
         *
         * @throws IOException when the server does not answer
         */
        public void resetCounts() throws IOException {
            stats("?reset");
        }

        private String stats(String query) throws IOException {
            HttpURLConnection c = (HttpURLConnection)
                    URI.create(origin() + STATS_PATH + query).toURL().openConnection();
            try (InputStream in = c.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                c.disconnect();
            }
        }

        /** Closes the process's standard input, so that it prints its counts and exits. */
        @Override
        public void close() throws IOException {
            process.getOutputStream().close();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            out.close();
        }
    }

    /** Stops the server and its threads. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
