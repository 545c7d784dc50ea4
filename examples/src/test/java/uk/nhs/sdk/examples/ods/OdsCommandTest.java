package uk.nhs.sdk.examples.ods;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.internal.json.Json;
import uk.nhs.sdk.examples.CliRun;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.SandboxOds;

/**
 * {@code nhs ods ...} against the embedded sandbox: each command alone (its own sandbox), and the
 * mirror against one running sandbox through {@code --base-url}, whose change feed the test advances.
 */
class OdsCommandTest {
    private static NhsSandbox shared;

    @TempDir
    Path tmp;

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
        return shared.apiBaseUrl("organisation-data-terminology-api/fhir").toString();
    }

    private static String key() {
        return shared.application().apiKey().reveal();
    }

    @Test
    void getPrintsTheOrganisationAndItsRoles() {
        CliRun r = CliRun.of("ods", "get", "RR8");

        assertThat(r.err).isEmpty();
        assertThat(r.status).isZero();
        assertThat(r.out)
                .contains("Name         LEEDS TEACHING HOSPITALS NHS TRUST")
                .contains("Role         RO197 NHS TRUST (primary)")
                .contains("Address      ST. JAMES'S UNIVERSITY HOSPITAL")
                .contains("Last change  2023-11-14");
    }

    @Test
    void getAsJsonPrintsTheResource() throws Exception {
        CliRun r = CliRun.of("ods", "get", "Y05868", "--output", "json");

        assertThat(r.status).isZero();
        assertThat(json(r).path("resourceType").asText()).isEqualTo("Organization");
        assertThat(json(r).path("id").asText()).isEqualTo("Y05868");
    }

    @Test
    void anUnknownCodeFailsWithNotFound() {
        CliRun r = CliRun.of("ods", "get", "XYZ999");

        assertThat(r.status).isNotZero();
        assertThat(r.err).contains("404");
    }

    @Test
    void aMalformedCodeOrRoleFailsBeforeAnyCall() {
        assertThat(CliRun.of("ods", "get", "R/8").err).contains("odsCode");
        assertThat(CliRun.of("ods", "search", "--role", "76").err).contains("roleCode");
        assertThat(CliRun.of("ods", "search", "--name", "ab").err).contains("3 to 100 characters");
        assertThat(CliRun.of("ods", "search", "--last-change-date", "gt2024-13-01").err)
                .contains("lastChangeDate");
    }

    @Test
    void searchFollowsPagesAndCombinesRoles() {
        CliRun r = CliRun.of("ods", "search", "--role", "RO197,RO172", "--page-size", "2", "--max", "10");

        assertThat(r.err).isEmpty();
        assertThat(r.out)
                .contains("RR8  LEEDS TEACHING HOSPITALS NHS TRUST  RO197")
                .contains("AQN  PARTNERING HEALTH")
                .contains("RJ11  NRL SANDBOX MENTAL HEALTH TRUST")
                .contains("8J008  NRL SANDBOX AMBULANCE SERVICE");
    }

    @Test
    void searchCounts() throws Exception {
        CliRun r = CliRun.of("ods", "search", "--role", "RO76", "--count", "--output", "json");

        assertThat(r.status).isZero();
        assertThat(json(r).path("total").asInt()).isEqualTo(1 + SandboxOds.DEFAULT_GENERATED / 2);
    }

    @Test
    void theMirrorLoadsThenUpdatesThenLooksUpOffline() throws Exception {
        Path dir = tmp.resolve("ods");
        CliRun load = CliRun.of(
                "ods",
                "mirror",
                "--base-url",
                base(),
                "--api-key",
                key(),
                "--dir",
                dir.toString(),
                "--role",
                "RO76",
                "--page-size",
                "40",
                "--lookup",
                "Y05868");
        assertThat(load.err).isEmpty();
        assertThat(load.out)
                .contains("full load: 4 page(s), 126 written, 0 removed")
                .contains("holds 126 organisation(s) with role(s) RO76")
                .contains("offline: Y05868  NRL SANDBOX DEMO GP PRACTICE  RO177");

        LocalDate today = LocalDate.now();
        SandboxOds.of(shared).rename(OdsCode.of("Y05868"), "RENAMED PRACTICE", today);
        SandboxOds.of(shared).delete(OdsCode.of("Z00001"), today);
        CliRun update = CliRun.of(
                "ods",
                "mirror",
                "--base-url",
                base(),
                "--api-key",
                key(),
                "--dir",
                dir.toString(),
                "--lookup",
                "Y05868",
                "--lookup",
                "Z00001",
                "--output",
                "json");

        assertThat(update.status).isEqualTo(1);
        JsonNode result = json(update);
        assertThat(result.path("sync").asText()).isEqualTo("incremental");
        assertThat(result.path("written").asInt()).isEqualTo(1);
        assertThat(result.path("removed").asInt()).isEqualTo(1);
        assertThat(result.path("organisations").asInt()).isEqualTo(125);
        assertThat(result.path("lookups").path(0).path("name").asText()).isEqualTo("RENAMED PRACTICE");
        assertThat(Files.list(dir.resolve("organisations")).count()).isEqualTo(125);
    }

    @Test
    void intWithoutAnApiKeyIsAUsageError() {
        CliRun r = CliRun.of("ods", "get", "RR8", "--env", "int");

        assertThat(r.status).isNotZero();
        assertThat(r.err).contains("--api-key");
    }
}
