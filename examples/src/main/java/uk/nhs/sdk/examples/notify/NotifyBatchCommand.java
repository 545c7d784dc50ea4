package uk.nhs.sdk.examples.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.examples.Output;
import uk.nhs.sdk.examples.UsageException;
import uk.nhs.sdk.messaging.notify.NotifyBatchException;
import uk.nhs.sdk.messaging.notify.NotifyBatchPart;
import uk.nhs.sdk.messaging.notify.NotifyBatchResult;
import uk.nhs.sdk.messaging.notify.NotifyClient;
import uk.nhs.sdk.messaging.notify.NotifyMessage;
import uk.nhs.sdk.messaging.notify.NotifySendResult;

/**
 * {@code nhs notify batch FILE|--generate N}: sends a batch of any size, split by the client into
 * requests within NHS Notify's limits (45,000 messages, 5.2 MB). The messages come from a CSV file
 * whose header is {@code nhsNumber,messageReference} followed by any personalisation fields, or
 * are generated for random test NHS numbers. {@code --measure} prints the wall time and the peak
 * heap of the send on stderr.
 */
@Command(
        name = "batch",
        mixinStandardHelpOptions = true,
        description = "Send a batch of any size, split within NHS Notify's limits (45,000 messages, 5.2 MB a request).")
final class NotifyBatchCommand extends NotifyCommand.NotifySubcommand {
    @Parameters(
            paramLabel = "FILE",
            arity = "0..1",
            description =
                    "CSV: a header nhsNumber,messageReference[,personalisation fields...] then one message a line.")
    Path file;

    @Option(
            names = "--generate",
            paramLabel = "N",
            description = "Instead of FILE, N messages to random test NHS numbers (999...), references <REF>-<i>.")
    Integer generate;

    @Option(
            names = "--routing-plan",
            paramLabel = "UUID",
            defaultValue = NotifyCommand.SANDBOX_PLAN,
            description = "The routing plan of every message (default: the NHS sandbox's ${DEFAULT-VALUE}).")
    String routingPlan;

    @Option(
            names = "--reference",
            paramLabel = "REF",
            description = "Your batch reference; the parts are REF-part-0001, ... (default: a new UUID).")
    String reference;

    @Option(
            names = {"-p", "--personalisation"},
            paramLabel = "NAME=VALUE",
            description = "A personalisation field for every message, repeatable.")
    Map<String, String> personalisation = new LinkedHashMap<>();

    @Option(names = "--ids", description = "Print every message's id (text) or include them (json).")
    boolean ids;

    @Option(names = "--measure", description = "Print the send's wall time and peak heap on stderr.")
    boolean measure;

    private UUID plan;
    private String batchReference;
    private List<NotifyMessage> messages;

    @Override
    void prepare() {
        try {
            plan = UUID.fromString(routingPlan);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--routing-plan must be a UUID");
        }
        batchReference = reference != null ? reference : UUID.randomUUID().toString();
        if ((file == null) == (generate == null)) {
            throw new UsageException("give either FILE or --generate N");
        }
        messages = generate != null ? generated(generate) : fromFile(file);
    }

