package uk.nhs.sdk.examples.mesh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.examples.CommonOptions;
import uk.nhs.sdk.examples.Output;
import uk.nhs.sdk.examples.Target;
import uk.nhs.sdk.examples.UsageException;
import uk.nhs.sdk.messaging.mesh.MeshClient;
import uk.nhs.sdk.messaging.mesh.MeshInboxQuery;
import uk.nhs.sdk.messaging.mesh.MeshMailbox;
import uk.nhs.sdk.messaging.mesh.MeshMessageInfo;
import uk.nhs.sdk.messaging.mesh.MeshNonDeliveryReport;
import uk.nhs.sdk.messaging.mesh.MeshSendRequest;
import uk.nhs.sdk.messaging.mesh.MeshSendResult;
import uk.nhs.sdk.messaging.mesh.MeshTrackingInfo;

/**
 * {@code nhs mesh handshake|send|inbox|receive|ack|track|lookup}: MESH, the NHS's message
 * exchange, with {@link MeshClient}.
 */
@Command(
        name = "mesh",
        mixinStandardHelpOptions = true,
        description = "Send and receive MESH messages (embedded sandbox by default; --env int with your mailbox).",
        subcommands = {
            MeshCommand.Handshake.class,
            MeshCommand.Send.class,
            MeshCommand.Inbox.class,
            MeshCommand.Receive.class,
            MeshCommand.Ack.class,
            MeshCommand.Track.class,
            MeshCommand.Lookup.class
        })
