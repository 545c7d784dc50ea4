package uk.nhs.sdk.identity.pds;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static uk.nhs.sdk.identity.pds.PdsTestData.captured;
import static uk.nhs.sdk.identity.pds.PdsTestData.fhir;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.testing.CapturingAppender;
import uk.nhs.sdk.core.testing.LogGuard;

/**
 * Every PDS operation, logged at TRACE, leaves no NHS number, name, address, contact detail or
 * token in the logs, in exception messages or in {@code toString()}. (LogGuard also checks the log
 * lines of every other test in this module.)
 */
class PdsLogCaptureTest extends PdsWireMockTest {
    private static final List<String> PATIENT_DATA = List.of(
            "Smith",
            "Jane",
            "Smythe",
            "Janet",
            "Trevelyan",
            "LS1 6AE",
            "01632960587",
            "jane.smith@example.com",
            "2010-10-22",
            "Bloggs",
            "Manchester");
    private static final String TOKEN = "user-restricted-token-value";

    @BeforeEach
    void forbid() {
        PATIENT_DATA.forEach(LogGuard::forbid);
        LogGuard.forbid(TOKEN);
    }

    @Test
    void everyOperationLogsAtTraceWithoutPatientDataOrSecrets() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(captured("retrieve-9000000009")));
        server.stubFor(get(urlPathEqualTo(path("/Patient"))).willReturn(captured("search-basic")));
        server.stubFor(patch(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(captured("patch-gender-ok")));
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009/RelatedPerson")))
                .willReturn(captured("related-person-9000000009")));
        server.stubFor(
                get(urlPathEqualTo(path("/Patient/9111231130"))).willReturn(captured("retrieve-not-found-9111231130")));
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000025")))
                .willReturn(fhir(429, "constructed/TOO_MANY_REQUESTS.json")));
        PdsClient pds = builder()
                .bearerToken(() -> Secret.of(TOKEN))
                .endUserOrganisation(OdsCode.of("Y12345"))
                .correlationId("corr-1")
                .build();

        RetrievedPatient p = pds.getPatient(FULL);
        SearchResult s = pds.search(PatientSearch.builder()
                .family("Smith")
                .given("Jane")
                .birthDate(LocalDate.of(2010, 10, 22))
                .postcode("LS1 6AE")
                .email("jane.smith@example.com")
                .build());
        UpdateResult u = pds.update(
                p,
                PatientPatch.builder()
                        .addName(PatientName.builder()
                                .use(NameUse.NICKNAME)
                                .family("Bloggs")
                                .build())
                        .replace("/gender", "male")
                        .build());
        List<RelatedPerson> related = pds.relatedPersons(FULL);
        Throwable notFound = catchThrowable(() -> pds.getPatient(NOT_FOUND));
        Throwable limited = catchThrowable(() -> pds.getPatient(RESTRICTED));

        List<String> lines = CapturingAppender.lines();
        assertThat(lines).as("the pipeline logs each attempt at DEBUG").isNotEmpty();
        assertThat(lines)
                .anyMatch(l -> l.contains("GET /Patient/{id}"))
                .anyMatch(l -> l.contains("PATCH /Patient/{id}"))
                .anyMatch(l -> l.contains("GET /Patient?family=***"));
        assertThat(LogGuard.violations()).isEmpty();

        String printed = String.join(
                "\n",
                p.toString(),
                p.patient().toString(),
                s.toString(),
                s.matches().get(0).toString(),
                u.toString(),
                related.toString(),
                notFound.getMessage(),
                limited.getMessage(),
                p.patient().names().toString(),
                p.patient().addresses().toString(),
                p.patient().telecom().toString(),
                p.patient().birthDate().toString(),
                p.patient().identifiers().toString(),
                p.patient().birthPlace().toString(),
                pds.toString());
        for (String value : PATIENT_DATA) {
            assertThat(printed).doesNotContain(value);
        }
        assertThat(printed)
                .doesNotContain("9000000009")
                .doesNotContain("9111231130")
                .doesNotContain(TOKEN);
    }
}
