package uk.nhs.sdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The demo's PDS step with the application-restricted token: retrieve (at the version the sign-in
 * step's clinician update left), search, too many matches, an update refused, a superseded number.
 */
class PdsDemoStepTest {

    @Test
    void theDemoRetrievesSearchesAndIsRefusedAnUpdate() {
        CliRun r = CliRun.of("demo");

        assertThat(r.err).isEmpty();
        assertThat(r.status).isZero();
        assertThat(r.out)
                .contains("Personal Demographics Service: retrieve, search, and what application-restricted")
                .contains("GET /Patient/9000000009: Mrs Jane Smith (usual), born 2010-10-22, version 3")
                .contains("1 match(es), best 900 000 0009 with score 1.0")
                .contains("too many matches (HTTP 200 TOO_MANY_MATCHES)")
                .contains("PATCH with the application-restricted token: refused, 403 INVALID_METHOD")
                .contains("superseded=true, the record is now 900 000 0009");
    }
}
