package uk.nhs.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nhs.sdk.core.auth.SignedJwtAuth;
import uk.nhs.sdk.core.internal.json.Json;

/**
 * The PDS fake over raw HTTP: the seeded records, the header rules, versioned updates, search
 * rules and redaction, as PDS's OpenAPI describes them.
 */
@ExtendWith(NhsSandboxExtension.class)
class PdsFakeTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String GENDER_MALE =
            "{\"patches\":[{\"op\":\"replace\",\"path\":\"/gender\",\"value\":\"male\"}]}";

    /** One exchange. */
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

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private static Answer send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(
                r.statusCode(),
                r.body().isEmpty() ? Json.mapper().nullNode() : Json.mapper().readTree(r.body()),
                r);
    }

    private static HttpRequest.Builder request(NhsSandbox sandbox, String path) {
        return HttpRequest.newBuilder(URI.create(sandbox.pdsBaseUrl() + path))
                .header("X-Request-ID", UUID.randomUUID().toString());
    }

    private static Answer get(NhsSandbox sandbox, String path) throws Exception {
        return send(request(sandbox, path).GET());
    }

    private static HttpRequest.Builder patch(NhsSandbox sandbox, String id, String ifMatch, String body) {
        HttpRequest.Builder b = request(sandbox, "/Patient/" + id)
                .header("Content-Type", "application/json-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return b;
    }

    private static List<String> ids(Answer search) {
        List<String> ids = new ArrayList<>();
        search.body()
                .path("entry")
                .forEach(e -> ids.add(e.path("resource").path("id").asText()));
        return ids;
    }

    @Test
    void retrievesTheSeededPatientWithItsVersionAndMirrorsTheIds(NhsSandbox sandbox) throws Exception {
        Answer a = send(request(sandbox, "/Patient/9000000009")
                .header("X-Correlation-ID", "corr-1")
                .GET());

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().path("id").asText()).isEqualTo("9000000009");
        assertThat(a.body().path("name").path(0).path("family").asText()).isEqualTo("Smith");
        assertThat(a.header("ETag")).isEqualTo("W/\"2\"");
        assertThat(a.header("Content-Type")).isEqualTo("application/fhir+json");
        assertThat(a.header("X-Correlation-ID")).isEqualTo("corr-1");
        assertThat(a.header("X-Request-ID"))
                .isEqualTo(
                        a.raw().request().headers().firstValue("X-Request-ID").get());
        assertThat(sandbox.serviceUrls()).containsValue(sandbox.pdsBaseUrl());
    }

    @Test
    void aRawBarInTheQueryIsAnsweredByTheFake(NhsSandbox sandbox) throws Exception {
        assertThat(RawHttp.get(
                        sandbox,
                        "/personal-demographics/FHIR/R4/Patient/9000000009?x=a|b",
                        Map.of("X-Request-ID", UUID.randomUUID().toString())))
                .isEqualTo(200);
    }

    @Test
    void theRequestIdIsRequiredAndAUuid(NhsSandbox sandbox) throws Exception {
        URI uri = URI.create(sandbox.pdsBaseUrl() + "/Patient/9000000009");
        Answer missing = send(HttpRequest.newBuilder(uri).GET());
        Answer notUuid =
                send(HttpRequest.newBuilder(uri).header("X-Request-ID", "1234").GET());

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("MISSING_VALUE");
        assertThat(notUuid.status()).isEqualTo(400);
        assertThat(notUuid.code()).isEqualTo("INVALID_VALUE");
        assertThat(notUuid.body().path("issue").path(0).path("diagnostics").asText())
                .isEqualTo("Invalid value - '1234' in header 'X-Request-ID'");
    }

    @Test
    void anInvalidNumberIsRefusedAndAnUnknownOneIsNotFound(NhsSandbox sandbox) throws Exception {
        Answer invalid = get(sandbox, "/Patient/9000000000");
        Answer unknown = get(sandbox, "/Patient/9111231130");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("INVALID_RESOURCE_ID");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("RESOURCE_NOT_FOUND");
    }

    @Test
    void aRestrictedRecordIsRedactedEvenAfterAnUpdateAddsContactDetails(NhsSandbox sandbox) throws Exception {
        String addPhone = "{\"patches\":[{\"op\":\"add\",\"path\":\"/telecom\",\"value\":[{\"system\":\"phone\","
                + "\"value\":\"01632960000\",\"use\":\"home\"}]}]}";
        Answer updated = send(patch(sandbox, "9000000025", "W/\"2\"", addPhone));
        Answer read = get(sandbox, "/Patient/9000000025");

        assertThat(updated.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("W/\"3\"");
        assertThat(read.body()
                        .path("meta")
                        .path("security")
                        .path(0)
                        .path("code")
                        .asText())
                .isEqualTo("R");
        assertThat(read.body().has("telecom")).isFalse();
        assertThat(read.body().has("address")).isFalse();
        assertThat(read.body().has("generalPractitioner")).isFalse();
    }

    @Test
    void aSupersededNumberAnswersTheRetainedRecordAndRefusesUpdates(NhsSandbox sandbox) throws Exception {
        Answer a = get(sandbox, "/Patient/9000000041");
        Answer u = send(patch(sandbox, "9000000041", "W/\"2\"", GENDER_MALE));

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().path("id").asText()).isEqualTo("9000000009");
        assertThat(u.status()).isEqualTo(403);
        assertThat(u.code()).isEqualTo("FORBIDDEN_UPDATE");
    }

    @Test
    void aBearerTokenMustBeOneTheSandboxIssued(NhsSandbox sandbox) throws Exception {
        Answer forged = send(request(sandbox, "/Patient/9000000009")
                .header("Authorization", "Bearer forged-token")
                .GET());
        String token;
        try (SignedJwtAuth auth = sandbox.signedJwtAuth()) {
            token = auth.accessToken().reveal();
        }
        Answer issued = send(request(sandbox, "/Patient/9000000009")
                .header("Authorization", "Bearer " + token)
                .GET());
        Answer none = get(sandbox, "/Patient/9000000009");

        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.code()).isEqualTo("ACCESS_DENIED");
        assertThat(issued.status()).isEqualTo(200);
        assertThat(none.status()).isEqualTo(200);
    }

    @Test
    void anUpdateNeedsIfMatchAtTheCurrentVersionAndBumpsIt(NhsSandbox sandbox) throws Exception {
        Answer noIfMatch = send(patch(sandbox, "9000000009", null, GENDER_MALE));
        Answer malformed = send(patch(sandbox, "9000000009", "2", GENDER_MALE));
        Answer stale = send(patch(sandbox, "9000000009", "W/\"1\"", GENDER_MALE));
        Answer wrongType = send(request(sandbox, "/Patient/9000000009")
                .header("If-Match", "W/\"2\"")
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(GENDER_MALE)));
        Answer ok = send(patch(sandbox, "9000000009", "W/\"2\"", GENDER_MALE));
        Answer again = send(patch(sandbox, "9000000009", "W/\"2\"", GENDER_MALE));

        assertThat(noIfMatch.status()).isEqualTo(412);
        assertThat(noIfMatch.code()).isEqualTo("PRECONDITION_FAILED");
        assertThat(malformed.status()).isEqualTo(412);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("RESOURCE_VERSION_MISMATCH");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("ETag")).isEqualTo("W/\"3\"");
        assertThat(ok.body().path("gender").asText()).isEqualTo("male");
        assertThat(ok.body().path("meta").path("versionId").asText()).isEqualTo("3");
        assertThat(again.status())
                .as("a new request at the old version is stale")
                .isEqualTo(409);
        assertThat(get(sandbox, "/Patient/9000000009").header("ETag")).isEqualTo("W/\"3\"");
    }

    @Test
    void anUpdateResentWithTheSameRequestIdIsAppliedOnce(NhsSandbox sandbox) throws Exception {
        sandbox.faults()
                .injectNext(
                        "PATCH",
                        ".*/Patient/9000000009",
                        SandboxFault.status(503)
                                .withRetryAfter(Duration.ofSeconds(1))
                                .afterProcessing());
        String id = UUID.randomUUID().toString();
        String addNick = "{\"patches\":[{\"op\":\"add\",\"path\":\"/name/-\",\"value\":{\"use\":\"nickname\","
                + "\"given\":[\"Janie\"]}}]}";

        Answer lost = send(patch(sandbox, "9000000009", "W/\"2\"", addNick).setHeader("X-Request-ID", id));
        Answer resent = send(patch(sandbox, "9000000009", "W/\"2\"", addNick).setHeader("X-Request-ID", id));
        Answer read = get(sandbox, "/Patient/9000000009");

        assertThat(lost.status()).isEqualTo(503);
        assertThat(resent.status()).isEqualTo(200);
        assertThat(resent.header("ETag")).isEqualTo("W/\"3\"");
        assertThat(read.header("ETag")).isEqualTo("W/\"3\"");
        assertThat(read.body().path("name")).hasSize(2);
        assertThat(read.body().path("name").path(1).path("id").asText())
                .as("PDS assigns ids")
                .matches("[0-9A-F]{8}");
    }

    @Test
    void aRequestIdReusedForAnotherPatientNeverAnswersTheFirstPatientsRecord(NhsSandbox sandbox) throws Exception {
        String id = UUID.randomUUID().toString();

        Answer first = send(patch(sandbox, "9000000009", "W/\"2\"", GENDER_MALE).setHeader("X-Request-ID", id));
        Answer other = send(patch(sandbox, "9000000017", "W/\"2\"", GENDER_MALE).setHeader("X-Request-ID", id));

        assertThat(first.body().path("id").asText()).isEqualTo("9000000009");
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.body().path("id").asText()).isEqualTo("9000000017");
        assertThat(get(sandbox, "/Patient/9000000017").header("ETag")).isEqualTo("W/\"3\"");
    }

    @Test
    void patchesFollowPdsRulesAndApplyAllOrNothing(NhsSandbox sandbox) throws Exception {
        Answer indexAdd = send(
                patch(
                        sandbox,
                        "9000000009",
                        "W/\"2\"",
                        "{\"patches\":[{\"op\":\"add\",\"path\":\"/name/0\",\"value\":{\"use\":\"nickname\",\"given\":[\"J\"]}}]}"));
        Answer untestedRemove = send(
                patch(sandbox, "9000000009", "W/\"2\"", "{\"patches\":[{\"op\":\"remove\",\"path\":\"/address/1\"}]}"));
        Answer genderRemove = send(
                patch(sandbox, "9000000009", "W/\"2\"", "{\"patches\":[{\"op\":\"remove\",\"path\":\"/gender\"}]}"));
        Answer unknownField = send(patch(
                sandbox,
                "9000000009",
                "W/\"2\"",
                "{\"patches\":[{\"op\":\"add\",\"path\":\"/pets\",\"value\":\"cat\"}]}"));
        Answer failedTest = send(patch(
                sandbox,
                "9000000009",
                "W/\"2\"",
                "{\"patches\":["
                        + "{\"op\":\"replace\",\"path\":\"/gender\",\"value\":\"male\"},"
                        + "{\"op\":\"test\",\"path\":\"/address/1/id\",\"value\":\"nope\"},"
                        + "{\"op\":\"remove\",\"path\":\"/address/1\"}]}"));
        Answer noPatches = send(patch(sandbox, "9000000009", "W/\"2\"", "[]"));
        Answer partWithoutId = send(patch(
                sandbox,
                "9000000009",
                "W/\"2\"",
                "{\"patches\":[{\"op\":\"replace\",\"path\":\"/address/0/postalCode\",\"value\":\"LS1 4BU\"}]}"));
        Answer testedRemove = send(patch(
                sandbox,
                "9000000009",
                "W/\"2\"",
                "{\"patches\":["
                        + "{\"op\":\"test\",\"path\":\"/address/1/id\",\"value\":\"T456\"},"
                        + "{\"op\":\"remove\",\"path\":\"/address/1\"}]}"));

        assertThat(indexAdd.code()).isEqualTo("INVALID_UPDATE");
        assertThat(untestedRemove.code()).isEqualTo("INVALID_UPDATE");
        assertThat(genderRemove.status()).isEqualTo(403);
        assertThat(genderRemove.code()).isEqualTo("FORBIDDEN_UPDATE");
        assertThat(unknownField.body().path("issue").path(0).path("diagnostics").asText())
                .isEqualTo("Invalid update with error - Update unsupported for resource - 'pets'");
        assertThat(failedTest.status()).isEqualTo(400);
        assertThat(noPatches.code()).isEqualTo("INVALID_UPDATE");
        assertThat(partWithoutId.code()).isEqualTo("INVALID_UPDATE");
        assertThat(testedRemove.status()).isEqualTo(200);
        assertThat(testedRemove.body().path("gender").asText())
                .as("the failed patch changed nothing")
                .isEqualTo("female");
        assertThat(testedRemove.body().path("address")).hasSize(1);
    }

    @Test
    void searchesMatchTheRecordsByPdsRules(NhsSandbox sandbox) throws Exception {
        Answer basic = get(sandbox, "/Patient?family=Smith&birthdate=eq2010-10-22&email=jane.smith@example.com");
        Answer wildcard = get(sandbox, "/Patient?family=Sm%2A&birthdate=eq2010-10-22");
        Answer postcode = get(sandbox, "/Patient?family=Sm*&birthdate=eq2010-10-22&address-postalcode=LS1%206AE");
        Answer fuzzy = get(sandbox, "/Patient?family=Smyth&given=Jane&birthdate=eq2010-10-22&_fuzzy-match=true");
        Answer exact = get(sandbox, "/Patient?family=Sm*&birthdate=eq2010-10-22&_exact-match=true");
        Answer range = get(sandbox, "/Patient?family=smith&birthdate=ge2010-10-21&birthdate=le2010-10-23");
        Answer none = get(sandbox, "/Patient?family=Smith&birthdate=eq1990-01-01");

        assertThat(ids(basic)).containsExactly("9000000009");
        assertThat(basic.body()
                        .path("entry")
                        .path(0)
                        .path("search")
                        .path("score")
                        .asDouble())
                .isEqualTo(1.0);
        assertThat(basic.body().path("entry").path(0).path("fullUrl").asText())
                .isEqualTo(sandbox.pdsBaseUrl() + "/Patient/9000000009");
        JsonNode found = basic.body().path("entry").path(0).path("resource");
        assertThat(found.path("address"))
                .as("search returns the home address only")
                .hasSize(1);
        assertThat(found.toString()).doesNotContain("NominatedPharmacy").doesNotContain("patient-birthPlace");
        assertThat(ids(wildcard)).containsExactlyInAnyOrder("9000000009", "9000000017", "9000000025");
        JsonNode restricted = wildcard.body().path("entry").findParents("resource").stream()
                .map(e -> e.path("resource"))
                .filter(r -> r.path("id").asText().equals("9000000025"))
                .findFirst()
                .orElseThrow();
        assertThat(restricted.has("telecom")).isFalse();
        assertThat(ids(postcode))
                .as("restricted patients never match a postcode search")
                .containsExactlyInAnyOrder("9000000009", "9000000017");
        assertThat(ids(fuzzy)).contains("9000000009", "9000000017");
        assertThat(ids(exact)).isEmpty();
        assertThat(ids(range)).containsExactly("9000000009");
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.body().path("total").asInt()).isZero();
    }

    @Test
    void tooManyMatchesIsAnOkOperationOutcome(NhsSandbox sandbox) throws Exception {
        Answer a = get(sandbox, "/Patient?family=Sm*&birthdate=eq2010-10-22&_max-results=1");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().path("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(a.code()).isEqualTo("TOO_MANY_MATCHES");
    }

    @Test
    void impossibleSearchesAreRefusedWithPdsCodes(NhsSandbox sandbox) throws Exception {
        assertThat(get(sandbox, "/Patient?family=Smith").code()).isEqualTo("MISSING_VALUE");
        assertThat(get(sandbox, "/Patient?family=Smith&birthdate=eq2010-10-22&foo=1")
                        .code())
                .isEqualTo("ADDITIONAL_PROPERTIES");
        assertThat(get(sandbox, "/Patient").code()).isEqualTo("UNSUPPORTED_SERVICE");
        assertThat(get(sandbox, "/Patient?family=S*&birthdate=eq2010-10-22").code())
                .isEqualTo("INVALID_SEARCH_DATA");
        assertThat(get(sandbox, "/Patient?family=Smi*&given=Jane&birthdate=eq2010-10-22&_fuzzy-match=true")
                        .code())
                .isEqualTo("INVALID_SEARCH_DATA");
        assertThat(get(
                                sandbox,
                                "/Patient?family=Smith&birthdate=eq2010-10-22&address-postalcode=LS1"
                                        + "&address-postcode=LS1")
                        .code())
                .isEqualTo("INVALID_SEARCH_DATA");
        assertThat(get(sandbox, "/Patient?family=Smith&birthdate=eq2010-10-22&_max-results=51")
                        .code())
                .isEqualTo("INVALID_VALUE");
        assertThat(get(sandbox, "/Patient?family=Smith&birthdate=eq2010-10-22&gender=mal")
                        .code())
                .isEqualTo("INVALID_VALUE");
        assertThat(get(sandbox, "/Patient?family=Smith&birthdate=2010-10-22").code())
                .isEqualTo("INVALID_VALUE");
        assertThat(get(sandbox, "/Patient?family=Smith&birthdate=eq2010-10-22").status())
                .isEqualTo(200);
    }

    @Test
    void relatedPeopleComeFromTheSeedAndNotForARestrictedPatient(NhsSandbox sandbox) throws Exception {
        Answer full = get(sandbox, "/Patient/9000000009/RelatedPerson");
        Answer restricted = get(sandbox, "/Patient/9000000025/RelatedPerson");
        Answer none = get(sandbox, "/Patient/9000000033/RelatedPerson");

        assertThat(full.body().path("entry")).hasSize(2);
        assertThat(full.body().path("total").asInt()).isEqualTo(2);
        assertThat(restricted.status()).isEqualTo(200);
        assertThat(restricted.body().path("total").asInt()).isZero();
        assertThat(restricted.body().has("entry")).isFalse();
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.code()).isEqualTo("RESOURCE_NOT_FOUND");
    }

    @Test
    void resetReturnsToTheSeed(NhsSandbox sandbox) throws Exception {
        send(patch(sandbox, "9000000009", "W/\"2\"", GENDER_MALE));
        sandbox.reset();

        Answer a = get(sandbox, "/Patient/9000000009");
        assertThat(a.header("ETag")).isEqualTo("W/\"2\"");
        assertThat(a.body().path("gender").asText()).isEqualTo("female");
    }
}
