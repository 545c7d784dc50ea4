package uk.nhs.sdk.identity.pds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.ConflictException;
import uk.nhs.sdk.core.error.ForbiddenException;
import uk.nhs.sdk.core.error.ResourceNotFoundException;
import uk.nhs.sdk.core.error.UnauthorizedException;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingSleeper;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.NhsSandboxExtension;
import uk.nhs.sdk.testkit.SandboxFault;

/**
 * The client against the embedded sandbox's PDS fake, which enforces PDS's rules and access modes:
 * updates and many-result searches run as a CIS2 clinician (token exchange), as on the real PDS;
 * the sandbox application's own signed-JWT token is application-restricted.
 */
@ExtendWith(NhsSandboxExtension.class)
class PdsClientAgainstSandboxTest {
    private static final NhsNumber FULL = NhsNumber.parse("9000000009");
    private static final NhsNumber RESTRICTED = NhsNumber.parse("9000000025");
    private static final NhsNumber SUPERSEDED = NhsNumber.parse("9000000041");

    private RecordingSleeper sleeper;
    private NhsClientOptions options;

    @BeforeEach
    void options() {
        sleeper = new RecordingSleeper(new MutableClock(Instant.parse("2026-11-25T10:00:00Z")));
        options = NhsClientOptions.builder()
                .sleeper(sleeper)
                .circuitBreaker(CircuitBreakerOptions.disabled())
                .build();
    }

    private PdsClient appRestricted(NhsSandbox sandbox) {
        return PdsClient.builder()
                .baseUrl(sandbox.pdsBaseUrl())
                .options(options)
                .auth(sandbox.signedJwtAuth())
                .build();
    }

    /** PDS as the sandbox's CIS2 clinician; the auth's own calls use default options (no recorded sleeps). */
    private PdsClient pds(NhsSandbox sandbox) throws Exception {
        return PdsClient.builder()
                .baseUrl(sandbox.pdsBaseUrl())
                .options(options)
                .auth(SandboxClinician.auth(sandbox, NhsClientOptions.defaults()))
                .build();
    }

    private static PatientPatch nickname(String given) {
        return PatientPatch.builder()
                .addName(
                        PatientName.builder().use(NameUse.NICKNAME).given(given).build())
                .build();
    }

    @Test
    void anUpdateWithAStaleVersionIsAConflict(NhsSandbox sandbox) throws Exception {
        PdsClient pds = pds(sandbox);
        RetrievedPatient before = pds.getPatient(FULL);
        pds.update(before, nickname("Janie"));

        ConflictException e = catchThrowableOfType(ConflictException.class, () -> pds.update(before, nickname("Jan")));

        assertThat(e.status()).isEqualTo(409);
        assertThat(e.errorCode()).contains("RESOURCE_VERSION_MISMATCH");
        assertThat(pds.getPatient(FULL).version()).isEqualTo(before.version() + 1);
    }

