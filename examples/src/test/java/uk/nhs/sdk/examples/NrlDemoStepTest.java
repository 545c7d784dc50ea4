package uk.nhs.sdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The demo's NRL step: find a patient's pointers and their custodians, create a pointer and supersede it. */
class NrlDemoStepTest {

    @Test
    void theDemoFindsPointersCreatesAndSupersedes() {
        CliRun r = CliRun.of("demo");

        assertThat(r.err).isEmpty();
        assertThat(r.status).isZero();
        assertThat(r.out)
                .contains("National Record Locator: find a patient's pointers, create one and supersede it")
                .contains("5 pointer(s)")
                .contains("custodians to look up in ODS: 8J008, RJ11, RM559, RY26A, Y05868")
                .containsPattern("POST /DocumentReference: created Y05868-[0-9a-f-]+ \\(id from the Location header\\)")
                .containsPattern("supersede with relatesTo replaces Y05868-[0-9a-f-]+: new pointer Y05868-")
                .contains("the old pointer is gone: GET answers 404 RESOURCE_NOT_FOUND")
                .contains("the patient now has 6 pointer(s) visible to Y05868");
    }
}
