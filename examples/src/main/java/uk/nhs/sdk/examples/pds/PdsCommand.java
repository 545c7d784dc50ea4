package uk.nhs.sdk.examples.pds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.examples.CommonOptions;
import uk.nhs.sdk.examples.Output;
import uk.nhs.sdk.examples.Target;
import uk.nhs.sdk.examples.UsageException;
import uk.nhs.sdk.examples.internal.Json;
import uk.nhs.sdk.identity.pds.Gender;
import uk.nhs.sdk.identity.pds.PatientPatch;
import uk.nhs.sdk.identity.pds.PatientSearch;
import uk.nhs.sdk.identity.pds.PdsClient;
import uk.nhs.sdk.identity.pds.RelatedPerson;
import uk.nhs.sdk.identity.pds.RetrievedPatient;
import uk.nhs.sdk.identity.pds.SearchMatch;
import uk.nhs.sdk.identity.pds.SearchResult;
import uk.nhs.sdk.identity.pds.UpdateResult;

/**
 * {@code nhs pds get|search|update|related}: the Personal Demographics Service through
 * {@link PdsClient}. Without {@code --env} or {@code --base-url} each command runs against an
 * embedded sandbox seeded with the PDS sandbox's patients (9000000009, 9000000017, 9000000025
 * restricted, 9000000033 minimal; 9000000041 superseded).
 */
@Command(
        name = "pds",
        mixinStandardHelpOptions = true,
        description = "Personal Demographics Service: retrieve, search and update patients, list related people.",
        subcommands = {PdsCommand.Get.class, PdsCommand.Search.class, PdsCommand.Update.class, PdsCommand.Related.class
        })