    @Test
    void theSameUpdateRetriedAfterA503IsAppliedOnce(NhsSandbox sandbox) throws Exception {
        PdsClient pds = pds(sandbox);
        RetrievedPatient before = pds.getPatient(FULL);
        sandbox.faults()
                .injectNext(
                        "PATCH",
                        ".*/Patient/9000000009",
                        SandboxFault.status(503)
                                .withRetryAfter(Duration.ofSeconds(5))
                                .afterProcessing());

        UpdateResult r = pds.update(before, nickname("Janie"));

        assertThat(r.attempts()).isEqualTo(2);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(5));
        assertThat(r.version()).isEqualTo(before.version() + 1);
        RetrievedPatient after = pds.getPatient(FULL);
        assertThat(after.version()).as("applied once").isEqualTo(before.version() + 1);
        assertThat(after.patient().names()).hasSize(before.patient().names().size() + 1);
        assertThat(after.patient().names())
                .filteredOn(n -> n.given().contains("Janie"))
                .singleElement()
                .satisfies(n -> assertThat(n.id()).isPresent());
    }

    @Test
    void retrieveSearchUpdateAndReadBackAsAClinician(NhsSandbox sandbox) throws Exception {
        PdsClient pds = pds(sandbox);

        RetrievedPatient p = pds.getPatient(FULL);
        SearchResult found = pds.search(PatientSearch.builder()
                .family("Smith")
                .given("Jane")
                .birthDate(LocalDate.of(2010, 10, 22))
                .build());
        UpdateResult u = pds.update(
                p,
                PatientPatch.builder()
                        .replace("/name/0/id", "123")
                        .replace("/name/0/given/0", "Janet")
                        .build());
        RetrievedPatient back = pds.getPatient(FULL);

        assertThat(found).isInstanceOf(SearchResult.Matches.class);
        assertThat(found.matches().get(0).patient().nhsNumber()).contains(FULL);
        assertThat(u.version()).isEqualTo(p.version() + 1);
        assertThat(back.version()).isEqualTo(u.version());
        assertThat(back.patient().usualName().map(PatientName::given).orElseThrow())
                .containsExactly("Janet");
        assertThat(pds.relatedPersons(FULL)).hasSize(2);
    }

    @Test
    void supersededRestrictedAndTooManyMatchesComeThroughTyped(NhsSandbox sandbox) throws Exception {
        PdsClient pds = pds(sandbox);

        RetrievedPatient merged = pds.getPatient(SUPERSEDED);
        RetrievedPatient restricted = pds.getPatient(RESTRICTED);
        SearchResult many = pds.search(PatientSearch.builder()
                .family("Sm*")
                .birthDate(LocalDate.of(2010, 10, 22))
                .maxResults(1)
                .build());

        assertThat(merged.isSuperseded()).isTrue();
        assertThat(merged.nhsNumber()).isEqualTo(FULL);
        assertThat(restricted.sensitivity()).isEqualTo(Sensitivity.RESTRICTED);
        assertThat(restricted.patient().telecom()).isEmpty();
        assertThat(pds.relatedPersons(RESTRICTED)).isEmpty();
        assertThat(many).isInstanceOf(SearchResult.TooManyMatches.class);
        assertThat(catchThrowableOfType(ForbiddenException.class, () -> pds.update(SUPERSEDED, 2, nickname("Jo")))
                        .errorCode())
                .contains("FORBIDDEN_UPDATE");
        assertThat(catchThrowableOfType(
                                ResourceNotFoundException.class, () -> pds.getPatient(NhsNumber.parse("9111231130")))
                        .errorCode())
                .contains("RESOURCE_NOT_FOUND");
    }

    @Test
    void theSandboxApplicationsOwnTokenReadsButCannotUpdateOrListMatches(NhsSandbox sandbox) {
        PdsClient pds = appRestricted(sandbox);

        RetrievedPatient p = pds.getPatient(FULL);
        SearchResult one = pds.search(PatientSearch.builder()
                .family("Smith")
                .given("Jane")
                .birthDate(LocalDate.of(2010, 10, 22))
                .build());
        SearchResult many = pds.search(PatientSearch.builder()
                .family("Sm*")
                .birthDate(LocalDate.of(2010, 10, 22))
                .build());
        ForbiddenException update = catchThrowableOfType(ForbiddenException.class, () -> pds.update(p, nickname("Jo")));

        assertThat(one.matches()).hasSize(1);
        assertThat(many).as("_max-results defaults to 1").isInstanceOf(SearchResult.TooManyMatches.class);
        assertThat(update.errorCode()).contains("INVALID_METHOD");
        assertThat(pds.getPatient(FULL).version()).isEqualTo(p.version());
    }

    @Test
    void aTokenTheSandboxDidNotIssueIsRefused(NhsSandbox sandbox) {
        PdsClient pds = PdsClient.builder()
                .baseUrl(sandbox.pdsBaseUrl())
                .options(options)
                .bearerToken(() -> Secret.of("not-a-sandbox-token"))
                .build();

        UnauthorizedException e = catchThrowableOfType(UnauthorizedException.class, () -> pds.getPatient(FULL));

        assertThat(e.errorCode()).contains("ACCESS_DENIED");
    }
}
