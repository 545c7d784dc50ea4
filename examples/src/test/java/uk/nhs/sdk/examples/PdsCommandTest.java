package uk.nhs.sdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.internal.json.Json;
import uk.nhs.sdk.examples.signin.SandboxUsers;
import uk.nhs.sdk.testkit.NhsSandbox;

/**
 * {@code nhs pds ...} against the embedded sandbox: each command alone (its own sandbox), and a
 * sequence sharing one running sandbox through {@code --base-url}.
 */
class PdsCommandTest {
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

    private static String base() {
        return shared.pdsBaseUrl().toString();
    }

    @Test
    void getPrintsThePatientAndItsVersion() {
        CliRun r = CliRun.of("pds", "get", "9000000009");

        assertThat(r.err).isEmpty();
        assertThat(r.status).isZero();
        assertThat(r.out)
                .contains("NHS number   900 000 0009")
                .contains("Name         Mrs Jane Smith (usual)")
                .contains("Born         2010-10-22")
                .contains("Sensitivity  unrestricted")
                .contains("GP practice  Y12345")
                .contains("ETag         W/\"2\"");
    }

    @Test
    void getWithJsonOutputPrintsOnlyThePatientResource() throws Exception {
        CliRun r = CliRun.of("pds", "get", "9000000009", "--output", "json");

        JsonNode p = json(r);
        assertThat(p.path("resourceType").asText()).isEqualTo("Patient");
        assertThat(p.path("id").asText()).isEqualTo("9000000009");
        assertThat(p.path("meta").path("versionId").asText()).isEqualTo("2");
    }

    @Test
    void getSaysWhenANumberWasSuperseded() {
        CliRun r = CliRun.of("pds", "get", "9000000041");

        assertThat(r.status).isZero();
        assertThat(r.out).contains("superseded: 900 000 0041 is now 900 000 0009");
    }

    @Test
    void aRestrictedPatientPrintsNoLocation() {
        CliRun r = CliRun.of("pds", "get", "9000000025");

        assertThat(r.out)
                .contains("Sensitivity  restricted")
                .doesNotContain("Address")
                .doesNotContain("Telecom");
    }

    @Test
    void notFoundExitsOneNamingTheCodeButNotThePatient() {
        CliRun r = CliRun.of("pds", "get", "9111231130");

        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains("PDS 404 RESOURCE_NOT_FOUND").doesNotContain("9111231130");
    }

    @Test
    void anInvalidNumberIsRefusedBeforeAnyCall() {
        CliRun r = CliRun.of("pds", "get", "9000000000");

        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains("check digit").doesNotContain("9000000000");
    }

    @Test
    void searchPrintsScoredMatches() {
        CliRun r = CliRun.of("pds", "search", "--family", "Smith", "--given", "Jane", "--birthdate", "eq2010-10-22");

        assertThat(r.status).isZero();
        assertThat(r.out.strip()).isEqualTo("1.0000  900 000 0009  Mrs Jane Smith (usual)  born 2010-10-22");
    }

    @Test
    void searchJsonIsASearchsetBundleForAClinician() throws Exception {
        CliRun r = CliRun.of(
                "pds",
                "search",
                "--family",
                "Sm*",
                "--birthdate",
                "ge2010-10-01",
                "--birthdate",
                "le2010-10-31",
                "--output",
                "json",
                "--base-url",
                base(),
                "--access-token",
                SandboxUsers.clinicianToken(shared));

        JsonNode b = json(r);
        assertThat(b.path("resourceType").asText()).isEqualTo("Bundle");
        assertThat(b.path("total").asInt()).isEqualTo(3);
        assertThat(b.path("entry").path(0).path("search").path("score").asDouble())
                .isLessThan(1.0);
    }

    @Test
    void theSignedJwtTokenIsApplicationRestrictedSoASearchGetsOneResultAtMost() {
        CliRun r = CliRun.of(
                "pds", "search", "--family", "Sm*", "--birthdate", "ge2010-10-01", "--birthdate", "le2010-10-31");

        assertThat(r.status).isEqualTo(1);
        assertThat(r.out).contains("TOO_MANY_MATCHES");
    }

