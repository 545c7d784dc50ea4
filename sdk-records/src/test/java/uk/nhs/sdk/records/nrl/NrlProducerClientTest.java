package uk.nhs.sdk.records.nrl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.error.NhsValidationException;

/** The producer client against stubs serving the producer spec's examples. */
class NrlProducerClientTest extends NrlWireMockTest {
    private static final String LOCATION = PRODUCER + "/DocumentReference/Y05868-1234567892";

    private void stubCreate() {
        server.stubFor(post(urlEqualTo(PRODUCER + "/DocumentReference"))
                .willReturn(fhir(201, "producer-created.json").withHeader("Location", LOCATION)));
    }

    @Test
    void createPostsTheFhirPointerAndReturnsTheIdFromLocation() {
        stubCreate();

        WriteResult r = producer().create(newPointer());

        assertThat(r.pointerId()).isEqualTo("Y05868-1234567892");
        assertThat(r.attempts()).isEqualTo(1);
        LoggedRequest sent = server.findAll(postRequestedFor(anyUrl())).get(0);
        assertThat(sent.getHeader("Content-Type")).isEqualTo(FHIR_JSON);
        assertThat(sent.getHeader("X-Request-ID")).matches(UUID_PATTERN).isEqualTo(r.requestId());
        server.verify(postRequestedFor(anyUrl())
                .withRequestBody(matchingJsonPath("$.resourceType", equalTo("DocumentReference")))
                .withRequestBody(matchingJsonPath("$.subject.identifier.value", equalTo("9000000017")))
                .withRequestBody(matchingJsonPath("$.custodian.identifier.value", equalTo("Y05868")))
                .withRequestBody(matchingJsonPath("$.type.coding[0].code", equalTo("736253002")))
                .withRequestBody(matchingJsonPath(
                        "$.content[0].extension[0].valueCodeableConcept.coding[0].code", equalTo("static")))
                .withRequestBody(matchingJsonPath("$.context.related[0].identifier.value", equalTo("200000000610"))));
    }

