package uk.nhs.sdk.identity.pds;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static uk.nhs.sdk.identity.pds.PdsTestData.captured;
import static uk.nhs.sdk.identity.pds.PdsTestData.fhir;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.error.ResourceNotFoundException;
import uk.nhs.sdk.core.fhir.Coding;

/** {@code GET /Patient/{id}/RelatedPerson}. */
class PdsRelatedPersonTest extends PdsWireMockTest {

    @Test
    void decodesTheSandboxsTwoRelatedPeople() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009/RelatedPerson")))
                .willReturn(captured("related-person-9000000009")));

        List<RelatedPerson> people = client().relatedPersons(FULL);

        assertThat(people).hasSize(2);
        RelatedPerson withDetails = people.get(0);
        assertThat(withDetails.id()).contains("507B7621");
        assertThat(withDetails.relationship().flatMap(Coding::code)).contains("Guardian");
        assertThat(withDetails.name().flatMap(PatientName::family)).contains("Smith");
        assertThat(withDetails.address().flatMap(Address::postalCode)).contains("LS1 6AE");
        assertThat(withDetails.telecom()).hasSize(1);
        assertThat(withDetails.copyCorrespondence()).contains(true);
        assertThat(withDetails.contactRank()).contains(1);
        assertThat(withDetails.contactPreference().flatMap(ContactPreference::times))
                .contains("Not after 7pm");
        assertThat(withDetails.communication().flatMap(Communication::language).flatMap(Coding::code))
                .contains("fr");
        assertThat(people.get(1).nhsNumber()).contains(FULL);
        assertThat(withDetails.toString()).doesNotContain("Guardian").doesNotContain("Smith");
    }

    @Test
    void personalDetailsAndReferencesBothDecode() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000017/RelatedPerson")))
                .willReturn(fhir(200, "examples/Personal_Details_RelatedPersonBundle.json")));
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009/RelatedPerson")))
                .willReturn(fhir(200, "examples/Referenced_RelatedPersonBundle.json")));

        RelatedPerson details = client().relatedPersons(RELATED).get(0);
        RelatedPerson reference = client().relatedPersons(FULL).get(0);

        assertThat(details.nhsNumber()).isEmpty();
        assertThat(details.name()).isPresent();
        assertThat(reference.nhsNumber()).contains(NhsNumber.parse("9000000009"));
        assertThat(reference.name()).isEmpty();
    }

    @Test
    void aRestrictedPatientHasAnEmptyBundle() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000025/RelatedPerson")))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/fhir+json")
                        .withBody("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":0}")));

        assertThat(client().relatedPersons(RESTRICTED)).isEmpty();
    }

    @Test
    void noRelatedPeopleIsNotFound() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9111231130/RelatedPerson")))
                .willReturn(fhir(404, "errors/RESOURCE_NOT_FOUND.json")));

        ResourceNotFoundException e =
                catchThrowableOfType(ResourceNotFoundException.class, () -> client().relatedPersons(NOT_FOUND));

        assertThat(e.errorCode()).contains("RESOURCE_NOT_FOUND");
    }
}
