package uk.nhs.sdk.benchmarks;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.http.NhsHeaders;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.identity.pds.PdsClient;
import uk.nhs.sdk.identity.pds.RetrievedPatient;
import uk.nhs.sdk.identity.pds.SearchResult;

/**
 * Decoding PDS responses, without any I/O: the bytes of a response into the SDK's models, against
 * Jackson into a {@code Map} and against HAPI FHIR's R4 JSON parser.
 *
 * <p>Inputs (held in memory, from {@code src/main/resources/pds/}): the official PDS example
 * Patient ({@code Patient.json}, 9,959 bytes) and a 50-entry search Bundle built from the spec's
 * searchset example ({@code PatientSearch50.json}, 329,125 bytes).
 *
 * <ul>
 *   <li>{@link #sdkPatient()} / {@link #sdkBundle()}: exactly what {@code PdsClient.getPatient} and
 *       {@code PdsClient.search} do with a 200 response once it has arrived (content type check,
 *       parse, model, version from the {@code ETag}), on a canned buffered {@code NhsResponse}. The
 *       benchmark reaches PdsClient's package-private decode step ({@code retrieved},
 *       {@code searchResult}) by reflection, so no pipeline, request or transport cost is in it.
 *   <li>{@link #jacksonMapPatient()} / {@link #jacksonMapBundle()}:
 *       {@code ObjectMapper.readValue(bytes, Map.class)} (one mapper).
 *   <li>{@link #hapiPatient()} / {@link #hapiBundle()}: {@code FhirContext.forR4()} built once,
 *       then {@code newJsonParser().parseResource(Patient.class / Bundle.class, bytes)} per call.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class PdsDecodeBenchmark {
    private static final String PATIENT = "/pds/Patient.json";
    private static final String BUNDLE = "/pds/PatientSearch50.json";

    private byte[] patientBytes;
    private byte[] bundleBytes;
    private NhsResponse patientResponse;
    private NhsResponse bundleResponse;
    private NhsNumber nhsNumber;
    private MethodHandle retrieved;
    private MethodHandle searchResult;
    private ObjectMapper mapper;
    private FhirContext fhir;

    /**
     * Creates the benchmark (JMH does this).
     */
    public PdsDecodeBenchmark() {}

    /**
     * Loads the inputs, builds the canned responses, the mapper and HAPI's context, and checks
     * once that each decoder reads them.
     *
     * @throws Exception when an input cannot be read or the SDK's decode step cannot be reached
     */
    @Setup
    public void setUp() throws Exception {
        patientBytes = read(PATIENT);
        bundleBytes = read(BUNDLE);
        NhsHeaders headers = NhsHeaders.of(
                List.of(Map.entry("Content-Type", "application/fhir+json"), Map.entry("ETag", "W/\"2\"")));
        patientResponse = NhsResponse.buffered(200, headers, patientBytes, CallDetails.none());
        bundleResponse = NhsResponse.buffered(200, headers, bundleBytes, CallDetails.none());
        nhsNumber = NhsNumber.parse("9000000009");
        retrieved = handle("retrieved", NhsResponse.class, NhsNumber.class);
        searchResult = handle("searchResult", NhsResponse.class);
        mapper = new ObjectMapper();
        fhir = FhirContext.forR4();
        check();
    }

    private static MethodHandle handle(String name, Class<?>... parameters) throws ReflectiveOperationException {
        Method m = PdsClient.class.getDeclaredMethod(name, parameters);
        m.setAccessible(true);
        return MethodHandles.lookup().unreflect(m);
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = PdsDecodeBenchmark.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is not on the class path");
            }
            return in.readAllBytes();
        }
    }

    private void check() {
        RetrievedPatient p = sdkPatient();
        if (!p.nhsNumber().equals(nhsNumber)
                || p.version() != 2
                || p.patient().names().isEmpty()) {
            throw new IllegalStateException("the SDK did not decode the example Patient");
        }
        if (sdkBundle().matches().size() != 50) {
            throw new IllegalStateException("the SDK did not decode 50 search matches");
        }
        if (!"9000000009".equals(jacksonMapPatient().get("id"))
                || ((List<?>) jacksonMapBundle().get("entry")).size() != 50) {
            throw new IllegalStateException("Jackson did not parse the inputs");
        }
        if (!"9000000009".equals(hapiPatient().getIdElement().getIdPart())
                || hapiBundle().getEntry().size() != 50) {
            throw new IllegalStateException("HAPI did not parse the inputs");
        }
    }

    /**
     * The example Patient into the SDK's model, as {@code PdsClient.getPatient} decodes it.
     *
     * @return the patient with its version
     */
    @Benchmark
    public RetrievedPatient sdkPatient() {
        try {
            return (RetrievedPatient) retrieved.invokeExact(patientResponse, nhsNumber);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The 50-entry search Bundle into the SDK's model, as {@code PdsClient.search} decodes it.
     *
     * @return the matches
     */
    @Benchmark
    public SearchResult sdkBundle() {
        try {
            return (SearchResult) searchResult.invokeExact(bundleResponse);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The example Patient into a {@code Map} with Jackson.
     *
     * @return the map
     */
    @Benchmark
    public Map<?, ?> jacksonMapPatient() {
        return map(patientBytes);
    }

    /**
     * The 50-entry search Bundle into a {@code Map} with Jackson.
     *
     * @return the map
     */
    @Benchmark
    public Map<?, ?> jacksonMapBundle() {
        return map(bundleBytes);
    }

    private Map<?, ?> map(byte[] json) {
        try {
            return mapper.readValue(json, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The example Patient into HAPI FHIR's R4 {@code Patient}.
     *
     * @return the resource
     */
    @Benchmark
    public Patient hapiPatient() {
        return fhir.newJsonParser().parseResource(Patient.class, new ByteArrayInputStream(patientBytes));
    }

    /**
     * The 50-entry search Bundle into HAPI FHIR's R4 {@code Bundle}.
     *
     * @return the resource
     */
    @Benchmark
    public Bundle hapiBundle() {
        return fhir.newJsonParser().parseResource(Bundle.class, new ByteArrayInputStream(bundleBytes));
    }
}
