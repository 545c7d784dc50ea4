package uk.nhs.sdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The published document has a place for every section the suite generates. */
class ReliabilityDocumentTest {

    @Test
    void everyGeneratedSectionHasItsMarkersInOrder() throws Exception {
        String doc = Files.readString(
                Paths.get(System.getProperty("reliability.document", "../docs/reliability.md")),
                StandardCharsets.UTF_8);
        int last = -1;
        for (String name :
                List.of("run", "fault-matrix", "hostile-input", "nothing-lost", "shared-under-load", "privacy")) {
            int open = doc.indexOf("<!-- generated:" + name + " -->\n");
            int close = doc.indexOf("<!-- /generated:" + name + " -->");
            assertThat(open).as("opening marker of %s", name).isGreaterThan(last);
            assertThat(close).as("closing marker of %s", name).isGreaterThan(open);
            last = close;
        }
    }

    @Test
    void thePatientNamesOfTheFakesAreForbiddenInLogsAndMessages() {
        assertThat(SandboxSecrets.forbidPatientNames()).contains("Smith", "Jane");
        assertThatThrownBy(() -> PrivacyAudit.check(new IllegalStateException("no match for Jane Smith")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("forbidden value");
    }
}
