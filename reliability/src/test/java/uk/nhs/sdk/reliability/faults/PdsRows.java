package uk.nhs.sdk.reliability.faults;

import java.time.LocalDate;
import java.util.List;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.BearerTokenAuth;
import uk.nhs.sdk.core.http.Idempotency;
import uk.nhs.sdk.identity.pds.Gender;
import uk.nhs.sdk.identity.pds.PatientPatch;
import uk.nhs.sdk.identity.pds.PatientSearch;
import uk.nhs.sdk.identity.pds.PdsClient;
import uk.nhs.sdk.identity.pds.RetrievedPatient;
import uk.nhs.sdk.identity.pds.SearchResult;
import uk.nhs.sdk.reliability.PrivacyAudit;

/** The Personal Demographics Service's operations. */
final class PdsRows {
    static final String FAMILY = "PDS";
    private static final NhsNumber JANE = NhsNumber.parse("9000000009");

    private PdsRows() {}

    static List<MatrixRow> rows() {
        return List.of(
                new MatrixRow(FAMILY, "get patient", "GET", ".*/Patient/9000000009", Idempotency.SAFE, cell -> {
                    try (PdsClient pds = client(cell, cell.fixtures().appToken())) {
                        cell.arm();
                        RetrievedPatient p = pds.getPatient(JANE);
                        check(p.nhsNumber().equals(JANE), "the patient read is the one asked for");
                    }
                }),
                new MatrixRow(FAMILY, "search", "GET", ".*/Patient", Idempotency.SAFE, cell -> {
                    try (PdsClient pds = client(cell, cell.fixtures().appToken())) {
                        cell.arm();
                        SearchResult r = pds.search(PatientSearch.builder()
                                .family("Smith")
                                .given("Jane")
                                .birthDate(LocalDate.of(2010, 10, 22))
                                .build());
                        check(r.matches().size() == 1, "the search finds its one patient");
                    }
                }),
                new MatrixRow(FAMILY, "update (PATCH)", "PATCH", ".*/Patient/9000000009", Idempotency.KEYED, cell -> {
                    try (PdsClient pds = client(cell, cell.fixtures().clinicianToken())) {
                        RetrievedPatient before = pds.getPatient(JANE);
                        Gender next = before.patient()
                                        .gender()
                                        .filter(g -> g == Gender.MALE)
                                        .isPresent()
                                ? Gender.FEMALE
                                : Gender.MALE;
                        cell.arm();
                        boolean ok = false;
                        try {
                            pds.update(
                                    before,
                                    PatientPatch.builder()
                                            .replace("/gender", next.code())
                                            .build());
                            ok = true;
                        } finally {
                            try (PdsClient check =
                                    client(cell.sandbox(), cell.fixtures().clinicianToken())) {
                                RetrievedPatient after = check.getPatient(JANE);
                                check(after.version() <= before.version() + 1, "an update is applied at most once");
                                check(
                                        !ok
                                                || after.version() == before.version() + 1
                                                        && after.patient()
                                                                .gender()
                                                                .filter(next::equals)
                                                                .isPresent(),
                                        "a successful update is applied");
                            }
                        }
                    }
                }));
    }

    private static PdsClient client(Cell cell, Secret token) {
        return PdsClient.builder()
                .baseUrl(cell.sandbox().pdsBaseUrl())
                .options(cell.options())
                .auth(BearerTokenAuth.of(() -> token))
                .build();
    }

    private static PdsClient client(uk.nhs.sdk.testkit.NhsSandbox sandbox, Secret token) {
        return PdsClient.builder()
                .baseUrl(sandbox.pdsBaseUrl())
                .options(Cell.setupOptions())
                .auth(BearerTokenAuth.of(() -> token))
                .build();
    }

    /** The search's patient data beyond names (which the suite forbids already): in no log line or message. */
    static void forbidPatientData() {
        PrivacyAudit.forbid("2010-10-22");
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError("not true: " + what);
        }
    }
}
