package uk.nhs.sdk.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import uk.nhs.sdk.core.http.NhsHttpClient;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsResponse;

/**
 * The calling thread's CPU time and allocation per PDS get, for each of {@link PdsGetBenchmark}'s
 * clients, against the same out-of-process {@link PatientServer}: figures that, unlike wall time,
 * hold on a machine shared with other work (a synchronous call does its I/O and decoding on the
 * calling thread; the server runs in another JVM and is not counted). Besides the benchmark's four
 * clients, {@code sdkPipeline} is the SDK's HTTP pipeline alone: an {@link NhsHttpClient} with the
 * default options making the same GET and returning the body's bytes, so the pipeline's own cost is
 * told apart from the Patient's decoding. Rounds interleave the clients so drift in the machine's
 * state hits them alike; each round makes {@code calls} gets per client after a warm-up of the same
 * size.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar uk.nhs.sdk.benchmarks.PdsGetCpuCost [calls] [rounds] [clients]
 * </pre>
 *
 * <p>{@code clients} is a comma-separated subset (for a profile of one client), by default all.
 */
public final class PdsGetCpuCost {
    private PdsGetCpuCost() {}

    /**
     * Runs the measurement and prints one line per client and round, then the medians.
     *
     * @param args the calls per round (default 5,000), the rounds (default 5), and optionally the
     *     clients to run, comma-separated
     * @throws Exception when the server cannot start or a client fails
     */
    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean alloc = (com.sun.management.ThreadMXBean) threads;
        PdsGetBenchmark b = new PdsGetBenchmark();
        b.setUp();
        try (NhsHttpClient http = NhsHttpClient.builder()
                .serviceName("pds")
                .baseUrl(URI.create(b.origin() + PatientServer.BASE_PATH))
                .build()) {
            Map<String, Supplier<Object>> clients = new LinkedHashMap<>();
            clients.put("okHttpBare", b::okHttpBare);
            clients.put("okHttpJackson", b::okHttpJackson);
            clients.put("sdkPipeline", () -> {
                try (NhsResponse r = http.execute(NhsRequest.builder("GET", "/Patient/{id}")
                        .pathParam("id", PdsGetBenchmark.NHS_NUMBER)
                        .build())) {
                    return r.body();
                }
            });
            clients.put("sdkGetPatient", b::sdkGetPatient);
            clients.put("hapiGeneric", b::hapiGeneric);
            if (args.length > 2) {
                clients.keySet().retainAll(java.util.Set.of(args[2].split(",")));
            }
            Map<String, List<Double>> cpu = new LinkedHashMap<>();
            Map<String, List<Double>> bytes = new LinkedHashMap<>();
            for (String k : clients.keySet()) {
                cpu.put(k, new ArrayList<>());
                bytes.put(k, new ArrayList<>());
            }
            Object sink = null;
            for (int r = 0; r < rounds; r++) {
                for (Map.Entry<String, Supplier<Object>> e : clients.entrySet()) {
                    for (int i = 0; i < calls; i++) {
                        sink = e.getValue().get();
                    }
                    long tid = Thread.currentThread().getId();
                    long c0 = threads.getCurrentThreadCpuTime();
                    long a0 = alloc.getThreadAllocatedBytes(tid);
                    for (int i = 0; i < calls; i++) {
                        sink = e.getValue().get();
                    }
                    double us = (threads.getCurrentThreadCpuTime() - c0) / 1000.0 / calls;
                    double by = (double) (alloc.getThreadAllocatedBytes(tid) - a0) / calls;
                    cpu.get(e.getKey()).add(us);
                    bytes.get(e.getKey()).add(by);
                    System.out.printf("round %d %-14s %8.1f us CPU/get %9.0f B/get%n", r + 1, e.getKey(), us, by);
                }
            }
            System.out.println();
            for (String k : clients.keySet()) {
                System.out.printf(
                        "median %-14s %8.1f us CPU/get %9.0f B/get%n", k, median(cpu.get(k)), median(bytes.get(k)));
            }
            if (sink == null) {
                throw new IllegalStateException("no result");
            }
        } finally {
            b.tearDown();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
