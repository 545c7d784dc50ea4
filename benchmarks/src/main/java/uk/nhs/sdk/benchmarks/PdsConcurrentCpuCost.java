package uk.nhs.sdk.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The whole client process's CPU time per PDS get when many threads share one client, for each of
 * {@link PdsGetBenchmark}'s clients, against the same out-of-process {@link PatientServer}; with the
 * CPU split by thread (the calling threads, OkHttp's and okio's background threads, the garbage
 * collector and the JIT), so that work a client does off its calling threads is seen.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar uk.nhs.sdk.benchmarks.PdsConcurrentCpuCost [threads] [seconds] [rounds] [clients]
 * </pre>
 *
 * <p>Each round runs every client for {@code seconds} after a warm-up of the same length; the
 * clients are interleaved so drift in the machine's state hits them alike.
 */
public final class PdsConcurrentCpuCost {
    private PdsConcurrentCpuCost() {}

    /**
     * Runs the measurement and prints, per client and round, gets a second, process CPU per get
     * and the CPU per get of each group of threads.
     *
     * @param args threads (default 16), seconds per run (default 5), rounds (default 3), and
     *     optionally the clients, comma-separated
     * @throws Exception when the server cannot start or a client fails
     */
    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        PdsGetBenchmark b = new PdsGetBenchmark();
        b.setUp();
        Map<String, Supplier<Object>> clients = new LinkedHashMap<>();
        clients.put("okHttpJackson", b::okHttpJackson);
        clients.put("sdkGetPatient", b::sdkGetPatient);
        clients.put("hapiGeneric", b::hapiGeneric);
        clients.put("okHttpBare", b::okHttpBare);
        if (args.length > 3) {
            clients.keySet().retainAll(java.util.Set.of(args[3].split(",")));
        }
        for (int r = 0; r <= rounds; r++) {
            for (Map.Entry<String, Supplier<Object>> e : clients.entrySet()) {
                Result res = run(e.getValue(), threads, seconds);
                if (r == 0) {
                    continue; // warm-up
                }
                StringBuilder line = new StringBuilder();
                line.append(String.format(
                        "%-14s round %d: %,8.0f gets/s  process %6.1f µs/get  gc %5.1f ms/s |",
                        e.getKey(),
                        r,
                        res.gets / (res.wallNanos / 1e9),
                        res.cpuNanos / 1e3 / res.gets,
                        res.gcMillis / (res.wallNanos / 1e9)));
                res.byGroup.forEach((g, ns) -> {
                    double per = ns / 1e3 / res.gets;
                    if (per >= 0.5) {
                        line.append(String.format(" %s=%.1f", g, per));
                    }
                });
                System.out.println(line);
            }
        }
        System.exit(0);
    }

    private record Result(long gets, long wallNanos, long cpuNanos, long gcMillis, Map<String, Long> byGroup) {}

    private static Result run(Supplier<Object> client, int threads, int seconds) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean tmx = ManagementFactory.getThreadMXBean();
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder gets = new LongAdder();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(
                    () -> {
                        try {
                            start.await();
                        } catch (InterruptedException ex) {
                            return;
                        }
                        while (!stop.get()) {
                            client.get();
                            gets.increment();
                        }
                    },
                    "caller-" + i);
            t.start();
            workers.add(t);
        }
        Map<Long, String> names0 = new TreeMap<>();
        Map<Long, Long> cpu0 = snapshot(tmx, names0);
        long gc0 = gcMillis();
        long p0 = os.getProcessCpuTime();
        long w0 = System.nanoTime();
        long g0 = gets.sum();
        start.countDown();
        Thread.sleep(seconds * 1000L);
        long g1 = gets.sum();
        long w1 = System.nanoTime();
        long p1 = os.getProcessCpuTime();
        long gc1 = gcMillis();
        Map<Long, String> names1 = new TreeMap<>();
        Map<Long, Long> cpu1 = snapshot(tmx, names1);
        stop.set(true);
        for (Thread t : workers) {
            t.join();
        }
        Map<String, Long> byGroup = new TreeMap<>();
        cpu1.forEach((id, ns) -> {
            long before = cpu0.getOrDefault(id, 0L);
            String group = names1.get(id).replaceAll("[0-9]+", "#");
            byGroup.merge(group, ns - before, Long::sum);
        });
        long threadsTotal = byGroup.values().stream().mapToLong(Long::longValue).sum();
        byGroup.put("(non-Java threads)", (p1 - p0) - threadsTotal);
        return new Result(g1 - g0, w1 - w0, p1 - p0, gc1 - gc0, byGroup);
    }

    private static Map<Long, Long> snapshot(ThreadMXBean tmx, Map<Long, String> names) {
        Map<Long, Long> cpu = new TreeMap<>();
        for (ThreadInfo info : tmx.getThreadInfo(tmx.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long ns = tmx.getThreadCpuTime(info.getThreadId());
            if (ns >= 0) {
                cpu.put(info.getThreadId(), ns);
                names.put(info.getThreadId(), info.getThreadName());
            }
        }
        return cpu;
    }

    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }
}
