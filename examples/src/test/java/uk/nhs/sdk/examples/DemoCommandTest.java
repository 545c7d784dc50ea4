package uk.nhs.sdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoCommandTest {
    @Test
    void theDemoRunsEveryStepAgainstTheEmbeddedSandbox() {
        CliRun r = CliRun.of("demo");
        assertThat(r.err).isEmpty();
        assertThat(r.status).isZero();
        assertThat(r.out)
                .contains("1. API Platform: an access token through the signed-JWT flow")
                .contains("the cached token is reused (tokens issued so far: 1)")
                .containsPattern("Done: \\d+ steps? against http://127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void theDemoNeverPrintsTheTokenOrTheApiKey() {
        CliRun r = CliRun.of("demo");
        assertThat(r.out).contains("access token ***").contains("API key ***");
    }

    @Test
    void helpListsTheCommands() {
        CliRun r = CliRun.of("--help");
        assertThat(r.status).isZero();
        assertThat(r.out).contains("number").contains("demo").contains("sandbox");
    }
}
