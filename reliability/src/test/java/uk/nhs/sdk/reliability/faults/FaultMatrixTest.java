package uk.nhs.sdk.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.http.Idempotency;
import uk.nhs.sdk.reliability.PrivacyAudit;
import uk.nhs.sdk.reliability.ReliabilityReport;
import uk.nhs.sdk.testkit.NhsSandbox;

/**
 * The fault matrix: every client operation against the testkit's fakes under each of the issue's
 * sixteen faults, injected into the operation's next request only. Each cell ends in success
 * after retrying or in a typed {@link NhsSdkException}; a raw exception, a hang, a write sent
 * twice when it must not be, or a write applied twice fails the test. The outcomes are the
 * document's "fault-matrix" section.
 */
class FaultMatrixTest {
    /**
     * The real per-attempt (and connect) timeout of the client under test in the slow-headers and
     * slow-body cells: short, as they wait it out, yet far more than an answer of the fakes takes
     * on a busy machine (so the attempt after the slow one never times out).
     */
    static final Duration SLOW_ATTEMPT_TIMEOUT = Duration.ofMillis(800);
    /** The attempt timeout of every other cell: no answer of the fakes comes near it. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    /** How late slow headers are: more than twice the attempt timeout. */
    static final Duration SLOW_HEADERS = Duration.ofMillis(2000);
    /** The interval of a slow body's pieces: more than the attempt timeout. */
    static final Duration SLOW_BODY_INTERVAL = Duration.ofMillis(1500);
    /** The size of a slow body's pieces: most answers come in one or two (the server's thread is held meanwhile). */
    static final int SLOW_BODY_PIECE = 8192;
    /** The client's cap on a buffered body; the oversized body is twice it. */
    static final long MAX_RESPONSE_BYTES = 256 * 1024;
    /** Real time after which a cell is a hang (its deadline, in the injected clock, is 2 minutes). */
    private static final Duration HANG = Duration.ofSeconds(40);

    /** The options every client under test starts from (each cell adds its clock, sleeper and counter). */
    static NhsClientOptions baseOptions() {
        return NhsClientOptions.builder()
                .maxResponseBytes(MAX_RESPONSE_BYTES)
                .applicationId("fault-matrix")
                .build();
    }

    /** What one cell ended in. */
    private record Outcome(String result, int attempts, String failure) {
        String cell() {
            return result + " (" + attempts + ")";
        }
    }

    static List<MatrixRow> rows() {
        List<MatrixRow> rows = new ArrayList<>();
        rows.addAll(PdsRows.rows());
        rows.addAll(MeshRows.rows());
        rows.addAll(RecordsRows.rows());
        rows.addAll(NotifyRows.rows());
        rows.addAll(IdentityRows.rows());
        return rows;
    }

    @Test
    void everyOperationUnderEveryFaultEndsInSuccessOrItsTypedException() throws Exception {
        PdsRows.forbidPatientData();
        // two groups of rows, each against its own sandbox, run side by side: the slow cells
        // wait out real timeouts
        List<List<MatrixRow>> groups = List.of(
                concat(PdsRows.rows(), MeshRows.rows(), RecordsRows.rows().subList(0, 3)),
                concat(RecordsRows.rows().subList(3, 5), NotifyRows.rows(), IdentityRows.rows()));
        ExecutorService runners = Executors.newFixedThreadPool(groups.size(), daemon("fault-matrix-group"));
        Map<MatrixRow, Map<MatrixFault, Outcome>> outcomes = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        try {
            List<Future<Map<MatrixRow, Map<MatrixFault, Outcome>>>> running = new ArrayList<>();
            for (List<MatrixRow> group : groups) {
                running.add(runners.submit(() -> runGroup(group)));
            }
            for (Future<Map<MatrixRow, Map<MatrixFault, Outcome>>> f : running) {
                outcomes.putAll(f.get());
            }
        } finally {
            runners.shutdownNow();
        }
        outcomes.forEach((row, line) -> line.forEach((fault, o) -> {
            if (o.failure() != null) {
                failures.add(row.family() + " " + row.name() + " × " + fault.label() + ": " + o.failure());
            }
        }));
        assertThat(outcomes.keySet().stream().map(r -> r.family() + " " + r.name()))
                .as("every row ran, in order")
                .containsExactlyElementsOf(
                        rows().stream().map(r -> r.family() + " " + r.name()).toList());
        String md = markdown(outcomes);
        if (!failures.isEmpty()) {
            System.out.println(md);
        }
        assertThat(failures).as("cells that ended badly").isEmpty();
        ReliabilityReport.table("fault-matrix", md);
    }

