package uk.nhs.sdk.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.identity.pds.PdsClient;
import uk.nhs.sdk.micrometer.NhsMetrics;
import uk.nhs.sdk.opentelemetry.NhsTracing;

/**
 * The CPU time the calling thread spends per {@code PdsClient.getPatient} with neither, metrics,
 * tracing or both policies, against {@link PatientServer}: a figure that, unlike wall time, holds
 * on a machine shared with other work (a synchronous OkHttp call does its I/O and decoding on the
 * calling thread; the server's threads are not counted). Rounds interleave the four clients so
 * drift in the machine's state hits them alike; each round makes {@code calls} gets per client
 * after a warm-up of the same size. It also prints the bytes each get allocates on that thread.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar uk.nhs.sdk.benchmarks.ObservabilityCpuCost [calls] [rounds]
 * </pre>
 */
public final class ObservabilityCpuCost {
    private ObservabilityCpuCost() {}

    /**
     * Runs the measurement and prints one line per client and round, then the medians.
     *
     * @param args the calls per round (default 20,000) and the rounds (default 5)
     * @throws Exception when the server cannot start
     */
    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean alloc = (com.sun.management.ThreadMXBean) threads;
        try (PatientServer server = PatientServer.start()) {
            SdkTracerProvider tracer = SdkTracerProvider.builder()
                    .addSpanProcessor(
                            BatchSpanProcessor.builder(SpanExporter.composite()).build())
                    .build();
            OpenTelemetry otel =
                    OpenTelemetrySdk.builder().setTracerProvider(tracer).build();
            Map<String, PdsClient> clients = new LinkedHashMap<>();
            URI base = URI.create(server.origin() + PatientServer.BASE_PATH);
            clients.put("none", PdsClient.builder().baseUrl(base).build());
            clients.put(
                    "metrics",
                    PdsClient.builder()
                            .baseUrl(base)
                            .options(NhsMetrics.of(new SimpleMeterRegistry())
                                    .applyTo(NhsClientOptions.builder())
                                    .build())
                            .build());
            clients.put(
                    "tracing",
                    PdsClient.builder()
                            .baseUrl(base)
                            .options(NhsTracing.of(otel)
                                    .applyTo(NhsClientOptions.builder())
                                    .build())
                            .build());
            clients.put(
                    "both",
                    PdsClient.builder()
                            .baseUrl(base)
                            .options(NhsTracing.of(otel)
                                    .applyTo(NhsMetrics.of(new SimpleMeterRegistry())
                                            .applyTo(NhsClientOptions.builder()))
                                    .build())
                            .build());
            NhsNumber n = NhsNumber.parse(PdsGetBenchmark.NHS_NUMBER);
            Map<String, List<Double>> cpu = new LinkedHashMap<>();
            Map<String, List<Double>> bytes = new LinkedHashMap<>();
            for (String k : clients.keySet()) {
                cpu.put(k, new ArrayList<>());
                bytes.put(k, new ArrayList<>());
            }
            for (int r = 0; r < rounds; r++) {
                for (Map.Entry<String, PdsClient> e : clients.entrySet()) {
                    for (int i = 0; i < calls; i++) {
                        e.getValue().getPatient(n);
                    }
                    long tid = Thread.currentThread().getId();
                    long c0 = threads.getCurrentThreadCpuTime();
                    long a0 = alloc.getThreadAllocatedBytes(tid);
                    for (int i = 0; i < calls; i++) {
                        e.getValue().getPatient(n);
                    }
                    double us = (threads.getCurrentThreadCpuTime() - c0) / 1000.0 / calls;
                    double b = (double) (alloc.getThreadAllocatedBytes(tid) - a0) / calls;
                    cpu.get(e.getKey()).add(us);
                    bytes.get(e.getKey()).add(b);
                    System.out.printf("round %d %-8s %8.1f us CPU/get %9.0f B/get%n", r + 1, e.getKey(), us, b);
                }
            }
            double base0 = median(cpu.get("none"));
            System.out.println();
            for (String k : clients.keySet()) {
                double m = median(cpu.get(k));
                System.out.printf(
                        "median %-8s %8.1f us CPU/get (%+.1f us, %+.1f%%) %9.0f B/get%n",
                        k, m, m - base0, (m / base0 - 1) * 100, median(bytes.get(k)));
            }
            for (PdsClient c : clients.values()) {
                c.close();
            }
            tracer.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
