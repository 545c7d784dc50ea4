package uk.nhs.sdk.examples.nrl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
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
import uk.nhs.sdk.core.NhsEnvironment;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.examples.CommonOptions;
import uk.nhs.sdk.examples.Output;
import uk.nhs.sdk.examples.Target;
import uk.nhs.sdk.examples.UsageException;
import uk.nhs.sdk.examples.internal.Json;
import uk.nhs.sdk.records.RecordsApi;
import uk.nhs.sdk.records.nrl.ContentFormat;
import uk.nhs.sdk.records.nrl.ContentStability;
import uk.nhs.sdk.records.nrl.DocumentReference;
import uk.nhs.sdk.records.nrl.NrlConsumerClient;
import uk.nhs.sdk.records.nrl.NrlProducerClient;
import uk.nhs.sdk.records.nrl.PointerCategory;
import uk.nhs.sdk.records.nrl.PointerContent;
import uk.nhs.sdk.records.nrl.PointerContext;
import uk.nhs.sdk.records.nrl.PointerSearch;
import uk.nhs.sdk.records.nrl.PointerType;
import uk.nhs.sdk.records.nrl.RetrievalMechanism;
import uk.nhs.sdk.records.nrl.WriteResult;

/**
 * {@code nhs nrl search|get|count|create|supersede|delete}: the National Record Locator through
 * {@link NrlConsumerClient} and {@link NrlProducerClient}. Without {@code --env} or
 * {@code --base-url} each command runs against an embedded sandbox seeded with the NRL specs'
 * example pointers (patient 9000000017 has one from each sandbox ODS code: Y05868, RJ11, 8J008,
 * RY26A, RM559). {@code --ods-code} is the end-user organisation (default Y05868, a sandbox code,
 * unless {@code --env} is int or prod); {@code --base-url} is the consumer or producer base URL,
 * either one, or the {@code /record-locator} root that {@code nhs sandbox} prints.
 */
@Command(
        name = "nrl",
        mixinStandardHelpOptions = true,
        description = "National Record Locator: find, count and read a patient's record pointers; create, "
                + "supersede and delete your own.",
        subcommands = {
            NrlCommand.Search.class,
            NrlCommand.Get.class,
            NrlCommand.Count.class,
            NrlCommand.Create.class,
            NrlCommand.Supersede.class,
            NrlCommand.Delete.class
        })
public final class NrlCommand implements Runnable {
    private static final OdsCode SANDBOX_ODS = OdsCode.of("Y05868");

    @Spec
    CommandSpec spec;

    /**
     * Creates the command (picocli does this).
     */
    public NrlCommand() {}

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A pointer the demo publishes: a mental health crisis plan held behind the Spine Secure Proxy. */
    static DocumentReference examplePointer(NhsNumber patient, OdsCode ods) {
        return DocumentReference.builder()
                .type(PointerType.MENTAL_HEALTH_CRISIS_PLAN)
                .category(PointerCategory.CARE_PLAN)
                .subject(patient)
                .custodian(ods)
                .author(ods)
                .description("Example mental health crisis plan pointer")
                .content(PointerContent.builder()
                        .url("ssp://provider.example.nhs.uk/plans/mental-health-crisis-plan.pdf")
                        .contentType("application/pdf")
                        .format(ContentFormat.UNSTRUCTURED)
                        .stability(ContentStability.STATIC)
                        .retrievalMechanism(RetrievalMechanism.SSP)
                        .build())
                .context(PointerContext.builder()
                        .practiceSetting("788002001", "Adult mental health service")
                        .relatedAsid("200000000610")
                        .build())
                .build();
    }

    /** The end-user organisation: {@code --ods-code}, else Y05868 on a sandbox or a bare {@code --base-url}. */
    static OdsCode odsCode(CommonOptions common) {
        return common.odsCode().orElseGet(() -> {
            if (common.environment().filter(e -> e != NhsEnvironment.SANDBOX).isEmpty()) {
                return SANDBOX_ODS;
            }
            throw new UsageException("--ods-code is required: NRL needs the end-user organisation");
        });
    }