public final class MeshCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /**
     * Creates the command (picocli does this).
     */
    public MeshCommand() {}

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What every subcommand shares: where to connect and the mailbox's credentials. */
    abstract static class MeshSubcommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Mixin
        MeshOptions mesh;

        @Override
        public final Integer call() throws Exception {
            Output out = Output.of(spec, common);
            mesh.acceptCompressed = acceptCompressed();
            try (Target target = Target.open(common);
                    MeshClient client = mesh.client(target, common)) {
                int status = run(client, out);
                out.flush();
                return status;
            }
        }

        abstract int run(MeshClient client, Output out) throws Exception;

        /** Whether downloads ask for gzip; {@code null} keeps the SDK's default. */
        Boolean acceptCompressed() {
            return null;
        }
    }

    /** {@code nhs mesh handshake}: validates the mailbox, as MESH asks once a day. */
    @Command(
            name = "handshake",
            mixinStandardHelpOptions = true,
            description = "Validate the mailbox (MESH asks for this once every 24 hours).")
    static final class Handshake extends MeshSubcommand {
        @Override
        int run(MeshClient client, Output out) {
            client.handshake();
            out.text("mailbox " + client.mailbox() + ": handshake accepted");
            out.jsonValue(Map.of("mailbox", client.mailbox(), "handshake", "accepted"));
            return 0;
        }
    }

    /** {@code nhs mesh send FILE --to ID --workflow-id W}: sends a file, in chunks when large. */
    @Command(
            name = "send",
            mixinStandardHelpOptions = true,
            description = "Send a file to a mailbox, in chunks when it is larger than --chunk-size.")
    static final class Send extends MeshSubcommand {
        @Parameters(paramLabel = "FILE", description = "The file to send.")
        Path file;

        @Option(names = "--to", required = true, paramLabel = "ID", description = "The recipient's mailbox id.")
        String to;

        @Option(names = "--workflow-id", required = true, paramLabel = "W", description = "The workflow id.")
        String workflowId;

        @Option(names = "--subject", paramLabel = "S", description = "Subject (no patient data).")
        String subject;

        @Option(
                names = "--local-id",
                paramLabel = "L",
                description = "Your reference for tracking (no patient data); generated when absent.")
        String localId;

        @Option(
                names = "--file-name",
                paramLabel = "NAME",
                description = "File name for the recipient (default: FILE's name).")
        String fileName;

        @Option(names = "--content-type", paramLabel = "TYPE", description = "The content's media type.")
        String contentType;

        @Option(
                names = "--chunk-size",
                paramLabel = "SIZE",
                defaultValue = "20MiB",
                description = "Largest chunk before compression, such as 20MiB (default) or 5MB; at most 100MB.")
        String chunkSize;

        @Option(names = "--compress", description = "Gzip each chunk in transit.")
        boolean compress;

        @Override
        int run(MeshClient client, Output out) {
            if (!Files.isRegularFile(file)) {
                throw new UsageException("FILE must be a readable file");
            }
            long size = ByteSize.parse("chunkSize", chunkSize);
            if (size > Integer.MAX_VALUE) {
                throw new NhsValidationException("chunkSize", "must be at most 100MB");
            }
            MeshSendRequest.Builder request = MeshSendRequest.builder(to, workflowId)
                    .fileName(fileName != null ? fileName : file.getFileName().toString())
                    .chunkSize((int) size)
                    .compress(compress);
            if (subject != null) {
                request.subject(subject);
            }
            if (localId != null) {
                request.localId(localId);
            }
            if (contentType != null) {
                request.contentType(contentType);
            }
            MeshSendResult sent = client.send(request.build(), file);
            out.text("sent message " + sent.messageId() + " to " + to + " (" + sent.chunks() + " chunk"
                    + (sent.chunks() == 1 ? "" : "s") + ", local id " + sent.localId() + ")");
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("messageId", sent.messageId());
            json.put("localId", sent.localId());
            json.put("chunks", sent.chunks());
            out.jsonValue(json);
            return 0;
        }
    }

    /** {@code nhs mesh inbox}: every message id waiting in the inbox. */
    @Command(
            name = "inbox",
            mixinStandardHelpOptions = true,
            description = "List the ids of the messages in the inbox.")
    static final class Inbox extends MeshSubcommand {
        @Option(
                names = "--workflow-filter",
                paramLabel = "F",
                description = "W (equals), !W, W* (begins with), !W*, *W* (contains), !*W*.")
        String workflowFilter;

        @Override
        int run(MeshClient client, Output out) {
            MeshInboxQuery.Builder query = MeshInboxQuery.builder();
            if (workflowFilter != null) {
                query.workflowFilter(workflowFilter);
            }
            List<String> ids = new ArrayList<>();
            for (String id : client.inboxMessageIds(query.build())) {
                ids.add(id);
                out.text(id);
            }
            if (ids.isEmpty()) {
                out.text("no messages in " + client.mailbox() + "'s inbox");
            }
            out.jsonValue(Map.of("messages", ids));
            return 0;
        }
    }

    /** {@code nhs mesh receive MESSAGE_ID --out FILE [--ack]}: downloads a message to a file. */
    @Command(
            name = "receive",
            mixinStandardHelpOptions = true,
            description =
                    "Download a message (all its chunks, decompressed) to a file; --ack acknowledges it afterwards.")
    static final class Receive extends MeshSubcommand {
        @Parameters(paramLabel = "MESSAGE_ID", description = "The message id.")
        String messageId;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the content.")
        Path outFile;

        @Option(names = "--ack", description = "Acknowledge the message once it is written.")
        boolean ack;

        @Option(
                names = "--accept-compressed",
                negatable = true,
                description = "Ask MESH for gzipped chunks (Accept-Encoding: gzip, the default); "
                        + "--no-accept-compressed asks for them as stored or decompressed by MESH (identity).")
        Boolean acceptCompressedOption;

        @Override
        Boolean acceptCompressed() {
            return acceptCompressedOption;
        }

        @Override
        int run(MeshClient client, Output out) throws Exception {
            MeshMessageInfo info = client.receiveTo(messageId, outFile);
            long bytes = Files.size(outFile);
            if (ack) {
                client.acknowledge(messageId);
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("messageId", info.messageId());
            json.put("type", info.messageType().name());
            info.sender().ifPresent(v -> json.put("from", v));
            info.workflowId().ifPresent(v -> json.put("workflowId", v));
            info.fileName().ifPresent(v -> json.put("fileName", v));
            info.localId().ifPresent(v -> json.put("localId", v));
            json.put("chunks", info.totalChunks());
            json.put("bytes", bytes);
            json.put("acknowledged", ack);
            if (info.report().isPresent()) {
                MeshNonDeliveryReport r = info.report().get();
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("errorCode", r.errorCode());
                r.description().ifPresent(v -> report.put("description", v));
                r.undeliveredMessageId().ifPresent(v -> report.put("undeliveredMessageId", v));
                json.put("report", report);
                out.text("REPORT " + info.messageId() + ": error " + r.errorCode()
                        + r.description().map(d -> " (" + d + ")").orElse("")
                        + r.undeliveredMessageId()
                                .map(u -> " about message " + u)
                                .orElse(""));
            } else {
                out.text("received " + info.messageId()
                        + info.sender().map(s -> " from " + s).orElse("")
                        + info.workflowId().map(w -> " on " + w).orElse("") + ": " + bytes + " bytes in "
                        + info.totalChunks() + " chunk" + (info.totalChunks() == 1 ? "" : "s") + " written to "
                        + outFile);
            }
            if (ack) {
                out.text("acknowledged " + info.messageId());
            }
            out.jsonValue(json);
            return 0;
        }
    }

    /** {@code nhs mesh ack MESSAGE_ID}: acknowledges a message, removing it from the inbox. */
    @Command(
            name = "ack",
            mixinStandardHelpOptions = true,
            description = "Acknowledge a message: it leaves the inbox and cannot be downloaded again.")
    static final class Ack extends MeshSubcommand {
        @Parameters(paramLabel = "MESSAGE_ID", description = "The message id.")
        String messageId;

        @Override
        int run(MeshClient client, Output out) {
            client.acknowledge(messageId);
            out.text("acknowledged " + messageId);
            out.jsonValue(Map.of("messageId", messageId, "acknowledged", true));
            return 0;
        }
    }

    /** {@code nhs mesh track MESSAGE_ID}: where a message you sent is. */
    @Command(
            name = "track",
            mixinStandardHelpOptions = true,
            description = "Track a message you sent: accepted, acknowledged by the recipient, or undeliverable.")
    static final class Track extends MeshSubcommand {
        @Parameters(paramLabel = "MESSAGE_ID", description = "The message id.")
        String messageId;

        @Override
        int run(MeshClient client, Output out) {
            MeshTrackingInfo t = client.track(messageId);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("messageId", t.messageId().orElse(messageId));
            json.put("status", t.status().name().toLowerCase(java.util.Locale.ROOT));
            t.recipient().ifPresent(v -> json.put("recipient", v));
            t.workflowId().ifPresent(v -> json.put("workflowId", v));
            t.localId().ifPresent(v -> json.put("localId", v));
            t.uploadTimestamp().ifPresent(v -> json.put("uploaded", v.toString()));
            t.expiryTime().ifPresent(v -> json.put("expires", v.toString()));
            t.statusCode().ifPresent(v -> json.put("statusCode", v));
            t.statusDescription().ifPresent(v -> json.put("statusDescription", v));
            out.text("message " + json.get("messageId") + ": " + json.get("status")
                    + t.recipient().map(r -> " (to " + r + ")").orElse("")
                    + t.statusDescription().map(d -> ": " + d).orElse(""));
            out.jsonValue(json);
            return 0;
        }
    }

    /** {@code nhs mesh lookup --ods-code CODE --workflow-id W}: which mailbox receives a workflow. */
    @Command(
            name = "lookup",
            mixinStandardHelpOptions = true,
            description =
                    "Find the mailboxes that receive a workflow, for an organisation (--ods-code) or all of them.")
    static final class Lookup extends MeshSubcommand {
        @Option(names = "--workflow-id", required = true, paramLabel = "W", description = "The workflow id.")
        String workflowId;

        @Override
        int run(MeshClient client, Output out) {
            List<MeshMailbox> found = common.odsCode().isPresent()
                    ? client.lookup(common.odsCode().get(), workflowId)
                    : client.workflowSearch(workflowId);
            List<Map<String, Object>> json = new ArrayList<>();
            for (MeshMailbox m : found) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("mailboxId", m.mailboxId());
                m.name().ifPresent(n -> entry.put("name", n));
                json.add(entry);
                out.text(m.mailboxId() + m.name().map(n -> "  " + n).orElse(""));
            }
            if (found.isEmpty()) {
                out.text("no mailbox receives " + workflowId);
            }
            out.jsonValue(Map.of("results", json));
            return 0;
        }
    }
}
