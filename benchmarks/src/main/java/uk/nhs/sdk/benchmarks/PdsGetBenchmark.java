package uk.nhs.sdk.benchmarks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.hl7.fhir.r4.model.Patient;
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
 * against the bare transport underneath it (the same GET with a plain OkHttp client, with and
 * without a Jackson parse of the body) and against the Java alternative, HAPI FHIR's generic client.
 *
 * <p>Each trial starts one loopback server in a JVM of its own ({@link PatientServer#startProcess()},
 * so that {@code -prof gc} and the CPU figures count the client's work alone: the JDK's
 * {@code com.sun.net.httpserver.HttpServer},
 * {@value PatientServer#SERVER_THREADS} threads, bound to 127.0.0.1 on a free port) that answers every
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
 *   <li>{@link #hapiGeneric()}: HAPI FHIR's generic client (R4), tuned as a careful user would:
 *       no server validation (no {@code /metadata} call), one shared client, and a pooled Apache
 *       HttpClient ({@value PatientServer#SERVER_THREADS} connections) without the stale-connection
 *       check; {@code read().resource(Patient.class).withId(id).execute()}.
 * </ul>
 *
 * <p>Run it at 1 and at 16 threads ({@code -t 1}, {@code -t 16}), as the module's README shows.
 * At the end of each trial the fork prints how many requests and connections the server saw.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class PdsGetBenchmark {
    /** The NHS number asked for (the sandbox's full patient, and the example's id). */
    public static final String NHS_NUMBER = "9000000009";

    private PatientServer.Remote server;

    private PdsClient pds;
    private NhsNumber nhsNumber;
    private OkHttpClient okHttp;
    private Request request;
    private ObjectMapper mapper;
    private CloseableHttpClient apache;
    private IGenericClient hapi;

    /**
     * Creates the benchmark (JMH does this).
     */
    public PdsGetBenchmark() {}

    /**
     * Starts the server, builds the clients and checks once that each of them gets the patient.
     *
     * @throws IOException when the example cannot be read or the server cannot start
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        server = PatientServer.startProcess();
        String origin = server.origin();

        pds = PdsClient.builder()
                .baseUrl(URI.create(origin + PatientServer.BASE_PATH))
                .build();
        nhsNumber = NhsNumber.parse(NHS_NUMBER);

        // Sized so that 16 threads never close a pooled connection: the floor of the transport's cost.
        okHttp = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(PatientServer.SERVER_THREADS, 5, TimeUnit.MINUTES))
                .build();
        request = new Request.Builder()
                .url(origin + PatientServer.BASE_PATH + "/Patient/" + NHS_NUMBER)
                .get()
                .build();
        mapper = new ObjectMapper();

        FhirContext fhir = FhirContext.forR4();
        IRestfulClientFactory factory = fhir.getRestfulClientFactory();
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager(5, TimeUnit.MINUTES);
        pool.setMaxTotal(PatientServer.SERVER_THREADS);
        pool.setDefaultMaxPerRoute(PatientServer.SERVER_THREADS);
        // RequestConfig.custom() leaves the stale-connection check off (HAPI's own client turns it on,
        // which costs a blocking 1 ms read per request); the pool revalidates only connections idle 2 s.
        RequestConfig config = RequestConfig.custom()
                .setConnectTimeout(10_000)
                .setSocketTimeout(10_000)
                .setConnectionRequestTimeout(10_000)
                .build();
        apache = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(config)
                .disableCookieManagement()
                .build();
        factory.setHttpClient(apache);
        hapi = fhir.newRestfulGenericClient(origin + PatientServer.BASE_PATH);

        check();
        server.resetCounts();
    }

    /**
     * The server's origin, once {@link #setUp()} has run.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public String origin() {
        return server.origin();
    }

    private void check() throws IOException {
        RetrievedPatient p = sdkGetPatient();
        if (!p.nhsNumber().equals(nhsNumber) || p.version() != 2) {
            throw new IllegalStateException("the SDK did not decode the example (NHS number or version differ)");
        }
        if (okHttpBare().length != server.bodyLength()) {
            throw new IllegalStateException(
                    "OkHttp read " + okHttpBare().length + " bytes, not " + server.bodyLength());
        }
        if (!NHS_NUMBER.equals(okHttpJackson().get("id"))) {
            throw new IllegalStateException("Jackson did not parse the example's id");
        }
        Patient h = hapiGeneric();
        if (!NHS_NUMBER.equals(h.getIdElement().getIdPart())
                || !"2".equals(h.getMeta().getVersionId())) {
            throw new IllegalStateException("HAPI did not read the example (id or version differ)");
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
     * The same GET through HAPI FHIR's generic client, the body parsed into HAPI's R4 {@code Patient}.
     *
     * @return the patient
     */
    @Benchmark
    public Patient hapiGeneric() {
        return hapi.read().resource(Patient.class).withId(NHS_NUMBER).execute();
    }

    /**
     * Prints what the server saw in the trial, then stops the clients and the server.
     *
     * @throws Exception when a client or the server process fails to close
     */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        System.out.printf("%nserver: %s%n", server.counts());
        Object client = pds;
        if (client instanceof AutoCloseable closeable) {
            closeable.close();
        }
        okHttp.dispatcher().executorService().shutdown();
        okHttp.connectionPool().evictAll();
        apache.close();
        server.close();
    }
}
