package uk.nhs.sdk.examples.ods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import uk.nhs.sdk.core.NhsEnvironment;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.examples.CommonOptions;
import uk.nhs.sdk.examples.Output;
import uk.nhs.sdk.examples.Target;
import uk.nhs.sdk.examples.UsageException;
import uk.nhs.sdk.examples.internal.Json;
import uk.nhs.sdk.records.RecordsApi;
import uk.nhs.sdk.records.ods.OdsClient;
import uk.nhs.sdk.records.ods.OdsMirror;
import uk.nhs.sdk.records.ods.OdsRole;
import uk.nhs.sdk.records.ods.OdsSearch;
import uk.nhs.sdk.records.ods.Organization;

/**
 * {@code nhs ods get|search|mirror}: the ODS FHIR API through {@link OdsClient} and
 * {@link OdsMirror}. Without {@code --env} or {@code --base-url} each command runs against an
 * embedded sandbox holding the specification's example organisations (RR8, AQN, C4O9I), the NRL
 * sandbox's custodians (Y05868, RJ11, 8J008, RY26A, RM559) and 250 generated ones ({@code Z00001}...).
 */
@Command(
        name = "ods",
        mixinStandardHelpOptions = true,
        description =
                "ODS FHIR API: look organisations up by ODS code, search them, mirror a role's organisations locally.",
        subcommands = {OdsCommand.Get.class, OdsCommand.Search.class, OdsCommand.Mirror.class})
