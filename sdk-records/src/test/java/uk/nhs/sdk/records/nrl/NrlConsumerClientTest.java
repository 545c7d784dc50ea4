package uk.nhs.sdk.records.nrl;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.NhsEnvironment;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.ApiKeyAuth;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.fhir.Coding;

/** The consumer client against stubs serving the consumer spec's examples. */
class NrlConsumerClientTest extends NrlWireMockTest {

    @Test
    void searchIsAPostWithTheNhsNumberInTheBodyAndEveryRequiredHeader() {
        server.stubFor(post(urlEqualTo(CONSUMER + "/DocumentReference/_search"))
                .willReturn(fhir(200, "consumer-search-bundle.json")));

        PointerSearchResult found = consumer().search(PATIENT);

        assertThat(found.total()).isEqualTo(1);
        LoggedRequest sent = server.findAll(postRequestedFor(anyUrl())).get(0);
        assertThat(sent.getUrl())
                .isEqualTo(CONSUMER + "/DocumentReference/_search")
                .doesNotContain("9000000017");
        assertThat(sent.getHeader("Content-Type")).startsWith("application/json");
        assertThat(sent.getHeader("Accept")).isEqualTo(FHIR_JSON);
        assertThat(sent.getHeader("NHSD-End-User-Organisation-ODS")).isEqualTo("Y05868");
        assertThat(sent.getHeader("X-Request-ID")).matches(UUID_PATTERN).isEqualTo(found.requestId());
        assertThat(sent.getBodyAsString())
                .isEqualTo("{\"subject:identifier\":\"https://fhir.nhs.uk/Id/nhs-number|9000000017\"}");
    }

    @Test
    void theSpecsSearchExampleReadsIntoATypedPointer() {
        server.stubFor(post(urlEqualTo(CONSUMER + "/DocumentReference/_search"))
                .willReturn(fhir(200, "consumer-search-bundle.json")));

        DocumentReference p = consumer().search(PATIENT).pointers().get(0);

        assertThat(p.id()).contains("X26-1634567890");
        assertThat(p.status()).isEqualTo("current");
        assertThat(p.docStatus()).contains("preliminary");
        assertThat(p.type()).isSameAs(PointerType.MENTAL_HEALTH_CRISIS_PLAN);
        assertThat(p.categories()).containsExactly(PointerCategory.CARE_PLAN);
        assertThat(p.subject()).contains(PATIENT);
        assertThat(p.custodian()).contains("X26");
        assertThat(p.custodianOdsCode().map(Object::toString)).contains("X26");
        assertThat(p.authors()).containsExactly("X24");
        assertThat(p.date()).contains("2022-12-20T09:45:41+11:00");
        PointerContent c = p.content().get(0);
        assertThat(c.url())
                .contains("ssp://spine-proxy.national.ncrs.nhs.uk/p1.nhs.uk/EPAACS/MentalHealthCrisisPlan.pdf");
        assertThat(c.contentType()).contains("application/pdf");
        assertThat(c.contentFormat()).contains(ContentFormat.UNSTRUCTURED);
        assertThat(c.stability()).contains(ContentStability.STATIC);
        assertThat(c.retrievalMechanism()).contains(RetrievalMechanism.SSP);
        PointerContext ctx = p.context().orElseThrow();
        assertThat(ctx.practiceSetting().flatMap(Coding::code)).contains("788002001");
        assertThat(ctx.periodStart()).contains("2022-12-20T09:00:41+00:00");
        assertThat(ctx.periodEnd()).contains("2022-12-20T09:45:41+00:00");
        assertThat(ctx.relatedAsid()).contains("200000000610");
        assertThat(p.rawJson()).contains("securityLabel", "facilityType");
        assertThat(p.toString()).doesNotContain("9000000017").doesNotContain("ssp://");
    }

