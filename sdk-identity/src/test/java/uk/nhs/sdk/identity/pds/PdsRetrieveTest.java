package uk.nhs.sdk.identity.pds;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.nhs.sdk.identity.pds.PdsTestData.captured;
import static uk.nhs.sdk.identity.pds.PdsTestData.fhir;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.fhir.Coding;

/** {@code GET /Patient/{id}} against the captured sandbox exchanges and the OpenAPI examples. */
class PdsRetrieveTest extends PdsWireMockTest {

    @Test
    void decodesTheFullSandboxPatient() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(captured("retrieve-9000000009")));

        RetrievedPatient r = client().getPatient(FULL);
        Patient p = r.patient();

        assertThat(r.version()).isEqualTo(2);
        assertThat(r.isSuperseded()).isFalse();
        assertThat(r.nhsNumber()).isEqualTo(FULL);
        assertThat(r.sensitivity()).isEqualTo(Sensitivity.UNRESTRICTED);
        assertThat(p.id()).isEqualTo("9000000009");
        assertThat(p.nhsNumber()).contains(FULL);
        assertThat(p.version()).contains(2L);
        assertThat(p.nhsNumberVerificationStatus().flatMap(Coding::code)).contains("01");
        assertThat(p.identifiers())
                .singleElement()
                .satisfies(i -> assertThat(i.isVerified()).isTrue());

        PatientName name = p.usualName().orElseThrow();
        assertThat(name.id()).contains("123");
        assertThat(name.given()).containsExactly("Jane");
        assertThat(name.family()).contains("Smith");
        assertThat(name.prefixes()).containsExactly("Mrs");
        assertThat(name.suffixes()).isEmpty();
        assertThat(name.period().flatMap(Period::start).flatMap(FhirDate::toLocalDate))
                .contains(LocalDate.of(2020, 1, 1));
        assertThat(name.period().flatMap(Period::end).flatMap(FhirDate::toLocalDate))
                .contains(LocalDate.of(2021, 12, 31));

        assertThat(p.gender()).contains(Gender.FEMALE);
        assertThat(p.birthDate().flatMap(FhirDate::toLocalDate)).contains(LocalDate.of(2010, 10, 22));
        assertThat(p.multipleBirthOrder()).contains(1);
        assertThat(p.isDeceased()).isTrue();
        assertThat(p.deceasedDateTime().flatMap(FhirDate::toOffsetDateTime))
                .contains(OffsetDateTime.of(2010, 10, 22, 0, 0, 0, 0, ZoneOffset.UTC));

        assertThat(p.addresses()).hasSize(2);
        Address home = p.homeAddress().orElseThrow();
        assertThat(home.id()).contains("456");
        assertThat(home.lines())
                .containsExactly("1 Trevelyan Square", "Boar Lane", "City Centre", "Leeds", "West Yorkshire");
        assertThat(home.postalCode()).contains("LS1 6AE");
        assertThat(home.pafKey()).contains("12345678");
        assertThat(home.uprn()).contains("123456789012");
        assertThat(p.addresses().get(1).use()).contains(AddressUse.TEMP);
        assertThat(p.addresses().get(1).text()).contains("Student Accommodation");

        assertThat(p.telecom())
                .extracting(t -> t.system().orElseThrow())
                .containsExactly(ContactSystem.PHONE, ContactSystem.EMAIL, ContactSystem.OTHER);
        assertThat(p.telecom().get(1).value()).contains("jane.smith@example.com");
        assertThat(p.telecom().get(2).otherSystem().flatMap(Coding::code)).contains("textphone");

        assertThat(p.generalPractitioner().map(OrganisationReference::odsCode)).contains("Y12345");
        assertThat(p.generalPractitioner().flatMap(OrganisationReference::id)).contains("254406A3");
        assertThat(p.managingOrganisation().map(OrganisationReference::odsCode)).contains("Y12345");
        assertThat(p.nominatedPharmacy().map(OrganisationReference::odsCode)).contains("Y12345");
        assertThat(p.preferredDispenser().map(OrganisationReference::odsCode)).contains("Y23456");
        assertThat(p.medicalApplianceSupplier().map(OrganisationReference::odsCode))
                .contains("Y34567");

        assertThat(p.deathNotification().orElseThrow().isFormal()).isTrue();
        assertThat(p.deathNotification()
                        .flatMap(DeathNotification::systemEffectiveDate)
                        .map(FhirDate::text))
                .contains("2010-10-22T00:00:00+00:00");
        assertThat(p.communication().flatMap(Communication::language).flatMap(Coding::code))
                .contains("fr");
        assertThat(p.communication().flatMap(Communication::interpreterRequired))
                .contains(true);
        ContactPreference pref = p.contactPreference().orElseThrow();
        assertThat(pref.writtenFormat().flatMap(Coding::display)).contains("Braille");
        assertThat(pref.method().flatMap(Coding::display)).contains("Letter");
        assertThat(pref.times()).contains("Not after 7pm");
        BirthPlace place = p.birthPlace().orElseThrow();
        assertThat(place.city()).contains("Manchester");
        assertThat(place.district()).contains("Greater Manchester");
        assertThat(place.country()).contains("GBR");
        RegistrationRemoval removal = p.removalFromRegistration().orElseThrow();
        assertThat(removal.reason().flatMap(Coding::code)).contains("SCT");
        assertThat(removal.effective().flatMap(Period::start).flatMap(FhirDate::toLocalDate))
                .contains(LocalDate.of(2020, 1, 1));

        assertThat(p.rawJson()).contains("\"contact\"").contains("Emergency Contact");
    }

    @Test
    void theLocalSandboxsTwoContentTypeHeadersAreAccepted() throws Exception {
        try (RawExchangeServer raw = new RawExchangeServer("retrieve-9000000009")) {
            java.net.http.HttpResponse<String> check = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create(raw.baseUrl() + "/Patient/9000000009"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(check.headers().allValues("Content-Type"))
                    .containsExactly("application/fhir+json", "application/json");

            RetrievedPatient r = PdsClient.builder()
                    .baseUrl(raw.baseUrl())
                    .options(options().build())
                    .build()
                    .getPatient(FULL);

            assertThat(r.version()).isEqualTo(2);
            assertThat(r.patient().usualName().flatMap(PatientName::family)).contains("Smith");
            assertThat(raw.requestLines()).last().isEqualTo("GET " + BASE + "/Patient/9000000009 HTTP/1.1");
        }
    }

    @Test
    void aRestrictedPatientHasNoAddressTelecomOrPractice() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000025")))
                .willReturn(captured("retrieve-restricted-9000000025")));

        RetrievedPatient r = client().getPatient(RESTRICTED);

        assertThat(r.sensitivity()).isEqualTo(Sensitivity.RESTRICTED);
        assertThat(r.sensitivity().isRestricted()).isTrue();
        assertThat(r.patient().addresses()).isEmpty();
        assertThat(r.patient().telecom()).isEmpty();
        assertThat(r.patient().generalPractitioner()).isEmpty();
        assertThat(r.patient().usualName().flatMap(PatientName::family)).contains("Smythe");
    }

    @Test
    void theMinimalPatientDecodesWithEverythingAbsent() {
        server.stubFor(
                get(urlPathEqualTo(path("/Patient/9000000033"))).willReturn(captured("retrieve-minimal-9000000033")));

        Patient p = client().getPatient(MINIMAL).patient();

        assertThat(p.names()).isEmpty();
        assertThat(p.gender()).isEmpty();
        assertThat(p.birthDate()).isEmpty();
        assertThat(p.isDeceased()).isFalse();
        assertThat(p.addresses()).isEmpty();
        assertThat(p.nominatedPharmacy()).isEmpty();
        assertThat(p.communication()).isEmpty();
        assertThat(p.sensitivity()).isEqualTo(Sensitivity.UNRESTRICTED);
    }

    @Test
    void aSupersededNumberIsReportedWithBothNumbers() {
        // PDS answers a superseded number with the retained record: its id differs from the request.
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000017")))
                .willReturn(fhir(200, "examples/Patient.json").withHeader("ETag", "W/\"2\"")));

        RetrievedPatient r = client().getPatient(RELATED);

        assertThat(r.isSuperseded()).isTrue();
        assertThat(r.requestedNhsNumber()).isEqualTo(RELATED);
        assertThat(r.nhsNumber()).isEqualTo(FULL);
        assertThat(r.toString()).contains("superseded=true").doesNotContain("9000000");
    }

    @Test
    void sendsTheDocumentedHeadersAndNeverPrefer() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(captured("retrieve-9000000009")));
        PdsClient pds = builder()
                .correlationId("11C46F5F-CDEF-4865-94B2-0EE0EDCC26DA")
                .endUserOrganisation(OdsCode.of("Y12345"))
                .sessionUrid("555254240100")
                .bearerToken(() -> Secret.of("user-restricted-token-value"))
                .build();

        RetrievedPatient r = pds.getPatient(FULL);

        server.verify(getRequestedFor(urlEqualTo(path("/Patient/9000000009")))
                .withHeader("X-Request-ID", matching(UUID_PATTERN))
                .withHeader("X-Correlation-ID", equalTo("11C46F5F-CDEF-4865-94B2-0EE0EDCC26DA"))
                .withHeader("NHSD-End-User-Organisation-ODS", equalTo("Y12345"))
                .withHeader("NHSD-Session-URID", equalTo("555254240100"))
                .withHeader("Authorization", equalTo("Bearer user-restricted-token-value"))
                .withHeader("Prefer", absent()));
        assertThat(server.getAllServeEvents().get(0).getRequest().getHeader("X-Request-ID"))
                .isEqualTo(r.requestId());
    }

    @Test
    void withoutConfigurationOnlyTheRequestIdIsAdded() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(captured("retrieve-9000000009")));

        client().getPatient(FULL);

        server.verify(getRequestedFor(urlEqualTo(path("/Patient/9000000009")))
                .withHeader("X-Request-ID", matching(UUID_PATTERN))
                .withoutHeader("X-Correlation-ID")
                .withoutHeader("NHSD-End-User-Organisation-ODS")
                .withoutHeader("NHSD-Session-URID")
                .withoutHeader("Authorization")
                .withoutHeader("Prefer"));
    }

    @Test
    void theVersionComesFromMetaWhenTheEtagIsMissing() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(fhir(200, "examples/Patient.json")));

        assertThat(client().getPatient(FULL).version()).isEqualTo(2);
    }

    @Test
    void theEtagWinsOverMeta() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009")))
                .willReturn(fhir(200, "examples/Patient.json").withHeader("ETag", "W/\"7\"")));

        assertThat(client().getPatient(FULL).version()).isEqualTo(7);
    }

    @Test
    void aBundleWhereAPatientIsExpectedIsADecodeError() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009")))
                .willReturn(fhir(200, "search/PatientCompoundName.json")));

        assertThatThrownBy(() -> client().getPatient(FULL))
                .isInstanceOf(NhsDecodeException.class)
                .hasMessageContaining("not a Patient");
    }

    @Test
    void aRetrievedIdThatIsNotAValidNhsNumberIsADecodeError() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009")))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/fhir+json")
                        .withHeader("ETag", "W/\"1\"")
                        .withBody("{\"resourceType\":\"Patient\",\"id\":\"9000000015\"}")));

        assertThatThrownBy(() -> client().getPatient(FULL))
                .isInstanceOf(NhsDecodeException.class)
                .hasMessageContaining("not a valid NHS number")
                .hasMessageNotContaining("9000000015");
    }

    @Test
    void theOpenApiExampleDecodesWithItsSuffixAndPeriods() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009")))
                .willReturn(fhir(200, "examples/Patient.json").withHeader("ETag", "W/\"2\"")));

        Patient p = client().getPatient(FULL).patient();

        assertThat(p.usualName().map(PatientName::suffixes).orElseThrow()).containsExactly("MBE");
        assertThat(p.usualName().flatMap(PatientName::period).orElseThrow())
                .isEqualTo(Period.between(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31)));
        assertThat(p)
                .usingRecursiveComparison()
                .comparingOnlyFields("id", "gender", "birthDate")
                .isEqualTo(Patient.fromJson(PdsTestData.text("examples/Patient.json")));
    }
}
