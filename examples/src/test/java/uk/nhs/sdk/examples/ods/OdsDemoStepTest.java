package uk.nhs.sdk.examples.ods;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import uk.nhs.sdk.examples.CliRun;

/** The demo's ODS step: the NRL custodians by ODS code, a mirror of the GP practices, an offline lookup. */
class OdsDemoStepTest {

    @Test
    void theDemoLooksUpCustodiansMirrorsAndLooksUpOffline() {
        CliRun r = CliRun.of("demo");

        assertThat(r.err).isEmpty();
        assertThat(r.status).isZero();
        assertThat(r.out)
                .contains("ODS: look up the NRL custodians, mirror the GP practices, look one up offline")
                .contains(
                        "GET /Organization/Y05868: NRL SANDBOX DEMO GP PRACTICE, RO177 PRESCRIBING COST CENTRE (primary)")
                .contains("GET /Organization/RM559: NRL SANDBOX HOSPITAL SITE, RO198 NHS TRUST SITE (primary)")
                .contains("126 GP practices")
                .contains("3 pages of at most 50, 126 organisations written")
                .contains("sync again (incremental, by lastChangeDate and the deletion list): 0 written, 0 removed")
                .contains(
                        "offline lookup (no client) of Y05868: NRL SANDBOX DEMO GP PRACTICE, last changed 2024-02-06");
    }
}