    @Test
    void filtersGoInTheBodyCommaSeparatedAndTheGetFormPutsThemInTheQuery() {
        server.stubFor(post(urlEqualTo(CONSUMER + "/DocumentReference/_search"))
                .willReturn(fhir(200, "consumer-search-bundle.json")));
        server.stubFor(get(urlPathEqualTo(CONSUMER + "/DocumentReference"))
                .willReturn(fhir(200, "consumer-search-bundle.json")));
        PointerSearch.Builder search = PointerSearch.forPatient(PATIENT)
                .type(PointerType.MENTAL_HEALTH_CRISIS_PLAN)
                .type(PointerType.of("736253001"))
                .category(PointerCategory.CARE_PLAN)
                .category(PointerCategory.OBSERVATIONS)
                .custodian(ODS);

        consumer().search(search.build());
        consumer().search(search.usingGet().build());

        server.verify(
                postRequestedFor(urlEqualTo(CONSUMER + "/DocumentReference/_search"))
                        .withRequestBody(
                                equalToJson(
                                        "{\"subject:identifier\":\"https://fhir.nhs.uk/Id/nhs-number|9000000017\","
                                                + "\"custodian:identifier\":\"https://fhir.nhs.uk/Id/ods-organization-code|Y05868\","
                                                + "\"type\":\"http://snomed.info/sct|736253002,http://snomed.info/sct|736253001\","
                                                + "\"category\":\"http://snomed.info/sct|734163000,http://snomed.info/sct|1102421000000108\"}")));
        server.verify(getRequestedFor(urlPathEqualTo(CONSUMER + "/DocumentReference"))
                .withQueryParam("subject:identifier", equalTo("https://fhir.nhs.uk/Id/nhs-number|9000000017"))
                .withQueryParam("custodian:identifier", equalTo("https://fhir.nhs.uk/Id/ods-organization-code|Y05868"))
                .withQueryParam("type", equalTo("http://snomed.info/sct|736253002,http://snomed.info/sct|736253001"))
                .withQueryParam(
                        "category", equalTo("http://snomed.info/sct|734163000,http://snomed.info/sct|1102421000000108"))
                .withHeader("NHSD-End-User-Organisation-ODS", equalTo("Y05868"))
                .withHeader("X-Request-ID", matching(UUID_PATTERN)));
    }

    @Test
    void countAsksForTheSummaryAndReadsTheTotal() {
        server.stubFor(post(urlEqualTo(CONSUMER + "/DocumentReference/_search"))
                .willReturn(fhir(200, "consumer-count-bundle.json")));

        int n = consumer().count(PointerSearch.forPatient(PATIENT).build());

        assertThat(n).isEqualTo(1);
        server.verify(
                postRequestedFor(anyUrl())
                        .withRequestBody(
                                equalToJson(
                                        "{\"subject:identifier\":\"https://fhir.nhs.uk/Id/nhs-number|9000000017\",\"_summary\":\"count\"}")));
    }

    @Test
    void readGetsOnePointerAndKeepsACategoryOutsideSnomed() {
        server.stubFor(get(urlEqualTo(CONSUMER + "/DocumentReference/Y05868-1234567892"))
                .willReturn(fhir(200, "consumer-read-pointer.json")));

        DocumentReference p = consumer().read("Y05868-1234567892");

        assertThat(p.id()).contains("Y05868-1234567892");
        assertThat(p.type()).isEqualTo(PointerType.EMERGENCY_HEALTH_CARE_PLAN);
        assertThat(p.categories()).singleElement().satisfies(c -> {
            assertThat(c.system()).isEqualTo("http://loinc.org");
            assertThat(c.code()).isEqualTo("68552-9");
            assertThat(c.isKnown()).isFalse();
        });
        assertThat(p.authors()).containsExactly("Organization/Y05868");
        assertThat(p.content().get(0).contentFormat()).isEmpty();
        assertThat(p.content().get(0).format().flatMap(Coding::code)).contains("urn:ihe:pcc:handp:2008");
        server.verify(getRequestedFor(anyUrl()).withHeader("Accept", equalTo(FHIR_JSON)));
    }

