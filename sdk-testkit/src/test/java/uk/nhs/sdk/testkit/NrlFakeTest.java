package uk.nhs.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nhs.sdk.core.internal.json.Json;

/**
 * The NRL fake over raw HTTP: the seeded pointers, the header rules of the proxies, the pointer
 * types per ODS code, and producer writes as the specs describe them.
 */
@ExtendWith(NhsSandboxExtension.class)
class NrlFakeTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SUBJECT = "https://fhir.nhs.uk/Id/nhs-number|9000000017";

    private record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        String code() {
            return body.path("issue")
                    .path(0)
                    .path("details")
                    .path("coding")
                    .path(0)
                    .path("code")
                    .asText(null);
        }

        String diagnostics() {
            return body.path("issue").path(0).path("diagnostics").asText(null);
        }

        List<String> ids() {
            List<String> ids = new ArrayList<>();
            body.path("entry")
                    .forEach(e -> ids.add(e.path("resource").path("id").asText()));
            return ids;
        }
    }

    private static Answer send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(
                r.statusCode(),
                r.body().isEmpty() ? Json.mapper().nullNode() : Json.mapper().readTree(r.body()),
                r);
    }

    private static HttpRequest.Builder request(NhsSandbox sandbox, String api, String path, String ods) {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create(sandbox.apiBaseUrl("record-locator/" + api + "/FHIR/R4") + path))
                .header("X-Request-ID", UUID.randomUUID().toString());
        return ods == null ? b : b.header("NHSD-End-User-Organisation-ODS", ods);
    }

    private static Answer consumerSearch(NhsSandbox sandbox, String ods, String body) throws Exception {
        return send(request(sandbox, "consumer", "/DocumentReference/_search", ods)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpRequest.Builder create(NhsSandbox sandbox, String ods, String pointer) {
        return request(sandbox, "producer", "/DocumentReference", ods)
                .header("Content-Type", "application/fhir+json;version=1")
                .POST(HttpRequest.BodyPublishers.ofString(pointer));
    }

    /** The producer spec's NEWS2 example (custodian Y05868), without its id. */
    private static ObjectNode news2Pointer() throws IOException {
        try (InputStream in = NrlFakeTest.class.getResourceAsStream("/uk/nhs/sdk/testkit/internal/nrl/pointers.json")) {
            for (JsonNode p : Json.mapper().readTree(in)) {
                if (p.path("id").asText().equals("Y05868-1834567891")) {
                    ObjectNode copy = (ObjectNode) p.deepCopy();
                    copy.remove("id");
                    copy.remove("date");
                    return copy;
                }
            }
        }
        throw new IllegalStateException("seed missing");
    }

    @Test
    void aConsumerSeesThePatientsPointersOfItsGrantedTypesFromEveryCustodian(NhsSandbox sandbox) throws Exception {
        Answer y = consumerSearch(sandbox, "Y05868", "{\"subject:identifier\":\"" + SUBJECT + "\"}");
        Answer rm = consumerSearch(sandbox, "RM559", "{\"subject:identifier\":\"" + SUBJECT + "\"}");

        assertThat(y.status()).isEqualTo(200);
        assertThat(y.body().path("total").asInt()).isEqualTo(5);
        assertThat(y.ids())
                .containsExactlyInAnyOrder(
                        "Y05868-1234567892",
                        "RJ11-1634567890",
                        "8J008-1834567891",
                        "RY26A-837826318432",
                        "RM559-1634567890");
        assertThat(rm.ids()).containsExactlyInAnyOrder("RJ11-1634567890", "RM559-1634567890");
        assertThat(y.raw().headers().firstValue("Content-Type")).contains("application/fhir+json;version=1");
    }

    @Test
    void filtersCountAndTheGetFormAgree(NhsSandbox sandbox) throws Exception {
        Answer count = consumerSearch(
                sandbox,
                "Y05868",
                "{\"subject:identifier\":\"" + SUBJECT
                        + "\",\"type\":\"http://snomed.info/sct|736253002\",\"_summary\":\"count\"}");
        Answer byCustodian = send(request(
                        sandbox,
                        "consumer",
                        "/DocumentReference?subject:identifier=" + SUBJECT.replace("|", "%7C")
                                + "&custodian:identifier=https://fhir.nhs.uk/Id/ods-organization-code%7CRJ11",
                        "Y05868")
                .GET());

        assertThat(count.body().path("total").asInt()).isEqualTo(2);
        assertThat(count.body().has("entry")).isFalse();
        assertThat(byCustodian.ids()).containsExactly("RJ11-1634567890");
    }

    @Test
    void missingOrInvalidHeadersGetTheProxiesErrors(NhsSandbox sandbox) throws Exception {
        String body = "{\"subject:identifier\":\"" + SUBJECT + "\"}";
        Answer noOds = consumerSearch(sandbox, null, body);
        Answer unknownOds = consumerSearch(sandbox, "XYZ", body);
        Answer noRequestId = send(HttpRequest.newBuilder(URI.create(
                        sandbox.apiBaseUrl("record-locator/consumer/FHIR/R4") + "/DocumentReference/Y05868-1234567892"))
                .header("NHSD-End-User-Organisation-ODS", "Y05868")
                .GET());
        Answer badToken = send(request(sandbox, "consumer", "/DocumentReference/Y05868-1234567892", "Y05868")
                .header("Authorization", "Bearer not-issued")
                .GET());

        assertThat(noOds.status()).isEqualTo(400);
        assertThat(noOds.code()).isEqualTo("PRECONDITION_FAILED");
        assertThat(unknownOds.status()).isEqualTo(403);
        assertThat(unknownOds.diagnostics()).isEqualTo("Provided ODS code has no pointers within requesting app");
        assertThat(noRequestId.status()).isEqualTo(400);
        assertThat(noRequestId.code()).isEqualTo("MISSING_OR_INVALID_HEADER");
        assertThat(badToken.status()).isEqualTo(401);
    }

    @Test
    void aConsumerReadingAnotherOrganisationsPointerGetsTheSpecsRefusal(NhsSandbox sandbox) throws Exception {
        Answer own = send(request(sandbox, "consumer", "/DocumentReference/Y05868-1234567892", "Y05868")
                .GET());
        Answer other = send(request(sandbox, "consumer", "/DocumentReference/Y05868-1234567892", "RJ11")
                .GET());
        Answer missing = send(request(sandbox, "consumer", "/DocumentReference/Y05861-1234567800", "Y05868")
                .GET());

        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().path("id").asText()).isEqualTo("Y05868-1234567892");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(other.diagnostics()).contains("belongs to another organisation");
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void createThenSearchFindsItAndSupersedeDeletesTheOld(NhsSandbox sandbox) throws Exception {
        ObjectNode pointer = news2Pointer();
        Answer created = send(create(sandbox, "Y05868", pointer.toString()));
        String location = created.raw().headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.code()).isEqualTo("RESOURCE_CREATED");
        assertThat(id).startsWith("Y05868-");
        Answer found = send(request(sandbox, "producer", "/DocumentReference/_search", "Y05868")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"subject:identifier\":\"https://fhir.nhs.uk/Id/nhs-number|9999999999\"}")));
        assertThat(found.ids()).contains(id);

        pointer.putArray("relatesTo")
                .addObject()
                .put("code", "replaces")
                .putObject("target")
                .put("type", "DocumentReference")
                .putObject("identifier")
                .put("value", id);
        Answer superseded = send(create(sandbox, "Y05868", pointer.toString()));
        assertThat(superseded.status()).isEqualTo(201);
        assertThat(send(request(sandbox, "producer", "/DocumentReference/" + id, "Y05868")
                                .GET())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aCreateResentWithTheSameRequestIdIsAnsweredAsTheFirstTimeAndAppliedOnce(NhsSandbox sandbox) throws Exception {
        String requestId = UUID.randomUUID().toString();
        String pointer = news2Pointer().toString();
        Answer first = send(create(sandbox, "Y05868", pointer).setHeader("X-Request-ID", requestId));
        Answer again = send(create(sandbox, "Y05868", pointer).setHeader("X-Request-ID", requestId));

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.raw().headers().firstValue("Location"))
                .isEqualTo(first.raw().headers().firstValue("Location"));
        Answer found = send(request(
                        sandbox,
                        "producer",
                        "/DocumentReference?subject:identifier=" + "https://fhir.nhs.uk/Id/nhs-number%7C9999999999",
                        "Y05868")
                .GET());
        assertThat(found.body().path("total").asInt()).isEqualTo(3);
    }

    @Test
    void producerRulesAreEnforced(NhsSandbox sandbox) throws Exception {
        ObjectNode badCategory = news2Pointer();
        ((ObjectNode) badCategory.path("category").path(0).path("coding").path(0)).put("code", "410970009");
        ObjectNode noStability = news2Pointer();
        ((ObjectNode) noStability.path("content").path(0)).remove("extension");
        ObjectNode otherType = news2Pointer();
        ((ObjectNode) otherType.path("type").path("coding").path(0)).put("code", "736253001");

        assertThat(send(create(sandbox, "Y05868", badCategory.toString())).diagnostics())
                .isEqualTo("Category code is not valid");
        assertThat(send(create(sandbox, "Y05868", noStability.toString())).code())
                .isEqualTo("INVALID_RESOURCE");
        assertThat(send(create(sandbox, "Y05868", otherType.toString())).status())
                .isEqualTo(403);
        assertThat(send(create(sandbox, "8J008", news2Pointer().toString())).code())
                .isEqualTo("UNPROCESSABLE_ENTITY");
        assertThat(send(create(sandbox, "Y05868", "{not json")).code()).isEqualTo("MESSAGE_NOT_WELL_FORMED");
    }

    @Test
    void anUpdateMayNotChangeImmutableFieldsAndOnlyTheCustodianDeletes(NhsSandbox sandbox) throws Exception {
        JsonNode stored = send(request(sandbox, "producer", "/DocumentReference/Y05868-1834567891", "Y05868")
                        .GET())
                .body();
        ObjectNode changedType = (ObjectNode) stored.deepCopy();
        ((ObjectNode) changedType.path("type").path("coding").path(0)).put("code", "861421000000109");
        ObjectNode described = (ObjectNode) stored.deepCopy();
        described.put("description", "Updated");

        Answer refused = send(request(sandbox, "producer", "/DocumentReference/Y05868-1834567891", "Y05868")
                .header("Content-Type", "application/fhir+json;version=1")
                .PUT(HttpRequest.BodyPublishers.ofString(changedType.toString())));
        Answer updated = send(request(sandbox, "producer", "/DocumentReference/Y05868-1834567891", "Y05868")
                .header("Content-Type", "application/fhir+json;version=1")
                .PUT(HttpRequest.BodyPublishers.ofString(described.toString())));
        Answer notYours = send(request(sandbox, "producer", "/DocumentReference/Y05868-1834567891", "8J008")
                .DELETE());
        Answer deleted = send(request(sandbox, "producer", "/DocumentReference/Y05868-1834567891", "Y05868")
                .DELETE());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.diagnostics()).contains("'type' is immutable");
        assertThat(updated.code()).isEqualTo("RESOURCE_UPDATED");
        assertThat(notYours.status()).isEqualTo(403);
        assertThat(deleted.code()).isEqualTo("RESOURCE_REMOVED");
        sandbox.reset();
        assertThat(send(request(sandbox, "producer", "/DocumentReference/Y05868-1834567891", "Y05868")
                                .GET())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anUpdateLeavingOutTheMasterIdentifierKeepsTheStoredOne(NhsSandbox sandbox) throws Exception {
        String path = "/DocumentReference/Y05868-1834567891";
        JsonNode stored =
                send(request(sandbox, "producer", path, "Y05868").GET()).body();
        assertThat(stored.has("masterIdentifier")).isTrue();
        ObjectNode withoutIt = (ObjectNode) stored.deepCopy();
        withoutIt.remove("masterIdentifier");

        Answer updated = send(request(sandbox, "producer", path, "Y05868")
                .header("Content-Type", "application/fhir+json;version=1")
                .PUT(HttpRequest.BodyPublishers.ofString(withoutIt.toString())));

        assertThat(updated.code()).isEqualTo("RESOURCE_UPDATED");
        assertThat(send(request(sandbox, "producer", path, "Y05868").GET())
                        .body()
                        .path("masterIdentifier"))
                .isEqualTo(stored.path("masterIdentifier"));
    }
}