    /** The base URL of one API: the target's, with a consumer/producer --base-url switched to the other as needed. */
    static URI baseUrl(Target target, RecordsApi api) {
        String url = target.apiBaseUrl(api.basePath()).toString();
        String other = (api == RecordsApi.NRL_CONSUMER ? RecordsApi.NRL_PRODUCER : RecordsApi.NRL_CONSUMER).basePath();
        String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (trimmed.endsWith(other)) {
            return URI.create(trimmed.substring(0, trimmed.length() - other.length()) + api.basePath());
        }
        if (trimmed.endsWith("/record-locator")) {
            return URI.create(trimmed + api.basePath().substring("record-locator".length()));
        }
        return URI.create(trimmed);
    }

    static NrlConsumerClient consumer(Target target, CommonOptions common, OdsCode ods) {
        NrlConsumerClient.Builder b = NrlConsumerClient.builder()
                .baseUrl(baseUrl(target, RecordsApi.NRL_CONSUMER))
                .options(target.clientOptions())
                .auth(target.apiPlatformAuth())
                .endUserOrganisation(ods);
        common.correlationId().ifPresent(b::correlationId);
        return b.build();
    }

    static NrlProducerClient producer(Target target, CommonOptions common, OdsCode ods) {
        NrlProducerClient.Builder b = NrlProducerClient.builder()
                .baseUrl(baseUrl(target, RecordsApi.NRL_PRODUCER))
                .options(target.clientOptions())
                .auth(target.apiPlatformAuth())
                .endUserOrganisation(ods);
        common.correlationId().ifPresent(b::correlationId);
        return b.build();
    }

    /** What every {@code nhs nrl} command shares: options, target and printer. */
    abstract static class NrlSubcommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Override
        public final Integer call() {
            Output out = Output.of(spec, common);
            OdsCode ods = odsCode(common);
            prepare(ods);
            try (Target target = Target.open(common)) {
                int status = run(target, ods, out);
                out.flush();
                return status;
            }
        }

        /** Checks and builds the input, before any sandbox is started or call made. */
        abstract void prepare(OdsCode ods);

