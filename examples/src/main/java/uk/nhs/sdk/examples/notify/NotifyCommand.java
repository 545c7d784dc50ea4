package uk.nhs.sdk.examples.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.examples.CommonOptions;
import uk.nhs.sdk.examples.Output;
import uk.nhs.sdk.examples.Target;
import uk.nhs.sdk.examples.UsageException;
import uk.nhs.sdk.messaging.notify.NhsAppAccount;
import uk.nhs.sdk.messaging.notify.NhsAppAccountsPage;
import uk.nhs.sdk.messaging.notify.NotifyChannel;
import uk.nhs.sdk.messaging.notify.NotifyClient;
import uk.nhs.sdk.messaging.notify.NotifyMessage;
import uk.nhs.sdk.messaging.notify.NotifyMessageDetails;
import uk.nhs.sdk.messaging.notify.NotifySendResult;

/**
 * {@code nhs notify send|batch|status|accounts|verify-callback}: NHS Notify through
 * {@link NotifyClient}, and the check a callback endpoint makes with
 * {@link uk.nhs.sdk.messaging.notify.NotifyCallbackVerifier}. Without {@code --env} or
 * {@code --base-url} each command runs against an embedded sandbox of its own; {@code --env sandbox}
 * is the NHS public sandbox (no credentials); {@code --env int} needs the API Platform
 * credentials.
 */
@Command(
        name = "notify",
        mixinStandardHelpOptions = true,
        description = "NHS Notify: send messages and batches, read a message's status, list NHS App accounts, "
                + "verify a callback.",
        subcommands = {
            NotifyCommand.Send.class,
            NotifyBatchCommand.class,
            NotifyCommand.Status.class,
            NotifyCommand.Accounts.class,
            VerifyCallbackCommand.class
        })
public final class NotifyCommand implements Runnable {
    /** The NHS public sandbox's first routing plan, the default of {@code send} and {@code batch}. */
    static final String SANDBOX_PLAN = "b838b13c-f98c-4def-93f0-515d4e4f4ee1";

    @Spec
    CommandSpec spec;

    /**
     * Creates the command (picocli does this).
     */
    public NotifyCommand() {}

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The client for a command: base URL, auth and correlation id from the options; the caller closes it. */
    static NotifyClient client(Target target, CommonOptions common) {
        NotifyClient.Builder b = NotifyClient.builder()
                .baseUrl(target.apiBaseUrl("comms"))
                .options(target.clientOptions())
                .auth(target.apiPlatformAuth());
        common.correlationId().ifPresent(b::correlationId);
        return b.build();
    }

    /** What every {@code nhs notify} call shares: the options, the target and the printer. */
    abstract static class NotifySubcommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Override
        public final Integer call() throws Exception {
            Output out = Output.of(spec, common);
            prepare();
            try (Target target = Target.open(common);
                    NotifyClient client = client(target, common)) {
                int status = run(client, out);
                out.flush();
                return status;
            }
        }

        /** Checks and builds the input, before any sandbox is started or call made. */
        void prepare() {}

