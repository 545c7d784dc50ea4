package uk.nhs.sdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.internal.json.Json;

class NumberCommandTest {
    @Test
    void checkAcceptsAValidNumberInAnyGrouping() {
        CliRun r = CliRun.of("number", "check", "900-000-0009");
        assertThat(r.status).isZero();
        assertThat(r.out).contains("900 000 0009 is a valid NHS number (test range)");
    }

    @Test
    void checkRefusesABadCheckDigitWithExitStatusOneAndTheReason() throws Exception {
        CliRun r = CliRun.of("number", "check", "9000000000", "--output", "json");
        assertThat(r.status).isEqualTo(1);
        JsonNode json = Json.tree(r.out.getBytes(StandardCharsets.UTF_8));
        assertThat(json.path("valid").asBoolean(true)).isFalse();
        assertThat(json.path("reason").asText()).contains("check digit");
        assertThat(json.path("number").asText()).isEqualTo("9000000000");
    }

    @Test
    void checkExplainsTheImpossibleCheckValue() {
        CliRun r = CliRun.of("number", "check", "1234567890");
        assertThat(r.status).isEqualTo(1);
        assertThat(r.out).contains("check value of 10");
    }

    @Test
    void formatPrintsThreeThreeFour() {
        CliRun r = CliRun.of("number", "format", "9434765919");
        assertThat(r.status).isZero();
        assertThat(r.out.strip()).isEqualTo("943 476 5919");
    }

    @Test
    void formatOfAnInvalidNumberFailsWithoutEchoingIt() {
        CliRun r = CliRun.of("number", "format", "9434765918");
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains("check digit").doesNotContain("9434765918");
    }

    @Test
    void generateGivesValidTestRangeNumbersRepeatablyWithASeed() throws Exception {
        CliRun a = CliRun.of("number", "generate", "--count", "5", "--seed", "42", "--output", "json");
        CliRun b = CliRun.of("number", "generate", "--count", "5", "--seed", "42", "--output", "json");
        assertThat(a.status).isZero();
        assertThat(a.out).isEqualTo(b.out);
        JsonNode list = Json.tree(a.out.getBytes(StandardCharsets.UTF_8));
        assertThat(list).hasSize(5);
        for (JsonNode n : list) {
            assertThat(NhsNumber.parse(n.asText()).isTestNumber()).isTrue();
        }
    }

    @Test
    void aCountOutOfRangeIsRefused() {
        assertThat(CliRun.of("number", "generate", "--count", "0").status).isEqualTo(1);
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        CliRun r = CliRun.of("number", "check", "--colour", "9000000009");
        assertThat(r.status).isEqualTo(2);
    }

    @Test
    void anUnknownOutputFormatIsAUsageError() {
        CliRun r = CliRun.of("number", "check", "9000000009", "--output", "xml");
        assertThat(r.status).isEqualTo(2);
        assertThat(r.err).contains("--output must be text or json");
    }
}