    @Test
    void aRetriedCreateSendsTheSameRequestIdSoNrlCanTellItIsTheSameWrite() {
        server.stubFor(post(urlEqualTo(PRODUCER + "/DocumentReference"))
                .inScenario("retry")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("second")
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")));
        server.stubFor(post(urlEqualTo(PRODUCER + "/DocumentReference"))
                .inScenario("retry")
                .whenScenarioStateIs("second")
                .willReturn(fhir(201, "producer-created.json").withHeader("Location", LOCATION)));

        WriteResult r = producer().create(newPointer());

        assertThat(r.attempts()).isEqualTo(2);
        List<LoggedRequest> sent = server.findAll(postRequestedFor(anyUrl()));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).getHeader("X-Request-ID")).isEqualTo(sent.get(0).getHeader("X-Request-ID"));
    }

    @Test
    void aCreateThatNeverGetsAnAnswerSaysTheOutcomeIsUnknownWithTheIdToResendWith() {
        server.stubFor(post(urlEqualTo(PRODUCER + "/DocumentReference"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        UUID id = UUID.randomUUID();

        NhsTransportException e = catchThrowableOfType(
                NhsTransportException.class, () -> producer().create(newPointer(), id));

        assertThat(e.outcomeUnknown()).isTrue();
        assertThat(e.reconcileId()).contains(id.toString());
        assertThat(e.requestId()).contains(id.toString());
        assertThat(server.findAll(postRequestedFor(anyUrl())))
                .allSatisfy(r -> assertThat(r.getHeader("X-Request-ID")).isEqualTo(id.toString()));
    }

    @Test
    void supersedeCreatesTheReplacementWithRelatesToReplaces() {
        stubCreate();

        WriteResult r = producer().supersede(newPointer(), "Y05868-1111111111");

        assertThat(r.pointerId()).isEqualTo("Y05868-1234567892");
        server.verify(postRequestedFor(anyUrl())
                .withRequestBody(matchingJsonPath("$.relatesTo[0].code", equalTo("replaces")))
                .withRequestBody(matchingJsonPath("$.relatesTo[0].target.type", equalTo("DocumentReference")))
                .withRequestBody(
                        matchingJsonPath("$.relatesTo[0].target.identifier.value", equalTo("Y05868-1111111111"))));
        assertThatThrownBy(() -> producer().supersede(newPointer())).isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> producer().supersede(newPointer(), "bad id"))
                .isInstanceOf(NhsValidationException.class);
    }

    @Test
    void updatePutsThePointerReadBackKeepingFieldsTheModelDoesNotName() {
        server.stubFor(get(urlEqualTo(PRODUCER + "/DocumentReference/Y05868-1234567892"))
                .willReturn(fhir(200, "producer-read-pointer.json")));
        server.stubFor(put(urlEqualTo(PRODUCER + "/DocumentReference/Y05868-1234567892"))
                .willReturn(fhir(200, "producer-updated.json")));
        NrlProducerClient nrl = producer();
        DocumentReference original = nrl.read("Y05868-1234567892");
        assertThat(original.id()).contains("Y05868-1234567892");

        DocumentReference changed =
                original.toBuilder().description("Updated plan").build();
        WriteResult r = nrl.update(original, changed);

        assertThat(r.pointerId()).isEqualTo("Y05868-1234567892");
        LoggedRequest sent = server.findAll(putRequestedFor(anyUrl())).get(0);
        assertThat(sent.getHeader("Content-Type")).isEqualTo(FHIR_JSON);
        assertThat(sent.getHeader("X-Request-ID")).matches(UUID_PATTERN);
        server.verify(putRequestedFor(anyUrl())
                .withRequestBody(matchingJsonPath("$.description", equalTo("Updated plan")))
                .withRequestBody(matchingJsonPath("$.docStatus", equalTo("final")))
                .withRequestBody(matchingJsonPath("$.content[0].attachment.language", equalTo("en-UK"))));
    }

    @Test
    void anUpdateChangingAFieldNrlKeepsFixedIsRefusedBeforeAnyCall() {
        DocumentReference original = DocumentReference.fromJson(resource("producer-read-pointer.json"));
        DocumentReference.Builder b = original.toBuilder();

        assertThatThrownBy(() -> producer()
                        .update(original, b.type(PointerType.RESPECT_FORM).build()))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageStartingWith("type:");
        assertThatThrownBy(() -> producer()
                        .update(
                                original,
                                original.toBuilder()
                                        .subject(NhsNumber.parse("9999999999"))
                                        .build()))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageStartingWith("subject:")
                .hasMessageNotContaining("9999999999");
        assertThatThrownBy(() -> producer()
                        .update(
                                original,
                                original.toBuilder()
                                        .custodian(OdsCode.of("RJ11"))
                                        .build()))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageStartingWith("custodian:");
        assertThatThrownBy(() -> producer()
                        .update(original, original.toBuilder().id("Y05868-2").build()))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageStartingWith("id:");
        assertThatThrownBy(() -> producer().update(newPointer()))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageStartingWith("id:");
        assertThatThrownBy(() -> producer().create(original))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("NRL gives it one");
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void deleteSendsADeleteForTheId() {
        server.stubFor(delete(urlEqualTo(PRODUCER + "/DocumentReference/Y05868-1234567892"))
                .willReturn(fhir(200, "producer-removed.json")));

        WriteResult r = producer().delete("Y05868-1234567892");

        assertThat(r.pointerId()).isEqualTo("Y05868-1234567892");
        server.verify(deleteRequestedFor(anyUrl()).withHeader("NHSD-End-User-Organisation-ODS", equalTo("Y05868")));
    }

    @Test
    void searchFindsOwnPointersAndRefusesACustodianFilter() {
        server.stubFor(post(urlEqualTo(PRODUCER + "/DocumentReference/_search"))
                .willReturn(fhir(200, "producer-search-bundle.json")));

        PointerSearchResult r = producer()
                .search(PointerSearch.forPatient(PATIENT)
                        .type(PointerType.EMERGENCY_HEALTH_CARE_PLAN)
                        .build());

        assertThat(r.total()).isEqualTo(2);
        assertThat(r.pointers())
                .extracting(p -> p.id().orElseThrow())
                .containsExactly("Y05868-1834567891", "Y05868-837826318432");
        assertThatThrownBy(() -> producer()
                        .search(PointerSearch.forPatient(PATIENT).custodian(ODS).build()))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageStartingWith("custodian:");
    }

    @Test
    void locationHeadersAreReadRelativeOrAbsolute() {
        assertThat(NrlProducerClient.idFromLocation("https://api.service.nhs.uk" + LOCATION))
                .contains("Y05868-1234567892");
        assertThat(NrlProducerClient.idFromLocation("/DocumentReference/RJ11-1?x=1"))
                .contains("RJ11-1");
        assertThat(NrlProducerClient.idFromLocation("/Patient/1")).isEmpty();
        assertThat(NrlProducerClient.idFromLocation("/DocumentReference/a b")).isEmpty();
    }

    @Test
    void aPointerFromJsonIsCheckedAgainstTheBuildersRulesBeforeAnyWrite() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode noStability = (ObjectNode) json.readTree(newPointer().rawJson());
        ((ObjectNode) noStability.path("content").path(0)).remove("extension");
        ObjectNode notCurrent = (ObjectNode) json.readTree(newPointer().rawJson());
        notCurrent.put("status", "entered-in-error");
        ObjectNode httpForSsp = (ObjectNode) json.readTree(newPointer().rawJson());
        ((ObjectNode) httpForSsp.path("content").path(0).path("attachment")).put("url", "https://x.example/p.pdf");
        ObjectNode badId = (ObjectNode) json.readTree(newPointer().rawJson());
        badId.put("id", "Y05868-1 2");
        NrlProducerClient nrl = producer();

        assertThatThrownBy(() -> nrl.create(DocumentReference.fromJson(noStability.toString())))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageStartingWith("content.extension:");
        assertThatThrownBy(() -> nrl.create(DocumentReference.fromJson(notCurrent.toString())))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageStartingWith("status:");
        assertThatThrownBy(() -> nrl.create(DocumentReference.fromJson(httpForSsp.toString())))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageStartingWith("content.attachment.url:");
        assertThatThrownBy(() -> nrl.update(DocumentReference.fromJson(badId.toString())))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageStartingWith("id:");
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void everyWriteSendsItsOwnKeyAsTheCorrelationIdNrlDeduplicatesByOnEveryAttempt() {
        server.stubFor(post(urlEqualTo(PRODUCER + "/DocumentReference"))
                .inScenario("retry")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("second")
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")));
        server.stubFor(post(urlEqualTo(PRODUCER + "/DocumentReference"))
                .inScenario("retry")
                .whenScenarioStateIs("second")
                .willReturn(fhir(201, "producer-created.json").withHeader("Location", LOCATION)));
        server.stubFor(delete(urlEqualTo(PRODUCER + "/DocumentReference/Y05868-1234567892"))
                .willReturn(fhir(200, "producer-removed.json")));
        server.stubFor(get(urlEqualTo(PRODUCER + "/DocumentReference/Y05868-1234567892"))
                .willReturn(fhir(200, "producer-read-pointer.json")));
        NrlProducerClient nrl = NrlProducerClient.builder()
                .baseUrl(java.net.URI.create(server.baseUrl() + PRODUCER))
                .options(options())
                .endUserOrganisation(ODS)
                .correlationId("ward-round-42")
                .build();

        nrl.create(newPointer());
        nrl.delete("Y05868-1234567892");
        nrl.read("Y05868-1234567892");

        List<LoggedRequest> creates = server.findAll(postRequestedFor(anyUrl()));
        assertThat(creates)
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.getHeader("X-Correlation-ID"))
                        .isEqualTo(creates.get(0).getHeader("X-Request-ID")));
        LoggedRequest deleted = server.findAll(deleteRequestedFor(anyUrl())).get(0);
        assertThat(deleted.getHeader("X-Correlation-ID"))
                .isEqualTo(deleted.getHeader("X-Request-ID"))
                .isNotEqualTo(creates.get(0).getHeader("X-Correlation-ID"));
        assertThat(server.findAll(getRequestedFor(anyUrl())).get(0).getHeader("X-Correlation-ID"))
                .isEqualTo("ward-round-42");
    }
}
