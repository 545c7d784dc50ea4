package uk.nhs.sdk.examples.signin;

import java.time.Duration;
import java.time.Instant;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.examples.demo.DemoContext;
import uk.nhs.sdk.examples.demo.DemoStep;
import uk.nhs.sdk.identity.oidc.IdTokenClaims;
import uk.nhs.sdk.identity.oidc.SignIn;
import uk.nhs.sdk.identity.oidc.TokenExchangeAuth;
import uk.nhs.sdk.identity.pds.NameUse;
import uk.nhs.sdk.identity.pds.PatientName;
import uk.nhs.sdk.identity.pds.PatientPatch;
import uk.nhs.sdk.identity.pds.PdsClient;
import uk.nhs.sdk.identity.pds.RetrievedPatient;
import uk.nhs.sdk.identity.pds.UpdateResult;

/**
 * User sign-in: a test patient signs in with NHS login and a test clinician with CIS2, each ID
 * token is validated and exchanged at the API Platform for a user-restricted token; the clinician
 * reads and updates the patient's PDS record, the patient reads their own record (and only theirs).
 */
public final class SignInDemoStep implements DemoStep {
    private static final NhsNumber PATIENT = NhsNumber.parse("9000000009");

    /**
     * Creates the step.
     */
    public SignInDemoStep() {}

    @Override
    public String title() {
        return "Sign-in: a patient with NHS login, a clinician with CIS2, PDS as each of them";
    }

    @Override
    public void run(DemoContext demo) {
        SignIn patient = SandboxSignIn.signIn(demo.sandbox().nhsLogin(), false, demo.options());
        IdTokenClaims p = patient.claims();
        demo.say("NHS login: signed in " + p.vectorOfTrust().map(v -> v.value()).orElse("?") + ", NHS number "
                + p.nhsNumber().map(NhsNumber::formatted).orElse("none") + " (ID token validated: signature, issuer, "
                + "audience, expiry, nonce, vot)");
        SignIn clinician = SandboxSignIn.signIn(demo.sandbox().cis2(), true, demo.options());
        IdTokenClaims c = clinician.claims();
        demo.say("CIS2: signed in " + c.stringClaim("name").orElse("?") + ", "
                + c.acr().orElse("?") + " ("
                + c.authenticationMethods() + "), role " + c.roles().get(0).roleId() + " at "
                + c.roles().get(0).organisationCode().orElse("?") + " (issuer " + c.issuer() + ")");

        try (TokenExchangeAuth clinicianAuth = SandboxSignIn.exchange(demo.sandbox(), clinician, demo.options());
                TokenExchangeAuth patientAuth = SandboxSignIn.exchange(demo.sandbox(), patient, demo.options());
                PdsClient asClinician = pds(demo, clinicianAuth);
                PdsClient asPatient = pds(demo, patientAuth)) {
            clinicianAuth.accessToken();
            demo.say("token exchange: both ID tokens swapped for API Platform access tokens (Bearer, expires in "
                    + secondsLeft(clinicianAuth.tokenExpiry().orElseThrow(), demo) + " s), token values never printed");

            RetrievedPatient before = asClinician.getPatient(PATIENT);
            UpdateResult u = asClinician.update(
                    before,
                    PatientPatch.builder()
                            .addName(PatientName.builder()
                                    .use(NameUse.NICKNAME)
                                    .given("Janie")
                                    .build())
                            .build());
            demo.say("as the clinician: GET /Patient/" + PATIENT.value() + " version " + before.version()
                    + ", PATCH adding the nickname Janie -> version " + u.version());

            RetrievedPatient own = asPatient.getPatient(PATIENT);
            demo.say("as the patient: their own record, version " + own.version() + ", "
                    + own.patient().names().size() + " names");
            try {
                asPatient.getPatient(NhsNumber.parse("9000000017"));
                demo.say("as the patient: another patient's record was returned (unexpected)");
            } catch (NhsServiceException e) {
                demo.say("as the patient: another patient's record is refused (" + e.status() + " "
                        + e.errorCode().orElse("?") + "), as PDS's patient access mode says");
            }
        }
    }

    private static PdsClient pds(DemoContext demo, TokenExchangeAuth auth) {
        return PdsClient.builder()
                .baseUrl(demo.sandbox().pdsBaseUrl())
                .options(demo.options())
                .auth(auth)
                .build();
    }

    private static long secondsLeft(Instant expiry, DemoContext demo) {
        return Math.max(
                0, Duration.between(demo.options().clock().instant(), expiry).toSeconds());
    }
}