        abstract int run(Target target, OdsCode ods, Output out);
    }

    /** The filters of {@code search} and {@code count}. */
    abstract static class Filtered extends NrlSubcommand {
        @Parameters(paramLabel = "NHS_NUMBER", description = "The patient's NHS number.")
        String number;

        @Option(names = "--type", paramLabel = "SNOMED", description = "Only this type; repeat for any of several.")
        List<String> types = new ArrayList<>();

        @Option(
                names = "--category",
                paramLabel = "SNOMED",
                description = "Only this category; repeat for any of several.")
        List<String> categories = new ArrayList<>();

        @Option(names = "--custodian", paramLabel = "ODS", description = "Only pointers held by this organisation.")
        String custodian;

        @Option(names = "--get", description = "Send GET with the NHS number in the URL instead of POST _search.")
        boolean get;

        PointerSearch search;

        @Override
        void prepare(OdsCode ods) {
            PointerSearch.Builder b = PointerSearch.forPatient(NhsNumber.parse(number));
            types.forEach(t -> b.type(PointerType.of(t)));
            categories.forEach(c -> b.category(PointerCategory.of(c)));
            if (custodian != null) {
                b.custodian(OdsCode.of(custodian));
            }
            if (get) {
                b.usingGet();
            }
            search = b.build();
        }
    }

    /** {@code nhs nrl search NHS_NUMBER}. */
    @Command(
            name = "search",
            mixinStandardHelpOptions = true,
            description = "Find a patient's pointers (the types your ODS code may see).")
    static final class Search extends Filtered {
        @Override
        int run(Target target, OdsCode ods, Output out) {
            try (NrlConsumerClient nrl = consumer(target, common, ods)) {
                List<DocumentReference> found = nrl.search(search).pointers();
                ObjectNode bundle = Json.mapper().createObjectNode();
                bundle.put("resourceType", "Bundle");
                bundle.put("type", "searchset");
                bundle.put("total", found.size());
                ArrayNode entries = bundle.putArray("entry");
                found.forEach(p -> entries.addObject().set("resource", tree(p.rawJson())));
                out.jsonText(Json.write(bundle));
                if (found.isEmpty()) {
                    out.text("no pointers");
                }
                found.forEach(p -> out.text(line(p)));
                return 0;
            }
        }
    }

    /** {@code nhs nrl count NHS_NUMBER}. */
    @Command(name = "count", mixinStandardHelpOptions = true, description = "Count a patient's pointers.")
    static final class Count extends Filtered {
        @Override
        int run(Target target, OdsCode ods, Output out) {
            try (NrlConsumerClient nrl = consumer(target, common, ods)) {
                int n = nrl.count(search);
                out.jsonValue(Map.of("total", n));
                out.text(n + (n == 1 ? " pointer" : " pointers"));
                return 0;
            }
        }
    }

    /** {@code nhs nrl get ID}. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Read one pointer by its id.")
    static final class Get extends NrlSubcommand {
        @Parameters(paramLabel = "ID", description = "The pointer's id, e.g. Y05868-1234567892.")
        String id;

        @Option(names = "--producer", description = "Read through the producer API (your own pointers).")
        boolean producer;

        @Override
        void prepare(OdsCode ods) {
            DocumentReference.builder().id(id);
        }

        @Override
        int run(Target target, OdsCode ods, Output out) {
            DocumentReference p;
            if (producer) {
                try (NrlProducerClient nrl = producer(target, common, ods)) {
                    p = nrl.read(id);
                }
            } else {
                try (NrlConsumerClient nrl = consumer(target, common, ods)) {
                    p = nrl.read(id);
                }
            }
            out.jsonText(p.rawJson());
            out.text(line(p));
            p.content()
                    .forEach(c -> out.text("  content: " + c.url().orElse("?") + " ("
                            + c.contentType().orElse("?")
                            + ", " + c.stability().map(ContentStability::code).orElse("?") + ", "
                            + c.retrievalMechanismCode().orElse("no retrieval mechanism") + ")"));
            return 0;
        }
    }

    /** {@code nhs nrl create --nhs-number N --type T --category C --url U ...}. */
    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Publish a pointer held by your --ods-code (checked against NRL's rules first).")
    static final class Create extends NrlSubcommand {
        @Mixin
        PointerOptions pointer;

        DocumentReference built;

        @Override
        void prepare(OdsCode ods) {
            built = pointer.pointer(ods);
        }

        @Override
        int run(Target target, OdsCode ods, Output out) {
            try (NrlProducerClient nrl = producer(target, common, ods)) {
                return written(out, "created", nrl.create(built));
            }
        }
    }

    /** {@code nhs nrl supersede OLD_ID --nhs-number N ...}. */
    @Command(
            name = "supersede",
            mixinStandardHelpOptions = true,
            description = "Replace a pointer with a new one (same patient and type); NRL deletes the old one.")
    static final class Supersede extends NrlSubcommand {
        @Parameters(paramLabel = "OLD_ID", description = "The id of the pointer to replace.")
        String oldId;

        @Mixin
        PointerOptions pointer;

        DocumentReference built;

        @Override
        void prepare(OdsCode ods) {
            built = pointer.pointer(ods).toBuilder().replaces(oldId).build();
        }

        @Override
        int run(Target target, OdsCode ods, Output out) {
            try (NrlProducerClient nrl = producer(target, common, ods)) {
                return written(out, "superseded " + oldId + " with", nrl.create(built));
            }
        }
    }

    /** {@code nhs nrl delete ID}. */
    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete one of your pointers.")
    static final class Delete extends NrlSubcommand {
        @Parameters(paramLabel = "ID", description = "The pointer's id.")
        String id;

        @Override
        void prepare(OdsCode ods) {
            DocumentReference.builder().id(id);
        }

        @Override
        int run(Target target, OdsCode ods, Output out) {
            try (NrlProducerClient nrl = producer(target, common, ods)) {
                return written(out, "deleted", nrl.delete(id));
            }
        }
    }

    private static int written(Output out, String what, WriteResult r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.pointerId());
        json.put("requestId", r.requestId());
        json.put("attempts", r.attempts());
        out.jsonValue(json);
        out.text(what + " " + r.pointerId() + " (X-Request-ID " + r.requestId() + ", " + r.attempts()
                + (r.attempts() == 1 ? " attempt)" : " attempts)"));
        return 0;
    }

    /** One pointer on a line, without the NHS number. */
    private static String line(DocumentReference p) {
        return p.id().orElse("?") + "  " + p.type() + "  custodian "
                + p.custodian().orElse("?")
                + (p.categories().isEmpty()
                        ? ""
                        : "  category " + p.categories().get(0));
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
