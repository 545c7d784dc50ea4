package uk.nhs.sdk.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.RateLimitOptions;
import uk.nhs.sdk.records.RecordsApi;
import uk.nhs.sdk.records.ods.OdsClient;
import uk.nhs.sdk.records.ods.OdsMirror;
import uk.nhs.sdk.records.ods.OdsRole;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.SandboxOds;

/**
 * A measurement, not a JMH benchmark: loads the embedded ODS fake's generated organisations into
 * an {@link OdsMirror} (a full load), then changes and deletes some in the fake and applies the
 * update, printing the wall time and the heap of each phase.
 *
 * <pre>
 * java -Xmx128m -cp benchmarks/target/benchmarks.jar uk.nhs.sdk.benchmarks.OdsMirrorLoad 10000 200
 * </pre>
 *
 * <p>Arguments: the number of generated organisations (default 10,000; all of them hold one of the
 * three roles mirrored) and the page size (default 200). The fake runs in the same JVM and holds
 * every organisation, so the heap figures are the fake's retained data (printed as the baseline,
 * after a GC) plus what the client and the mirror use on top; the peak above the baseline is the
 * mirror's share, and does not grow with the number of organisations. The client-side rate limit
 * is raised (the default of 16 calls a second would add the waits ODS asks for, not work).
 */
public final class OdsMirrorLoad {
    private OdsMirrorLoad() {}

    /**
     * Runs the measurement.
     *
     * @param args organisations and page size
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int pageSize = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path dir = Files.createTempDirectory("ods-mirror-load-");
        try (NhsSandbox sandbox = NhsSandbox.start();
                OdsClient ods = OdsClient.builder()
                        .baseUrl(sandbox.apiBaseUrl(RecordsApi.ODS.basePath()))
                        .options(NhsClientOptions.builder()
                                .rateLimit(RateLimitOptions.perSecond(100_000, Duration.ZERO))
                                .build())
                        .apiKey(sandbox.application().apiKey())
                        .build()) {
            SandboxOds fake = SandboxOds.of(sandbox);
            fake.generatedOrganisations(count);
            OdsMirror mirror = OdsMirror.builder()
                    .directory(dir)
                    .client(ods)
                    .roles(OdsRole.GP_PRACTICE, OdsRole.PHARMACY, OdsRole.NHS_TRUST_SITE)
                    .pageSize(pageSize)
                    .build();
            System.out.printf(
                    "JVM max heap %d MiB; fake holds %d organisations; page size %d%n",
                    Runtime.getRuntime().maxMemory() >> 20, fake.organisationCount(), pageSize);

            long baseline = baseline();
            long start = System.nanoTime();
            OdsMirror.SyncResult full = mirror.sync();
            report("full load", start, baseline, full);

            LocalDate today = LocalDate.now();
            int changed = count / 20;
            for (int i = 1; i <= changed; i++) {
                fake.rename(OdsCode.of(String.format("Z%05d", i * 20)), "RENAMED ORGANISATION " + i, today);
            }
            int deleted = count / 100;
            for (int i = 1; i <= deleted; i++) {
                fake.delete(OdsCode.of(String.format("Z%05d", i * 100 - 1)), today);
            }
            System.out.printf("changed %d and deleted %d organisations in the fake%n", changed, deleted);
            baseline = baseline();
            start = System.nanoTime();
            OdsMirror.SyncResult update = mirror.sync();
            report("update", start, baseline, update);
            System.out.printf("mirror holds %d organisations%n", mirror.codes().size());
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
    }

    /** Heap used after a GC, with the pools' peaks reset. */
    private static long baseline() {
        System.gc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
        return heapPools().stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    private static void report(String phase, long startNanos, long baseline, OdsMirror.SyncResult r) {
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        long peak =
                heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf(
                "%s: %d ms, %d pages, %d written, %d removed; heap baseline %d MiB, peak %d MiB "
                        + "(peak above baseline %d MiB)%n",
                phase,
                millis,
                r.pages(),
                r.written(),
                r.removed(),
                baseline >> 20,
                peak >> 20,
                (peak - baseline) >> 20);
    }
}
