package uk.nhs.sdk.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The calling thread's CPU time and allocation per decode for each of {@link PdsDecodeBenchmark}'s
 * six workloads: figures that, unlike wall time, hold on a machine shared with other work. Rounds
 * interleave the workloads so drift in the machine's state hits them alike; each round runs
 * {@code calls} decodes of the Patient (a 25th as many of the 50-entry Bundle) per workload
 * after a warm-up of the same size; the medians of the rounds' SDK / Jackson and SDK / HAPI ratios
 * and the medians over the rounds are printed last.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar uk.nhs.sdk.benchmarks.DecodeCpuCost [calls] [rounds] [Patient|Bundle]
 * </pre>
 */
public final class DecodeCpuCost {
    private static volatile Object sink;

    private DecodeCpuCost() {}

    /**
     * Runs the measurement and prints one line per workload and round, then the medians.
     *
     * @param args the decodes per round (default 20,000), the rounds (default 5) and, optionally,
     *     {@code Patient} or {@code Bundle} to run only that input's workloads
     * @throws Exception when the benchmark's set-up fails
     */
    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        PdsDecodeBenchmark b = new PdsDecodeBenchmark();
        b.setUp();
        Map<String, Supplier<Object>> work = new LinkedHashMap<>();
        work.put("sdkPatient", b::sdkPatient);
        work.put("jacksonMapPatient", b::jacksonMapPatient);
        work.put("hapiPatient", b::hapiPatient);
        work.put("sdkBundle", b::sdkBundle);
        work.put("jacksonMapBundle", b::jacksonMapBundle);
        work.put("hapiBundle", b::hapiBundle);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        if (args.length > 2) {
            // one JVM per input keeps the other workloads' type profiles out of the JIT's code
            work.keySet().removeIf(k -> !k.endsWith(args[2]));
        }
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, Supplier<Object>> w : work.entrySet()) {
                int n = w.getKey().endsWith("Bundle") ? Math.max(1, calls / 25) : calls;
                run(w.getValue(), n);
                long cpu0 = mx.getCurrentThreadCpuTime();
                long alloc0 = mx.getThreadAllocatedBytes(thread);
                run(w.getValue(), n);
                double cpuUs = (mx.getCurrentThreadCpuTime() - cpu0) / 1_000.0 / n;
                double bytes = (double) (mx.getThreadAllocatedBytes(thread) - alloc0) / n;
                results.computeIfAbsent(w.getKey(), k -> new ArrayList<>()).add(new double[] {cpuUs, bytes});
                System.out.printf("round %d %-18s %10.2f us CPU/op %12.0f B/op%n", round, w.getKey(), cpuUs, bytes);
            }
        }
        for (String input : new String[] {"Patient", "Bundle"}) {
            for (String other : new String[] {"jacksonMap", "hapi"}) {
                if (!results.containsKey("sdk" + input) || !results.containsKey(other + input)) {
                    continue;
                }
                List<double[]> ratios = new ArrayList<>();
                for (int i = 0; i < rounds; i++) {
                    ratios.add(new double[] {
                        results.get("sdk" + input).get(i)[0]
                                / results.get(other + input).get(i)[0]
                    });
                }
                System.out.printf(
                        "sdk%s / %s%s CPU, median of the rounds' ratios: %.2f%n",
                        input, other, input, median(ratios, 0));
            }
        }
        System.out.println("median over " + rounds + " rounds:");
        for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
            System.out.printf(
                    "%-18s %10.2f us CPU/op %12.0f B/op%n",
                    e.getKey(), median(e.getValue(), 0), median(e.getValue(), 1));
        }
    }

    private static void run(Supplier<Object> w, int n) {
        for (int i = 0; i < n; i++) {
            sink = w.get();
        }
    }

    private static double median(List<double[]> rows, int column) {
        double[] v = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v[v.length / 2];
    }
}