    @SafeVarargs
    private static List<MatrixRow> concat(List<MatrixRow>... parts) {
        List<MatrixRow> all = new ArrayList<>();
        for (List<MatrixRow> p : parts) {
            all.addAll(p);
        }
        return all;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** The rows of a group, one after another, against a sandbox of their own. */
    private static Map<MatrixRow, Map<MatrixFault, Outcome>> runGroup(List<MatrixRow> rows) throws Exception {
        Map<MatrixRow, Map<MatrixFault, Outcome>> outcomes = new LinkedHashMap<>();
        ExecutorService cells = Executors.newSingleThreadExecutor(daemon("fault-matrix-cell"));
        try (NhsSandbox sandbox = NhsSandbox.start()) {
            for (MatrixRow row : rows) {
                sandbox.reset();
                RowFixtures fixtures = new RowFixtures(sandbox);
                Map<MatrixFault, Outcome> line = new LinkedHashMap<>();
                for (MatrixFault fault : MatrixFault.values()) {
                    line.put(fault, run(cells, sandbox, row, fault, fixtures));
                }
                outcomes.put(row, line);
            }
        } finally {
            cells.shutdownNow();
        }
        return outcomes;
    }

    private static Outcome run(
            ExecutorService cells, NhsSandbox sandbox, MatrixRow row, MatrixFault fault, RowFixtures fixtures)
            throws InterruptedException {
        try (Cell cell = new Cell(sandbox, row, fault, fixtures)) {
            Future<?> f = cells.submit(() -> {
                row.action().run(cell);
                return null;
            });
            String result;
            String failure = null;
            try {
                f.get(HANG.toMillis(), TimeUnit.MILLISECONDS);
                result = "ok" + cell.note().map(n -> ", " + n).orElse("");
            } catch (TimeoutException e) {
                f.cancel(true);
                return new Outcome("hang", cell.attempts(), "no outcome after " + HANG.toSeconds() + " s");
            } catch (ExecutionException e) {
                Throwable t = e.getCause();
                if (t instanceof NhsSdkException) {
                    PrivacyAudit.check(t);
                    if (t instanceof NhsTransportException && ((NhsTransportException) t).outcomeUnknown()) {
                        result = ((NhsTransportException) t).reconcileId().isPresent()
                                ? "outcome unknown, reconcile id"
                                : "outcome unknown";
                    } else {
                        result = t.getClass().getSimpleName();
                    }
                } else {
                    if (!(t instanceof AssertionError)) {
                        PrivacyAudit.check(t);
                    }
                    result = t.getClass().getSimpleName();
                    failure = "ended in " + t; // a raw exception, or a failed check of the effect
                }
            }
            int attempts = cell.attempts();
            if (failure == null && !cell.armed()) {
                failure = "the operation failed before its faulted request: " + result;
            }
            if (fault != MatrixFault.CONNECTION_REFUSED && sandbox.faults().pending() != 0) {
                sandbox.faults().clear();
                failure = "the fault never met its request (" + result + ")";
            }
            if (failure == null && attempts == 0) {
                failure = "the faulted request was never attempted";
            }
            if (failure == null
                    && row.idempotency() == Idempotency.NONE
                    && fault != MatrixFault.CONNECTION_REFUSED
                    && attempts > 1
                    && !notApplied(row, fault)) {
                failure = "a write that is not idempotent was sent " + attempts + " times";
            }
            return new Outcome(result, attempts, failure);
        }
    }

    /** Whether the fault is a status the row's service documents as "not applied". */
    private static boolean notApplied(MatrixRow row, MatrixFault fault) {
        return fault.fault() != null
                && !fault.fault().isAfterProcessing()
                && fault.fault().statusCode().filter(row.notApplied()::contains).isPresent();
    }

    private static String markdown(Map<MatrixRow, Map<MatrixFault, Outcome>> outcomes) {
        StringBuilder md = new StringBuilder();
        md.append("""
                Each cell: what the operation ended in, and in brackets how many attempts of the faulted request
                the server received (its fake's own count; for a refused connection, which no server sees, the
                SDK's attempts). `ok`: the call succeeded, after retrying when there were 2 attempts or more;
                `ok, already accepted`: the retry found the first attempt's message (Notify de-duplicates on
                `messageReference`); `ok, body replaced`: the call succeeded with the body the fault put in the
                message's place (MESH gives the recipient no length or checksum it verifies). `outcome unknown`:
                a write that may have arrived and got no answer is not sent again and ends in
                `NhsTransportException` with `outcomeUnknown()` (`, reconcile id`: and the id to look it up by,
                such as MESH's `mex-LocalID`). Otherwise the typed exception the call ended in,
                all under `NhsSdkException`. In brackets after each operation, how it is retried: SAFE (a read),
                KEYED (de-duplicated by a key), NONE (never sent twice once it may have arrived).

                The fault hits the operation's next request only. A refused connection: the server's port
                closes as that request starts (connections the client holds are reset, new ones refused) and
                opens again before the retry.
                """)
                .append("Slow headers come ")
                .append(SLOW_HEADERS.toMillis())
                .append(" ms late and a slow body's pieces every ")
                .append(SLOW_BODY_INTERVAL.toMillis())
                .append(" ms, against an attempt timeout of ")
                .append(SLOW_ATTEMPT_TIMEOUT.toMillis())
                .append(" ms;\nthe oversized body is twice the client's ")
                .append(MAX_RESPONSE_BYTES / 1024)
                .append(" KiB cap; 429 with `Retry-After` asks for 1 s; the HTML error page\n")
                .append("is a gateway's 502. At most 3 attempts; waits on an injected clock.\n");
        Map<String, List<MatrixRow>> families = new LinkedHashMap<>();
        outcomes.keySet()
                .forEach(r -> families.computeIfAbsent(r.family(), k -> new ArrayList<>())
                        .add(r));
        int cells = 0;
        for (Map.Entry<String, List<MatrixRow>> family : families.entrySet()) {
            md.append("\n### ").append(family.getKey()).append("\n\n| fault |");
            for (MatrixRow r : family.getValue()) {
                md.append(' ')
                        .append(r.name())
                        .append(" (")
                        .append(r.idempotency().name())
                        .append(") |");
            }
            md.append("\n|---|");
            family.getValue().forEach(r -> md.append("---|"));
            md.append('\n');
            for (MatrixFault fault : MatrixFault.values()) {
                md.append("| ").append(fault.label()).append(" |");
                for (MatrixRow r : family.getValue()) {
                    md.append(' ').append(outcomes.get(r).get(fault).cell()).append(" |");
                    cells++;
                }
                md.append('\n');
            }
        }
        md.append("\n")
                .append(outcomes.size())
                .append(" operations × ")
                .append(MatrixFault.values().length)
                .append(" faults = ")
                .append(cells)
                .append(" cells.\n");
        return md.toString();
    }
}
