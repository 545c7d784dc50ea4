package uk.nhs.sdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.internal.json.Json;
import uk.nhs.sdk.testkit.NhsSandbox;

/**
 * {@code nhs nrl ...} against the embedded sandbox: each command alone (its own sandbox), and a
 * create, supersede and delete sequence sharing one running sandbox through {@code --base-url}.
 */
class NrlCommandTest {
    private static final String[] POINTER = {
        "--nhs-number",
        "9000000017",
        "--type",
        "736253002",
        "--category",
        "734163000",
        "--url",
        "ssp://provider.example.nhs.uk/plan.pdf",
        "--asid",
        "200000000610"
    };
    private static NhsSandbox shared;

    @BeforeAll
    static void start() {
        shared = NhsSandbox.start();
    }

    @AfterAll
    static void stop() {
        shared.close();
    }

    @BeforeEach
    void reset() {
        shared.reset();
    }

    private static JsonNode json(CliRun r) throws Exception {
        return Json.tree(r.out.getBytes(StandardCharsets.UTF_8));
    }

    private static String consumerBase() {
        return shared.apiBaseUrl("record-locator/consumer/FHIR/R4").toString();
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void searchListsEachPointerWithItsCustodian() {
        CliRun r = CliRun.of("nrl", "search", "9000000017");

        assertThat(r.err).isEmpty();
        assertThat(r.status).isZero();
        assertThat(r.out)
                .contains("Y05868-1234567892  887701000000100 Emergency health care plan  custodian Y05868")
                .contains("custodian RJ11")
                .contains("custodian 8J008")
                .contains("custodian RY26A")
                .contains("custodian RM559")
                .doesNotContain("9000000017");
    }

    @Test
    void searchWithJsonOutputPrintsABundleAndFiltersNarrowIt() throws Exception {
        CliRun r = CliRun.of(
                "nrl",
                "search",
                "9000000017",
                "--type",
                "736253002",
                "--custodian",
                "RJ11",
                "--ods-code",
                "RJ11",
                "--get",
                "--output",
                "json");

        JsonNode b = json(r);
        assertThat(b.path("resourceType").asText()).isEqualTo("Bundle");
        assertThat(b.path("total").asInt()).isEqualTo(1);
        assertThat(b.path("entry").path(0).path("resource").path("id").asText()).isEqualTo("RJ11-1634567890");
    }

    @Test
    void countAndGet() throws Exception {
        CliRun count = CliRun.of("nrl", "count", "9000000017", "--category", "734163000", "--output", "json");
        CliRun get = CliRun.of("nrl", "get", "Y05868-1234567892");

        assertThat(json(count).path("total").asInt()).isEqualTo(3);
        assertThat(get.status).isZero();
        assertThat(get.out)
                .contains("Y05868-1234567892")
                .contains("content: ssp://")
                .contains("(application/pdf, static, SSP)");
    }

    @Test
    void createSupersedeAndDeleteAgainstOneSandbox() throws Exception {
        CliRun created = CliRun.of(
                concat(new String[] {"nrl", "create", "--base-url", consumerBase(), "--output", "json"}, POINTER));
        String id = json(created).path("id").asText();
        CliRun superseded = CliRun.of(concat(
                new String[] {"nrl", "supersede", id, "--base-url", consumerBase(), "--output", "json"}, POINTER));
        String newId = json(superseded).path("id").asText();
        CliRun oldGone = CliRun.of("nrl", "get", id, "--producer", "--base-url", consumerBase());
        CliRun deleted = CliRun.of(
                "nrl",
                "delete",
                newId,
                "--base-url",
                shared.serviceUrls().values().stream()
                        .map(Object::toString)
                        .filter(u -> u.endsWith("/record-locator"))
                        .findFirst()
                        .orElseThrow());

        assertThat(created.status).isZero();
        assertThat(id).startsWith("Y05868-");
        assertThat(newId).startsWith("Y05868-").isNotEqualTo(id);
        assertThat(oldGone.status).isEqualTo(1);
        assertThat(oldGone.err).contains("404").contains("RESOURCE_NOT_FOUND");
        assertThat(deleted.out).contains("deleted " + newId);
    }

    @Test
    void badInputIsRefusedBeforeAnyCallNamingTheRule() {
        CliRun badNumber = CliRun.of("nrl", "search", "9000000018");
        CliRun badId = CliRun.of("nrl", "get", "Y05868/1");
        CliRun httpsForSsp = CliRun.of(concat(
                new String[] {"nrl", "create"},
                "--nhs-number",
                "9000000017",
                "--type",
                "736253002",
                "--category",
                "734163000",
                "--url",
                "https://provider.example.nhs.uk/plan.pdf",
                "--retrieval",
                "SSP"));
        CliRun noOds = CliRun.of("nrl", "search", "9000000017", "--env", "int");

        assertThat(badNumber.status).isEqualTo(1);
        assertThat(badNumber.err).contains("check digit").doesNotContain("9000000018");
        assertThat(badId.err).contains("NRL's id pattern");
        assertThat(httpsForSsp.err).contains("must start ssp://");
        assertThat(noOds.status).isEqualTo(2);
        assertThat(noOds.err).contains("--ods-code is required");
    }

    @Test
    void anOdsCodeWithNoPointerTypesIsExplained() {
        CliRun r = CliRun.of("nrl", "search", "9000000017", "--ods-code", "X26");

        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains("no pointer types");
    }
}