public final class PdsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /**
     * Creates the command (picocli does this).
     */
    public PdsCommand() {}

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The client for a command: base URL, auth and headers from the options; the caller closes it. */
    static PdsClient client(Target target, CommonOptions common, PdsOptions pds) {
        PdsClient.Builder b = PdsClient.builder()
                .baseUrl(target.apiBaseUrl(PdsClient.BASE_PATH))
                .options(target.clientOptions());
        var token = pds.accessToken();
        if (token.isPresent()) {
            Secret t = token.get();
            b.bearerToken(() -> t);
        } else {
            b.auth(target.apiPlatformAuth());
        }
        common.odsCode().ifPresent(b::endUserOrganisation);
        common.correlationId().ifPresent(b::correlationId);
        pds.sessionUrid().ifPresent(b::sessionUrid);
        return b.build();
    }

    /**
     * What every {@code nhs pds} command shares: the common and PDS options, the target (an
     * embedded sandbox unless {@code --env} or {@code --base-url}) and the printer.
     */
    abstract static class PdsSubcommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Mixin
        PdsOptions pds;

        @Override
        public final Integer call() {
            Output out = Output.of(spec, common);
            prepare();
            try (Target target = Target.open(common);
                    PdsClient client = client(target, common, pds)) {
                int status = run(client, out);
                out.flush();
                return status;
            }
        }

        /** Checks and builds the input, before any sandbox is started or call made. */
        abstract void prepare();

        abstract int run(PdsClient client, Output out);
    }

    /** {@code nhs pds get NHS_NUMBER}. */
    @Command(
            name = "get",
            mixinStandardHelpOptions = true,
            description = "Retrieve a patient by NHS number (says so when the number has been superseded).")
    static final class Get extends PdsSubcommand {
        @Parameters(paramLabel = "NHS_NUMBER", description = "The patient's NHS number.")
        String number;

        private NhsNumber nhsNumber;

        @Override
        void prepare() {
            nhsNumber = NhsNumber.parse(number);
        }

        @Override
        int run(PdsClient client, Output out) {
            RetrievedPatient r = client.getPatient(nhsNumber);
            out.jsonText(r.patient().rawJson());
            if (r.isSuperseded()) {
                out.text("superseded: " + r.requestedNhsNumber().formatted() + " is now "
                        + r.nhsNumber().formatted() + "; replace it in your records");
            }
            PdsText.lines(r.patient()).forEach(out::text);
            out.text(PdsText.row("ETag", "W/\"" + r.version() + "\""));
            return 0;
        }
    }

    /** {@code nhs pds search --family F ...}. */
    @Command(
            name = "search",
            mixinStandardHelpOptions = true,
            description = "Search for patients. A non-fuzzy search needs --family and --birthdate.")
    static final class Search extends PdsSubcommand {
        @Option(names = "--family", paramLabel = "F", description = "Family name; * allowed after two characters.")
        String family;

        @Option(names = "--given", paramLabel = "G", description = "Given name, repeatable in order.")
        List<String> given = new ArrayList<>();

        @Option(names = "--gender", paramLabel = "G", description = "male, female, other or unknown.")
        String gender;

        @Option(
                names = "--birthdate",
                paramLabel = "eqYYYY-MM-DD",
                description = "Date of birth: eq, ge or le then yyyy-mm-dd; twice (ge and le) for a range.")
        List<String> birthdate = new ArrayList<>();

        @Option(names = "--death-date", paramLabel = "eqYYYY-MM-DD", description = "Date of death, as --birthdate.")
        List<String> deathDate = new ArrayList<>();

        @Option(names = "--postcode", paramLabel = "P", description = "Postcode of any address; * allowed.")
        String postcode;

        @Option(names = "--gp", paramLabel = "ODS", description = "The registered GP practice's ODS code.")
        String gp;

        @Option(names = "--email", paramLabel = "E", description = "Email address (exact).")
        String email;

        @Option(names = "--phone", paramLabel = "P", description = "Phone number (exact).")
        String phone;

        @Option(names = "--fuzzy", description = "Fuzzy search: homophones, transposed names, history.")
        boolean fuzzy;

        @Option(names = "--exact", description = "Exact matches only (score 1.0).")
        boolean exact;

        @Option(names = "--history", description = "Also match previous names and addresses.")
        boolean history;

        @Option(names = "--max-results", paramLabel = "N", description = "1 to 50.")
        Integer maxResults;

        private PatientSearch search;

        @Override
        void prepare() {
            PatientSearch.Builder q = PatientSearch.builder();
            if (family != null) {
                q.family(family);
            }
            given.forEach(q::given);
            if (gender != null) {
                q.gender(Gender.fromCode(gender)
                        .orElseThrow(() -> new UsageException("--gender must be male, female, other or unknown")));
            }
            birthdate.forEach(q::birthDate);
            deathDate.forEach(q::deathDate);
            if (postcode != null) {
                q.postcode(postcode);
            }
            if (gp != null) {
                q.generalPractitioner(OdsCode.of(gp));
            }
            if (email != null) {
                q.email(email);
            }
            if (phone != null) {
                q.phone(phone);
            }
            q.fuzzyMatch(fuzzy).exactMatch(exact).history(history);
            if (maxResults != null) {
                q.maxResults(maxResults);
            }
            search = q.build();
        }

        @Override
        int run(PdsClient client, Output out) {
            SearchResult r = client.search(search);
            if (r instanceof SearchResult.TooManyMatches) {
                out.jsonText(tooManyMatches());
                out.text("too many matches (TOO_MANY_MATCHES): add details to narrow the search");
                return 1;
            }
            out.jsonText(searchset(
                    r.matches().stream().map(m -> m.patient().rawJson()).toList(),
                    r.matches().stream().map(SearchMatch::score).toList()));
            if (r.matches().isEmpty()) {
                out.text("no matches");
            }
            for (SearchMatch m : r.matches()) {
                var p = m.patient();
                out.text(String.format(
                        "%.4f  %s  %s  born %s%s",
                        m.score(),
                        PdsText.number(p),
                        p.usualName().map(PdsText::name).orElse("(no usual name)"),
                        p.birthDate().map(PdsText::date).orElse("?"),
                        p.sensitivity().isRestricted() ? "  [restricted]" : ""));
            }
            return 0;
        }

        private static String tooManyMatches() {
            ObjectNode oo = Json.mapper().createObjectNode();
            oo.put("resourceType", "OperationOutcome");
            ObjectNode issue = oo.putArray("issue").addObject();
            issue.put("severity", "information");
            issue.put("code", "multiple-matches");
            ObjectNode coding = issue.putObject("details").putArray("coding").addObject();
            coding.put("system", "https://fhir.nhs.uk/R4/CodeSystem/Spine-ErrorOrWarningCode");
            coding.put("version", "1");
            coding.put("code", "TOO_MANY_MATCHES");
            coding.put("display", "Too Many Matches");
            return Json.write(oo);
        }
    }

    /** {@code nhs pds update NHS_NUMBER --version N ...}. */
    @Command(
            name = "update",
            description = "Update a patient with a JSON Patch; operations apply in the order given, all or none.")
    static final class Update extends PdsSubcommand {
        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "Show this help message and exit.")
        boolean help;

        @Parameters(paramLabel = "NHS_NUMBER", description = "The patient's NHS number.")
        String number;

        @Option(
                names = "--version",
                required = true,
                paramLabel = "N",
                description = "The version the changes are based on (the ETag of `nhs pds get`).")
        long version;

        @ArgGroup(exclusive = true, multiplicity = "1..*")
        List<Operation> operations = new ArrayList<>();

        private NhsNumber nhsNumber;
        private PatientPatch changes;

        /** One operation; repeated, in command-line order. */
        static final class Operation {
            @Option(
                    names = "--replace",
                    required = true,
                    paramLabel = "PATH=VALUE",
                    description = "Replace with text, e.g. /gender=male.")
            String replace;

            @Option(
                    names = "--replace-json",
                    required = true,
                    paramLabel = "PATH=JSON",
                    description = "Replace with a JSON value.")
            String replaceJson;

            @Option(
                    names = "--add",
                    required = true,
                    paramLabel = "PATH=JSON",
                    description = "Add a JSON value (text when it is not JSON), e.g. /name/-={\"use\":\"nickname\"}.")
            String add;

            @Option(
                    names = "--test",
                    required = true,
                    paramLabel = "PATH=VALUE",
                    description = "Test a text value, e.g. /name/1/id=456 (needed right before removing a list item).")
            String test;

            @Option(
                    names = "--remove",
                    required = true,
                    paramLabel = "PATH",
                    description = "Remove a value, e.g. /name/1 right after its --test.")
            String remove;

            void addTo(PatientPatch.Builder patch) {
                if (replace != null) {
                    String[] pv = split("--replace", replace);
                    patch.replace(pv[0], pv[1]);
                } else if (replaceJson != null) {
                    String[] pv = split("--replace-json", replaceJson);
                    patch.replaceJson(pv[0], pv[1]);
                } else if (add != null) {
                    String[] pv = split("--add", add);
                    if (isJson(pv[1])) {
                        patch.addJson(pv[0], pv[1]);
                    } else {
                        patch.add(pv[0], pv[1]);
                    }
                } else if (test != null) {
                    String[] pv = split("--test", test);
                    patch.test(pv[0], pv[1]);
                } else {
                    patch.remove(remove);
                }
            }
        }

        private static String[] split(String option, String pathValue) {
            int eq = pathValue.indexOf('=');
            if (eq <= 0) {
                throw new UsageException(option + " takes PATH=VALUE");
            }
            return new String[] {pathValue.substring(0, eq), pathValue.substring(eq + 1)};
        }

        private static boolean isJson(String text) {
            String t = text.strip();
            if (!(t.startsWith("{") || t.startsWith("[") || t.startsWith("\""))) {
                return false;
            }
            try {
                Json.mapper().readTree(t);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        void prepare() {
            nhsNumber = NhsNumber.parse(number);
            PatientPatch.Builder patch = PatientPatch.builder();
            operations.forEach(op -> op.addTo(patch));
            changes = patch.build();
        }

        @Override
        int run(PdsClient client, Output out) {
            UpdateResult r = client.update(nhsNumber, version, changes);
            out.jsonText(r.patient().rawJson());
            out.text("updated " + nhsNumber.formatted() + ": version " + version + " -> " + r.version() + " ("
                    + r.attempts() + (r.attempts() == 1 ? " attempt" : " attempts") + ", X-Request-ID "
                    + r.requestId() + ")");
            PdsText.lines(r.patient()).forEach(out::text);
            return 0;
        }
    }

    /** {@code nhs pds related NHS_NUMBER}. */
    @Command(
            name = "related",
            mixinStandardHelpOptions = true,
            description = "List a patient's related people (none for a restricted patient).")
    static final class Related extends PdsSubcommand {
        @Parameters(paramLabel = "NHS_NUMBER", description = "The patient's NHS number.")
        String number;

        private NhsNumber nhsNumber;

        @Override
        void prepare() {
            nhsNumber = NhsNumber.parse(number);
        }

        @Override
        int run(PdsClient client, Output out) {
            List<RelatedPerson> people = client.relatedPersons(nhsNumber);
            out.jsonText(searchset(people.stream().map(RelatedPerson::rawJson).toList(), List.of()));
            if (people.isEmpty()) {
                out.text("no related people");
            }
            for (RelatedPerson p : people) {
                List<String> who = new ArrayList<>();
                p.name().map(PdsText::name).ifPresent(who::add);
                p.nhsNumber().map(n -> "NHS number " + n.formatted()).ifPresent(who::add);
                List<String> details = new ArrayList<>();
                p.address().map(PdsText::address).ifPresent(details::add);
                p.telecom().forEach(t -> details.add(PdsText.telecom(t)));
                out.text(p.relationship().map(PdsText::coding).orElse("Related person") + ": "
                        + (who.isEmpty() ? "(no name)" : PdsText.joined(who))
                        + (details.isEmpty() ? "" : "; " + PdsText.joined(details)));
            }
            return 0;
        }
    }

    /**
     * A FHIR searchset Bundle of resources, each with its search score when scores are given.
     */
    private static String searchset(List<String> resources, List<Double> scores) {
        ObjectNode b = Json.mapper().createObjectNode();
        b.put("resourceType", "Bundle");
        b.put("type", "searchset");
        b.put("total", resources.size());
        ArrayNode entries = b.putArray("entry");
        for (int i = 0; i < resources.size(); i++) {
            ObjectNode e = entries.addObject();
            if (i < scores.size()) {
                e.putObject("search").put("score", scores.get(i));
            }
            e.set("resource", tree(resources.get(i)));
        }
        return Json.write(b);
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
