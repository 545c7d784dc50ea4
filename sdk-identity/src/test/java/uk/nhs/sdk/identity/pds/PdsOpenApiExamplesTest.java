package uk.nhs.sdk.identity.pds;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.sdk.identity.pds.PdsTestData.fhir;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.fhir.Coding;

/**
 * The examples PDS's OpenAPI description gives for each answer (and the sandbox's
 * {@code TOO_MANY_MATCHES} stub) decode into the model with the meaning PDS documents.
 */
class PdsOpenApiExamplesTest extends PdsWireMockTest {
    private static final PatientSearch SEARCH = PatientSearch.builder()
            .family("Smith")
            .birthDate(LocalDate.of(2010, 10, 22))
            .build();

    @Test
    void theRestrictedPatientExampleIsRestrictedWithoutLocation() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000025")))
                .willReturn(fhir(200, "examples/Sensitive_Patient.json")));

        RetrievedPatient r = client().getPatient(RESTRICTED);

        assertThat(r.version()).isEqualTo(2);
        assertThat(r.sensitivity()).isEqualTo(Sensitivity.RESTRICTED);
        assertThat(r.patient().addresses()).isEmpty();
        assertThat(r.patient().telecom()).isEmpty();
        assertThat(r.patient().generalPractitioner()).isEmpty();
    }

    @Test
    void theMinimalPatientExampleIsUnrestrictedAtItsVersion() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000033")))
                .willReturn(fhir(200, "examples/Minimal_Patient.json")));

        RetrievedPatient r = client().getPatient(MINIMAL);

        assertThat(r.nhsNumber()).isEqualTo(MINIMAL);
        assertThat(r.version()).isEqualTo(2);
        assertThat(r.sensitivity()).isEqualTo(Sensitivity.UNRESTRICTED);
    }

    @Test
    void theSearchExamplesAreScoredMatches() {
        server.stubFor(get(urlPathEqualTo(path("/Patient"))).willReturn(fhir(200, "examples/PatientSearch.json")));
        SearchResult plain = client().search(SEARCH);
        server.stubFor(
                get(urlPathEqualTo(path("/Patient"))).willReturn(fhir(200, "examples/Sensitive_PatientSearch.json")));
        SearchResult restricted = client().search(SEARCH);

        assertThat(plain).isInstanceOf(SearchResult.Matches.class);
        assertThat(plain.matches()).singleElement().satisfies(m -> {
            assertThat(m.score()).isEqualTo(0.75);
            assertThat(m.patient().nhsNumber()).contains(FULL);
        });
        assertThat(restricted.matches()).singleElement().satisfies(m -> {
            assertThat(m.patient().nhsNumber()).contains(RESTRICTED);
            assertThat(m.patient().sensitivity().isRestricted()).isTrue();
            assertThat(m.patient().addresses()).isEmpty();
        });
    }

    @Test
    void theSandboxsTooManyMatchesStubIsTooManyMatches() {
        server.stubFor(get(urlPathEqualTo(path("/Patient"))).willReturn(fhir(200, "search/TOO_MANY_MATCHES.json")));

        assertThat(client().search(SEARCH)).isInstanceOf(SearchResult.TooManyMatches.class);
    }

    @Test
    void theRelatedPersonExampleNamesTheRelationshipAndThePerson() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009/RelatedPerson")))
                .willReturn(fhir(200, "examples/RelatedPersonBundle.json")));

        assertThat(client().relatedPersons(FULL)).singleElement().satisfies(p -> {
            assertThat(p.id()).contains("507B7621");
            assertThat(p.relationship().flatMap(Coding::code)).contains("Guardian");
            assertThat(p.nhsNumber()).contains(FULL);
            assertThat(p.name()).isPresent();
        });
    }
}