public final class OdsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /**
     * Creates the command (picocli does this).
     */
    public OdsCommand() {}

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The client: the API key from --api-key or NHS_API_KEY, the embedded sandbox's own, or none. */
    static OdsClient client(Target target, CommonOptions common) {
        OdsClient.Builder b = OdsClient.builder()
                .baseUrl(target.apiBaseUrl(RecordsApi.ODS.basePath()))
                .options(target.clientOptions());
        Secret key = common.apiKey()
                .orElse(target.sandbox().map(s -> s.application().apiKey()).orElse(null));
        if (key != null) {
            b.apiKey(key);
        } else if (common.environment().filter(e -> e != NhsEnvironment.SANDBOX).isPresent()
                && common.baseUrl().isEmpty()) {
            throw new UsageException("ODS in int and prod needs --api-key (or NHS_API_KEY)");
        }
        common.correlationId().ifPresent(b::correlationId);
        return b.build();
    }

    /** What every {@code nhs ods} command shares. */
    abstract static class OdsSubcommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Override
        public final Integer call() {
            Output out = Output.of(spec, common);
            prepare();
            try (Target target = Target.open(common);
                    OdsClient client = client(target, common)) {
                int status = run(client, out);
                out.flush();
                return status;
            }
        }

        /** Checks the input, before any sandbox is started or call made. */
        abstract void prepare();

        abstract int run(OdsClient client, Output out);
    }

    /** {@code nhs ods get ODS_CODE}. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Look an organisation up by its ODS code.")
    static final class Get extends OdsSubcommand {
        @Parameters(paramLabel = "ODS_CODE", description = "The organisation's ODS code, e.g. RR8.")
        String code;

        private OdsCode odsCode;

        @Override
        void prepare() {
            odsCode = OdsCode.of(code);
        }

        @Override
        int run(OdsClient client, Output out) {
            Organization o = client.read(odsCode);
            out.jsonText(o.rawJson());
            OdsText.lines(o).forEach(out::text);
            return 0;
        }
    }

    /** {@code nhs ods search ...}. */
    @Command(
            name = "search",
            mixinStandardHelpOptions = true,
            description = "Search organisations; pages are fetched as needed up to --max.")
    static final class Search extends OdsSubcommand {
        @Option(names = "--name", paramLabel = "TEXT", description = "Name starts with (3 to 100 characters).")
        String name;

        @Option(names = "--name-contains", paramLabel = "TEXT", description = "Name contains.")
        String nameContains;

        @Option(names = "--name-exact", paramLabel = "TEXT", description = "Exact name (case sensitive).")
        String nameExact;

        @Option(names = "--postcode", paramLabel = "P", description = "Postcode starts with (2 or more).")
        String postcode;

        @Option(names = "--postcode-exact", paramLabel = "P", description = "Exact postcode.")
        String postcodeExact;

        @Option(names = "--city", paramLabel = "C", description = "City starts with.")
        String city;

        @Option(
                names = "--role",
                paramLabel = "RO76[,RO177]",
                description = "Holds any of these roles (comma: OR); repeat to require each (AND).")
        List<String> roles = new ArrayList<>();

        @Option(names = "--not-role", paramLabel = "ROLE", description = "Does not hold this role.")
        String notRole;

        @Option(names = "--active", paramLabel = "true|false", description = "Only active (or inactive) records.")
        Boolean active;

        @Option(
                names = "--last-change-date",
                paramLabel = "gtYYYY-MM-DD",
                description = "gt, lt or eq then a date; repeat for a range.")
        List<String> lastChange = new ArrayList<>();

        @Option(names = "--page-size", paramLabel = "N", description = "Organisations per request (_count), 1 to 1000.")
        Integer pageSize;

        @Option(names = "--max", paramLabel = "N", defaultValue = "50", description = "Print at most N (default 50).")
        int max;

        @Option(names = "--count", description = "Only count the matches (_summary=count).")
        boolean count;

        private OdsSearch search;

        @Override
        void prepare() {
            OdsSearch.Builder q = OdsSearch.builder();
            if (name != null) {
                q.name(name);
            }
            if (nameContains != null) {
                q.nameContains(nameContains);
            }
            if (nameExact != null) {
                q.nameExact(nameExact);
            }
            if (postcode != null) {
                q.postcode(postcode);
            }
            if (postcodeExact != null) {
                q.postcodeExact(postcodeExact);
            }
            if (city != null) {
                q.city(city);
            }
            roles.forEach(r -> q.anyRole(roles(r)));
            if (notRole != null) {
                q.withoutRole(OdsRole.of(notRole));
            }
            if (active != null) {
                q.active(active);
            }
            lastChange.forEach(q::lastChangeDate);
            if (pageSize != null) {
                q.pageSize(pageSize);
            }
            if (max < 1) {
                throw new UsageException("--max must be at least 1");
            }
            search = q.build();
        }

        @Override
        int run(OdsClient client, Output out) {
            if (count) {
                int n = client.count(search);
                out.jsonValue(Map.of("total", n));
                out.text(n + " organisation(s)");
                return 0;
            }
            List<Organization> found = client.organizations(search).limit(max).collect(Collectors.toList());
            out.jsonText(searchset(found));
            if (found.isEmpty()) {
                out.text("no organisations");
            }
            found.forEach(o -> out.text(OdsText.line(o)));
            return 0;
        }
    }

    /** {@code nhs ods mirror --dir DIR --role RO76 ...}. */
    @Command(
            name = "mirror",
            mixinStandardHelpOptions = true,
            description = "Keep a local mirror of a role's organisations in a directory (full load, then updates), "
                    + "and look organisations up in it offline.")
    static final class Mirror extends OdsSubcommand {
        @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The mirror's directory.")
        Path dir;

        @Option(
                names = "--role",
                paramLabel = "ROLE",
                description = "A role to keep (repeatable); needed the first time.")
        List<String> roles = new ArrayList<>();

        @Option(
                names = "--page-size",
                paramLabel = "N",
                defaultValue = "200",
                description = "Organisations per request while loading (default 200).")
        int pageSize;

        @Option(
                names = "--lookup",
                paramLabel = "ODS_CODE",
                description = "Look up (offline) after the sync; repeatable.")
        List<String> lookups = new ArrayList<>();

        @Option(names = "--offline", description = "Only look up; do not sync.")
        boolean offline;

        private List<OdsCode> codes;
        private List<OdsRole> keep;

        @Override
        void prepare() {
            codes = lookups.stream().map(OdsCode::of).collect(Collectors.toList());
            keep = roles.stream().flatMap(r -> Arrays.stream(roles(r))).collect(Collectors.toList());
            OdsMirror.builder().pageSize(pageSize);
        }

        @Override
        int run(OdsClient client, Output out) {
            OdsMirror mirror = OdsMirror.builder()
                    .directory(dir)
                    .client(client)
                    .roles(keep.toArray(new OdsRole[0]))
                    .pageSize(pageSize)
                    .build();
            Map<String, Object> result = new LinkedHashMap<>();
            if (!offline) {
                long start = System.nanoTime();
                OdsMirror.SyncResult r = mirror.sync();
                long millis = (System.nanoTime() - start) / 1_000_000;
                result.put("sync", r.kind().name().toLowerCase(java.util.Locale.ROOT));
                result.put("resumed", r.resumed());
                result.put("pages", r.pages());
                result.put("written", r.written());
                result.put("removed", r.removed());
                out.text((r.kind() == OdsMirror.SyncResult.Kind.FULL ? "full load" : "update")
                        + (r.resumed() ? " (resumed)" : "") + ": " + r.pages() + " page(s), " + r.written()
                        + " written, " + r.removed() + " removed, in " + millis + " ms");
            }
            List<OdsCode> held = mirror.codes();
            result.put("organisations", held.size());
            out.text("the mirror in " + dir + " holds " + held.size() + " organisation(s) with role(s) "
                    + mirror.roles().stream().map(OdsRole::code).sorted().collect(Collectors.joining(",")));
            List<Object> found = new ArrayList<>();
            int status = 0;
            for (OdsCode c : codes) {
                var o = mirror.lookup(c);
                if (o.isPresent()) {
                    found.add(tree(o.get().rawJson()));
                    out.text("offline: " + OdsText.line(o.get()));
                } else {
                    out.text("offline: " + c + " is not in the mirror");
                    status = 1;
                }
            }
            result.put("lookups", found);
            out.jsonValue(result);
            return status;
        }
    }

    static OdsRole[] roles(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(OdsRole::of).toArray(OdsRole[]::new);
    }

    private static String searchset(List<Organization> found) {
        ObjectNode b = Json.mapper().createObjectNode();
        b.put("resourceType", "Bundle");
        b.put("type", "searchset");
        ArrayNode entries = b.putArray("entry");
        for (Organization o : found) {
            entries.addObject().set("resource", tree(o.rawJson()));
        }
        return Json.write(b);
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
