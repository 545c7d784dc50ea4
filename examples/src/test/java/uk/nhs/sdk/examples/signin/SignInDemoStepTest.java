package uk.nhs.sdk.examples.signin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import uk.nhs.sdk.examples.CliRun;

/**
 * The demo's sign-in step: a patient (NHS login) and a clinician (CIS2) sign in, their ID tokens
 * are exchanged, the clinician updates PDS and the patient reads only their own record.
 */
class SignInDemoStepTest {
    @Test
    void theDemoSignsInBothUsersAndUsesPdsAsEach() {
        CliRun r = CliRun.of("demo");

        assertThat(r.err).isEmpty();
        assertThat(r.status).isZero();
        assertThat(r.out)
                .contains("Sign-in: a patient with NHS login, a clinician with CIS2, PDS as each of them")
                .contains("NHS login: signed in P9.Cp.Cd, NHS number 900 000 0009")
                .contains("CIS2: signed in Ada Lovelace, AAL3_ANY ([N3_SMARTCARD]), role 555254242102 at RBA")
                .contains(
                        "token exchange: both ID tokens swapped for API Platform access tokens (Bearer, expires in 59")
                .contains(
                        "as the clinician: GET /Patient/9000000009 version 2, PATCH adding the nickname Janie -> version 3")
                .contains("as the patient: their own record, version 3")
                .contains("as the patient: another patient's record is refused (403 INVALID_VALUE)");
        assertThat(r.out.indexOf("Sign-in:")).isLessThan(r.out.indexOf("Personal Demographics Service:"));
    }
}
