package uk.nhs.sdk.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.identity.pds.PdsClient;
import uk.nhs.sdk.identity.pds.RetrievedPatient;
import uk.nhs.sdk.micrometer.NhsMetrics;
import uk.nhs.sdk.opentelemetry.NhsTracing;

/**
 * The per-call cost of the SDK's metrics ({@code sdk-micrometer}) and tracing
 * ({@code sdk-opentelemetry}) policies: {@code PdsClient.getPatient} against {@link PatientServer},
 * with neither, with metrics, with tracing and with both ({@link #observability}), in one run.
 *
 * <p>Metrics go to Micrometer's {@code SimpleMeterRegistry}. Tracing uses the OpenTelemetry SDK
 * with every span sampled, a {@code BatchSpanProcessor} and an exporter that counts spans and drops
 * them, so the cost measured is the SDK's policies plus the OpenTelemetry SDK's own span work, not
 * an export. Trace context propagation is off (the default). At the end of each trial the fork
 * prints the spans exported and the calls the server saw.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class PdsObservabilityBenchmark {
    /** Which policies the client has: {@code none}, {@code metrics}, {@code tracing} or {@code both}. */
    @Param({"none", "metrics", "tracing", "both"})
    public String observability;

    private PatientServer server;
    private PdsClient pds;
    private NhsNumber nhsNumber;
    private SdkTracerProvider tracerProvider;
    private final LongAdder exported = new LongAdder();

    /**
     * Creates the benchmark (JMH does this).
     */
    public PdsObservabilityBenchmark() {}

    /**
     * Starts the server and builds the client with the policies of this trial.
     *
     * @throws IOException when the server cannot start
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        server = PatientServer.start();
        NhsClientOptions.Builder options = NhsClientOptions.builder();
        if (observability.equals("metrics") || observability.equals("both")) {
            NhsMetrics.of(new SimpleMeterRegistry()).applyTo(options);
        }
        if (observability.equals("tracing") || observability.equals("both")) {
            tracerProvider = SdkTracerProvider.builder()
                    .addSpanProcessor(BatchSpanProcessor.builder(new CountingExporter(exported))
                            .build())
                    .build();
            OpenTelemetry otel =
                    OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();
            NhsTracing.of(otel).applyTo(options);
        }
        pds = PdsClient.builder()
                .baseUrl(URI.create(server.origin() + PatientServer.BASE_PATH))
                .options(options.build())
                .build();
        nhsNumber = NhsNumber.parse(PdsGetBenchmark.NHS_NUMBER);
        if (!getPatient().nhsNumber().equals(nhsNumber)) {
            throw new IllegalStateException("the SDK did not decode the example");
        }
        server.resetCounts();
    }

    /**
     * {@code PdsClient.getPatient} with this trial's policies.
     *
     * @return the patient
     */
    @Benchmark
    public RetrievedPatient getPatient() {
        return pds.getPatient(nhsNumber);
    }

    /**
     * Prints what was exported and what the server saw, then stops everything.
     */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (tracerProvider != null) {
            tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
            tracerProvider.close();
        }
        System.out.printf(
                "%nobservability=%s: %d spans exported; server: %s%n", observability, exported.sum(), server.counts());
        pds.close();
        server.close();
    }

    /** Counts the spans it is given and drops them. */
    private static final class CountingExporter implements SpanExporter {
        private final LongAdder count;

        CountingExporter(LongAdder count) {
            this.count = count;
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            count.add(spans.size());
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
