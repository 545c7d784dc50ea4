package uk.nhs.sdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The demo's PDS step: retrieve, search, update a name and read it back at the new version. */
class PdsDemoStepTest {

    @Test
    void theDemoRetrievesSearchesUpdatesAndReadsBack() {
        CliRun r = CliRun.of("demo");

        assertThat(r.err).isEmpty();
        assertThat(r.status).isZero();
        assertThat(r.out).contains("Personal Demographics Service: retrieve, search, update a name, read it back")
                .contains("GET /Patient/9000000009: Mrs Jane Smith (usual), born 2010-10-22, version 2")
                .contains("1 match(es), best 900 000 0009 with score 1.0")
                .contains("too many matches (HTTP 200 TOO_MANY_MATCHES)")
                .contains("PATCH with If-Match W/\"2\": given name Jane -> Janet, now version 3")
                .contains("read back: Mrs Janet Smith (usual), version 3")
                .contains("superseded=true, the record is now 900 000 0009");
    }
}
