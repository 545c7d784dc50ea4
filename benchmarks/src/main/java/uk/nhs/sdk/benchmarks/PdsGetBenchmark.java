package uk.nhs.sdk.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.identity.pds.PdsClient;
import uk.nhs.sdk.identity.pds.RetrievedPatient;

/**
 * The cost of one PDS read ({@code GET /Patient/{id}}) through the SDK's {@link PdsClient},
 * against the bare transport underneath it: the same GET with a plain OkHttp client, with and
 * without a Jackson parse of the body.
 *
 * <p>Each trial starts one loopback server (the JDK's {@code com.sun.net.httpserver.HttpServer},
 * {@value #SERVER_THREADS} threads, bound to 127.0.0.1 on a free port) that answers every
 * {@code GET .../Patient/{id}} with the official PDS "retrieve patient" example (9,959 bytes, held
 * in memory), {@code ETag: W/"2"} and {@code Content-Type: application/fhir+json}, with
 * {@code TCP_NODELAY} on (system property {@code sun.net.httpserver.nodelay}). Every benchmark
 * uses the same server, so the difference between their scores is the client side's cost.
 *
 * <ul>
 *   <li>{@link #sdkGetPatient()}: a shared {@code PdsClient} built with the base URL only (no auth,
 *       default options), {@code getPatient(9000000009)}.
 *   <li>{@link #okHttpBare()}: a shared {@code OkHttpClient}, the GET and the body read as bytes.
 *   <li>{@link #okHttpJackson()}: the same, then {@code ObjectMapper.readValue(bytes, Map.class)}.
 * </ul>
 *
 * <p>Run it at 1 and at 16 threads ({@code -t 1}, {@code -t 16}), as the module's README shows.
 * At the end of each trial the fork prints how many requests and connections the server saw.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class PdsGetBenchmark {
    /** The server's worker threads. */
    public static final int SERVER_THREADS = 32;
    /** The NHS number asked for (the sandbox's full patient, and the example's id). */
    public static final String NHS_NUMBER = "9000000009";
    private static final String BASE_PATH = "/personal-demographics/FHIR/R4";
    private static final String PATIENT_PATH = BASE_PATH + "/Patient/";
    private static final String EXAMPLE = "/pds/Patient.json";

    static {
        // The JDK server writes the headers and the body in two segments; without TCP_NODELAY,
        // Nagle holds the body until the client's delayed ACK (about 40 ms) of the headers.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private byte[] body;
    private HttpServer server;
    private ExecutorService serverThreads;
    private final LongAdder requests = new LongAdder();
    private final Set<SocketAddress> connections = ConcurrentHashMap.newKeySet();

    private PdsClient pds;
    private NhsNumber nhsNumber;
    private OkHttpClient okHttp;
    private Request request;
    private ObjectMapper mapper;

    /**
     * Creates the benchmark (JMH does this).
     */
    public PdsGetBenchmark() {
    }

    /**
     * Starts the server, builds the clients and checks once that each of them gets the patient.
     *
     * @throws IOException when the example cannot be read or the server cannot start
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        try (InputStream in = PdsGetBenchmark.class.getResourceAsStream(EXAMPLE)) {
            if (in == null) {
                throw new IOException("missing resource " + EXAMPLE);
            }
            body = in.readAllBytes();
        }
        serverThreads = Executors.newFixedThreadPool(SERVER_THREADS);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(serverThreads);
        server.createContext(BASE_PATH, this::handle);
        server.start();
        String origin = "http://127.0.0.1:" + server.getAddress().getPort();

        pds = PdsClient.builder().baseUrl(URI.create(origin + BASE_PATH)).build();
        nhsNumber = NhsNumber.parse(NHS_NUMBER);

        // Sized so that 16 threads never close a pooled connection: the floor of the transport's cost.
        okHttp = new OkHttpClient.Builder().connectionPool(new ConnectionPool(SERVER_THREADS, 5, TimeUnit.MINUTES))
                .build();
        request = new Request.Builder().url(origin + PATIENT_PATH + NHS_NUMBER).get().build();
        mapper = new ObjectMapper();

        check();
        requests.reset();
        connections.clear();
    }

    private void check() throws IOException {
        RetrievedPatient p = sdkGetPatient();
        if (!p.nhsNumber().equals(nhsNumber) || p.version() != 2) {
            throw new IllegalStateException("the SDK did not decode the example (NHS number or version differ)");
        }
        if (okHttpBare().length != body.length) {
            throw new IllegalStateException("OkHttp read " + okHttpBare().length + " bytes, not " + body.length);
        }
        if (!NHS_NUMBER.equals(okHttpJackson().get("id"))) {
            throw new IllegalStateException("Jackson did not parse the example's id");
        }
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

    /**
     * {@code PdsClient.getPatient}: the SDK's whole pipeline, the GET and the decoded patient.
     *
     * @return the patient with its version
     */
    @Benchmark
    public RetrievedPatient sdkGetPatient() {
        return pds.getPatient(nhsNumber);
    }

    /**
     * The same GET with a plain OkHttp client, the body read as bytes.
     *
     * @return the body
     */
    @Benchmark
    public byte[] okHttpBare() {
        try (Response response = okHttp.newCall(request).execute()) {
            ResponseBody b = response.body();
            if (!response.isSuccessful() || b == null) {
                throw new IllegalStateException("status " + response.code());
            }
            return b.bytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The same GET with a plain OkHttp client, the body parsed by Jackson into a map.
     *
     * @return the parsed body
     */
    @Benchmark
    public Map<?, ?> okHttpJackson() {
        try {
            return mapper.readValue(okHttpBare(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Prints what the server saw in the trial, then stops the clients and the server.
     *
     * @throws Exception when the SDK client fails to close
     */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        System.out.printf("%nserver: %d requests on %d connections%n", requests.sum(), connections.size());
        Object client = pds;
        if (client instanceof AutoCloseable closeable) {
            closeable.close();
        }
        okHttp.dispatcher().executorService().shutdown();
        okHttp.connectionPool().evictAll();
        server.stop(0);
        serverThreads.shutdownNow();
    }
}