    @Test
    void anIdBreakingNrlsPatternIsRefusedBeforeAnyCall() {
        for (String bad : new String[] {
            "",
            "Y05868/123",
            "a b",
            "x".repeat(65),
            "..",
            ".",
            "Y05868_1",
            "Y05868%2F123",
            "..%2F..%2Fx",
            "a?b",
            "a#b",
            "a\r\nX-Injected: 1"
        }) {
            assertThatThrownBy(() -> consumer().read(bad))
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageContaining("NRL's id pattern");
        }
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aClientWithoutTheEndUserOrganisationIsRefusedAtBuildTime() {
        assertThatThrownBy(() -> NrlConsumerClient.builder()
                        .environment(NhsEnvironment.SANDBOX)
                        .build())
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("NHSD-End-User-Organisation-ODS");
        assertThatThrownBy(() -> NrlProducerClient.builder()
                        .environment(NhsEnvironment.SANDBOX)
                        .build())
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("NHSD-End-User-Organisation-ODS");
        assertThatThrownBy(() -> NrlConsumerClient.builder()
                        .environment(NhsEnvironment.SANDBOX)
                        .endUserOrganisation(ODS)
                        .auth(ApiKeyAuth.of(Secret.of("key")))
                        .build())
                .isInstanceOf(NhsConfigurationException.class);
    }

    @Test
    void environmentsResolveToTheConsumerAndProducerBaseUrls() {
        try (NrlConsumerClient c = NrlConsumerClient.builder()
                        .environment(NhsEnvironment.INTEGRATION)
                        .endUserOrganisation(ODS)
                        .build();
                NrlProducerClient p = NrlProducerClient.builder()
                        .environment(NhsEnvironment.SANDBOX)
                        .endUserOrganisation(ODS)
                        .build()) {
            assertThat(c.baseUrl())
                    .isEqualTo(URI.create("https://int.api.service.nhs.uk/record-locator/consumer/FHIR/R4"));
            assertThat(p.baseUrl())
                    .isEqualTo(URI.create("https://sandbox.api.service.nhs.uk/record-locator/producer/FHIR/R4"));
        }
    }

    @Test
    void aConfiguredCorrelationIdIsSent() {
        server.stubFor(get(urlEqualTo(CONSUMER + "/DocumentReference/Y05868-1234567892"))
                .willReturn(fhir(200, "consumer-read-pointer.json")));
        NrlConsumerClient c = NrlConsumerClient.builder()
                .baseUrl(URI.create(server.baseUrl() + CONSUMER))
                .options(options())
                .endUserOrganisation(ODS)
                .correlationId("11C46F5F-CDEF-4865-94B2-0EE0EDCC26DA")
                .build();

        c.read("Y05868-1234567892");

        server.verify(getRequestedFor(anyUrl())
                .withHeader("X-Correlation-ID", equalTo("11C46F5F-CDEF-4865-94B2-0EE0EDCC26DA")));
    }

    @Test
    void aReadAnsweredWithAnotherPointerIsADecodeErrorNotThatPointer() {
        server.stubFor(get(urlEqualTo(CONSUMER + "/DocumentReference/Y05868-9"))
                .willReturn(fhir(200, "consumer-read-pointer.json")));

        assertThatThrownBy(() -> consumer().read("Y05868-9"))
                .isInstanceOf(NhsDecodeException.class)
                .hasMessageContaining("another id");
    }

    @Test
    void aSearchSkipsAWarningOutcomeEntryAndKeepsThePointers() {
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":1,\"entry\":[{\"resource\":"
                + resource("consumer-read-pointer.json") + ",\"search\":{\"mode\":\"match\"}},{\"resource\":"
                + "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"warning\",\"code\":\"informational\"}]},"
                + "\"search\":{\"mode\":\"outcome\"}}]}";
        server.stubFor(post(urlEqualTo(CONSUMER + "/DocumentReference/_search"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", FHIR_JSON)
                        .withBody(bundle)));

        assertThat(consumer().search(PATIENT).pointers())
                .extracting(p -> p.id().orElseThrow())
                .containsExactly("Y05868-1234567892");
    }

    @Test
    void aSearchFilterThatIsNotASnomedConceptIdIsRefusedBeforeAnyCall() {
        String json = resource("consumer-read-pointer.json")
                .replace("\"887701000000100\"", "\"887701000000100,http://snomed.info/sct|1\"");
        DocumentReference odd = DocumentReference.fromJson(json);
        assertThat(odd.type().code()).contains(",");

        assertThatThrownBy(() -> PointerSearch.forPatient(PATIENT).type(odd.type()))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageStartingWith("type:");
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }
}