    @Test
    void tooManyMatchesExitsOneWithTheCode() {
        CliRun r = CliRun.of("pds", "search", "--family", "Sm*", "--birthdate", "eq2010-10-22", "--max-results", "1");

        assertThat(r.status).isEqualTo(1);
        assertThat(r.out).contains("TOO_MANY_MATCHES");
    }

    @Test
    void anImpossibleSearchIsRefusedBeforeAnyCall() {
        CliRun noBirthDate = CliRun.of("pds", "search", "--family", "Smith");
        CliRun earlyWildcard = CliRun.of("pds", "search", "--family", "S*", "--birthdate", "eq2010-10-22");

        assertThat(noBirthDate.status).isEqualTo(1);
        assertThat(noBirthDate.err).contains("family and birthdate");
        assertThat(earlyWildcard.err).contains("first two characters");
    }

    @Test
    void updatesShareStateThroughARunningSandbox() throws Exception {
        CliRun update = CliRun.of(
                "pds",
                "update",
                "9000000009",
                "--version",
                "2",
                "--base-url",
                base(),
                "--replace",
                "/gender=male",
                "--test",
                "/address/1/id=T456",
                "--remove",
                "/address/1");
        CliRun stale = CliRun.of(
                "pds", "update", "9000000009", "--version", "2", "--base-url", base(), "--replace", "/gender=female");
        CliRun read = CliRun.of("pds", "get", "9000000009", "--base-url", base(), "--output", "json");

        assertThat(update.err).isEmpty();
        assertThat(update.status).isZero();
        assertThat(update.out).contains("updated 900 000 0009: version 2 -> 3 (1 attempt");
        assertThat(stale.status).isEqualTo(1);
        assertThat(stale.err).contains("PDS 409 RESOURCE_VERSION_MISMATCH");
        JsonNode p = json(read);
        assertThat(p.path("gender").asText()).isEqualTo("male");
        assertThat(p.path("meta").path("versionId").asText()).isEqualTo("3");
        assertThat(p.path("address")).hasSize(1);
    }

    @Test
    void updateAddsJsonValues() throws Exception {
        CliRun r = CliRun.of(
                "pds",
                "update",
                "9000000033",
                "--version",
                "2",
                "--base-url",
                base(),
                "--output",
                "json",
                "--add",
                "/name/-={\"use\":\"usual\",\"given\":[\"Alex\"],\"family\":\"Minimal\"}",
                "--add",
                "/gender=unknown");

        assertThat(r.status).as(r.err).isZero();
        JsonNode p = json(r);
        assertThat(p.path("name").path(0).path("family").asText()).isEqualTo("Minimal");
        assertThat(p.path("gender").asText()).isEqualTo("unknown");
    }

    @Test
    void updateNeedsAnOperationAndAValidPatch() {
        CliRun none = CliRun.of("pds", "update", "9000000009", "--version", "2");
        CliRun untested = CliRun.of("pds", "update", "9000000009", "--version", "2", "--remove", "/address/1");

        assertThat(none.status).isEqualTo(2);
        assertThat(untested.status).isEqualTo(1);
        assertThat(untested.err).contains("immediately preceded by a test");
    }

    @Test
    void relatedListsThePeopleOrNone() throws Exception {
        CliRun full = CliRun.of("pds", "related", "9000000009");
        CliRun restricted = CliRun.of("pds", "related", "9000000025", "--base-url", base());
        CliRun json = CliRun.of("pds", "related", "9000000009", "--base-url", base(), "--output", "json");

        assertThat(full.status).isZero();
        assertThat(full.out)
                .contains(
                        "Guardian of patient: Mrs Jane Smith MBE (usual), NHS number 900 000 0009; 1 Trevelyan Square")
                .contains("Guardian of patient: NHS number 900 000 0009\n");
        assertThat(restricted.out.strip()).isEqualTo("no related people");
        assertThat(json(json).path("entry")).hasSize(2);
    }

    @Test
    void helpListsThePdsCommands() {
        CliRun r = CliRun.of("pds", "--help");

        assertThat(r.status).isZero();
        assertThat(r.out).contains("get").contains("search").contains("update").contains("related");
        assertThat(CliRun.of("pds", "update", "--help").out)
                .contains("--version=N")
                .contains("--replace");
    }
}