        abstract int run(NotifyClient client, Output out) throws Exception;
    }

    /** {@code nhs notify send --nhs-number N ...}. */
    @Command(name = "send", mixinStandardHelpOptions = true, description = "Send one message.")
    static final class Send extends NotifySubcommand {
        @Option(names = "--nhs-number", required = true, paramLabel = "N", description = "The recipient's NHS number.")
        String nhsNumber;

        @Option(
                names = "--routing-plan",
                paramLabel = "UUID",
                defaultValue = SANDBOX_PLAN,
                description = "The routing plan (default: the NHS sandbox's ${DEFAULT-VALUE}); the free-text plans are "
                        + "00000000-0000-0000-0000-00000000000[1-7].")
        String routingPlan;

        @Option(
                names = "--reference",
                paramLabel = "REF",
                description = "Your unique message reference, reused on retries (default: a new UUID).")
        String reference;

        @Option(
                names = {"-p", "--personalisation"},
                paramLabel = "NAME=VALUE",
                description = "A personalisation field, repeatable (free-text plans: body, sms_body, ...).")
        Map<String, String> personalisation = new LinkedHashMap<>();

        @Option(names = "--originator", paramLabel = "ODS", description = "The originating organisation's ODS code.")
        String originator;

        @Option(names = "--billing-reference", paramLabel = "REF", description = "Your billing reference.")
        String billingReference;

        private NotifyMessage message;

        @Override
        void prepare() {
            NotifyMessage.Builder b = NotifyMessage.builder(NhsNumber.parse(nhsNumber))
                    .routingPlanId(routingPlan)
                    .messageReference(
                            reference != null ? reference : UUID.randomUUID().toString());
            personalisation.forEach(b::personalisation);
            if (originator != null) {
                b.originator(OdsCode.of(originator));
            }
            if (billingReference != null) {
                b.billingReference(billingReference);
            }
            message = b.build();
        }

        @Override
        int run(NotifyClient client, Output out) {
            NotifySendResult sent = client.send(message);
            out.text(
                    sent.alreadyAccepted()
                            ? "already accepted: NHS Notify holds reference " + sent.messageReference()
                            : "sent message " + sent.messageId().orElse("?") + " (reference " + sent.messageReference()
                                    + ")");
            Map<String, Object> json = new LinkedHashMap<>();
            sent.messageId().ifPresent(id -> json.put("messageId", id));
            json.put("messageReference", sent.messageReference());
            json.put("alreadyAccepted", sent.alreadyAccepted());
            out.jsonValue(json);
            return 0;
        }
    }

    /** {@code nhs notify status MESSAGE_ID}. */
    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "A message's status, with each channel's status, supplier status and failure codes.")
    static final class Status extends NotifySubcommand {
        @Parameters(paramLabel = "MESSAGE_ID", description = "The message id (27 letters and digits).")
        String messageId;

        @Override
        int run(NotifyClient client, Output out) {
            NotifyMessageDetails m = client.getMessage(messageId);
            out.text("message " + m.id() + ": " + m.status().value()
                    + m.failureReasonCode().map(c -> " (" + c + ")").orElse(""));
            m.statusDescription().ifPresent(d -> out.text("  " + d));
            out.text("  reference " + m.messageReference() + ", routing plan "
                    + m.routingPlan().id());
            m.batchId().ifPresent(b -> out.text("  batch " + b));
            for (NotifyChannel c : m.channels()) {
                out.text("  channel " + c.cascadeOrder() + " " + c.type().value() + ": "
                        + c.status().value()
                        + c.supplierStatus()
                                .map(s -> " (supplier: " + s.value() + ")")
                                .orElse("")
                        + c.failureReasonCode().map(f -> " " + f).orElse(""));
            }
            out.jsonValue(json(m));
            return 0;
        }

        private static Map<String, Object> json(NotifyMessageDetails m) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", m.id());
            json.put("messageReference", m.messageReference());
            json.put("messageStatus", m.status().value());
            m.statusDescription().ifPresent(v -> json.put("messageStatusDescription", v));
            m.failureReasonCode().ifPresent(v -> json.put("messageFailureReasonCode", v));
            json.put("routingPlanId", m.routingPlan().id().toString());
            m.batchId().ifPresent(v -> json.put("batchId", v));
            List<Map<String, Object>> channels = new ArrayList<>();
            for (NotifyChannel c : m.channels()) {
                Map<String, Object> ch = new LinkedHashMap<>();
                ch.put("type", c.type().value());
                ch.put("cascadeOrder", c.cascadeOrder());
                ch.put("channelStatus", c.status().value());
                c.supplierStatus().ifPresent(v -> ch.put("supplierStatus", v.value()));
                c.failureReasonCode().ifPresent(v -> ch.put("channelFailureReasonCode", v));
                channels.add(ch);
            }
            json.put("channels", channels);
            json.put("created", m.createdAt().toString());
            m.enrichedAt().ifPresent(v -> json.put("enriched", v.toString()));
            m.deliveredAt().ifPresent(v -> json.put("delivered", v.toString()));
            m.failedAt().ifPresent(v -> json.put("failed", v.toString()));
            return json;
        }
    }

    /** {@code nhs notify accounts ODS_CODE}. */
    @Command(
            name = "accounts",
            mixinStandardHelpOptions = true,
            description = "The NHS App accounts of a GP practice, every page (the sandbox's T00001 has eight).")
    static final class Accounts extends NotifySubcommand {
        @Parameters(paramLabel = "ODS_CODE", description = "The practice's ODS code.")
        String odsCode;

        private OdsCode ods;

        @Override
        void prepare() {
            ods = OdsCode.of(odsCode);
        }

        @Override
        int run(NotifyClient client, Output out) {
            List<Map<String, Object>> accounts = new ArrayList<>();
            int pages = 0;
            for (NhsAppAccountsPage page : client.nhsAppAccounts(ods)) {
                pages++;
                for (NhsAppAccount a : page.accounts()) {
                    out.text(a.nhsNumber().value() + "  notifications " + (a.notificationsEnabled() ? "on" : "off"));
                    accounts.add(Map.of(
                            "nhsNumber", a.nhsNumber().value(), "notificationsEnabled", a.notificationsEnabled()));
                }
            }
            out.text(accounts.size() + " account" + (accounts.size() == 1 ? "" : "s") + " in " + pages + " page"
                    + (pages == 1 ? "" : "s") + " for " + ods.value());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("odsCode", ods.value());
            json.put("pages", pages);
            json.put("accounts", accounts);
            out.jsonValue(json);
            return 0;
        }
    }

    /**
     * Reads an option that must not be blank.
     *
     * @param name the option's name, for the message
     * @param value the value
     * @return the value
     */
    static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new UsageException(name + " is required");
        }
        return value;
    }
}