    private List<NotifyMessage> generated(int n) {
        if (n < 1 || n > 10_000_000) {
            throw new UsageException("--generate must be 1 to 10,000,000");
        }
        Random random = new Random(n);
        List<NotifyMessage> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            NotifyMessage.Builder b = NotifyMessage.builder(NhsNumber.randomTestNumber(random))
                    .routingPlanId(plan)
                    .messageReference(batchReference + "-" + i);
            personalisation.forEach(b::personalisation);
            out.add(b.build());
        }
        return out;
    }

    private List<NotifyMessage> fromFile(Path csv) {
        List<NotifyMessage> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.strip().startsWith("nhsNumber,messageReference")) {
                throw new UsageException("FILE must start with the header nhsNumber,messageReference");
            }
            String[] fields = header.strip().split(",", -1);
            String line;
            int n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] values = line.split(",", -1);
                if (values.length != fields.length) {
                    throw new UsageException(
                            "FILE line " + n + " has " + values.length + " values, the header " + fields.length);
                }
                NotifyMessage.Builder b = NotifyMessage.builder(NhsNumber.parse(values[0].strip()))
                        .routingPlanId(plan)
                        .messageReference(values[1].strip());
                personalisation.forEach(b::personalisation);
                for (int i = 2; i < fields.length; i++) {
                    b.personalisation(fields[i].strip(), values[i]);
                }
                out.add(b.build());
            }
        } catch (IOException e) {
            throw new UsageException("FILE cannot be read");
        }
        if (out.isEmpty()) {
            throw new UsageException("FILE holds no messages");
        }
        return out;
    }

    @Override
    int run(NotifyClient client, Output out) {
        long baseline = measure ? settle() : 0;
        long start = System.nanoTime();
        NotifyBatchResult result;
        try {
            result = client.sendBatch(plan, batchReference, messages);
        } catch (NotifyBatchException e) {
            out.text("the batch failed at part " + e.failedPart().number() + " ("
                    + e.failure().getMessage() + ")");
            e.acceptedParts().forEach(p -> out.text("  accepted: " + describe(p)));
            out.text("  failed:   " + describe(e.failedPart()));
            e.unsentParts().forEach(p -> out.text("  not sent: " + describe(p)));
            out.text("finish it with the same arguments once the cause is fixed: NHS Notify refuses a part twice, so "
                    + "accepted parts are not sent again");
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("batchReference", batchReference);
            json.put("failedPart", e.failedPart().number());
            json.put(
                    "acceptedParts",
                    e.acceptedParts().stream().map(NotifyBatchCommand::json).toList());
            json.put(
                    "unsentParts",
                    e.unsentParts().stream().map(NotifyBatchCommand::json).toList());
            out.jsonValue(json);
            return 1;
        }
        long elapsed = System.nanoTime() - start;
        out.text("sent " + result.results().size() + " messages as "
                + result.parts().size() + " part" + (result.parts().size() == 1 ? "" : "s") + " of batch "
                + batchReference);
        result.parts().forEach(p -> out.text("  " + describe(p)));
        if (ids) {
            result.results()
                    .forEach(r ->
                            out.text(r.messageReference() + " " + r.messageId().orElse("?")));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("batchReference", batchReference);
        json.put("messages", result.results().size());
        json.put("parts", result.parts().stream().map(NotifyBatchCommand::json).toList());
        if (ids) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (NotifySendResult r : result.results()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("messageReference", r.messageReference());
                r.messageId().ifPresent(id -> m.put("messageId", id));
                list.add(m);
            }
            json.put("results", list);
        }
        out.jsonValue(json);
        if (measure) {
            printMeasurement(elapsed, baseline);
        }
        return 0;
    }

    private static String describe(NotifyBatchPart p) {
        return p.reference() + ": " + p.messageCount() + " messages, " + p.bodyBytes() + " bytes"
                + p.batchId().map(id -> ", batch id " + id).orElse("")
                + (p.alreadyAccepted() ? ", already accepted" : "");
    }

    private static Map<String, Object> json(NotifyBatchPart p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", p.number());
        m.put("reference", p.reference());
        m.put("messages", p.messageCount());
        m.put("bytes", p.bodyBytes());
        p.batchId().ifPresent(id -> m.put("batchId", id));
        m.put("alreadyAccepted", p.alreadyAccepted());
        return m;
    }

    /**
     * Before a measured send: collects garbage, notes the heap the input holds, and restarts the
     * pools' peaks so they cover the send alone.
     */
    private static long settle() {
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        return used;
    }

    /** Wall time, the peak of each heap pool summed (an upper bound of the peak heap in use) and GC counts. */
    private void printMeasurement(long elapsedNanos, long baseline) {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        long collections = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collections += Math.max(0, gc.getCollectionCount());
        }
        long max = Runtime.getRuntime().maxMemory();
        spec.commandLine()
                .getErr()
                .printf(
                        "measure: %d messages in %d ms; heap before the send %d MiB (after a GC: "
                                + "the input); peak heap during the send %d MiB (sum of heap pools' peaks, an upper bound) of max %d "
                                + "MiB; %d collections%n",
                        messages.size(),
                        elapsedNanos / 1_000_000,
                        baseline / (1024 * 1024),
                        peak / (1024 * 1024),
                        max / (1024 * 1024),
                        collections);
        spec.commandLine().getErr().flush();
    }
}
