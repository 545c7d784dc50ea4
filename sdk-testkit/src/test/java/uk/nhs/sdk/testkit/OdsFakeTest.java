package uk.nhs.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.internal.json.Json;

/**
 * The ODS fake over raw HTTP: the API key, reads and HAPI's 404, searches with the specification's
 * filters, paging by next link, counts, affiliations, deletion Lists and the change feed.
 */
@ExtendWith(NhsSandboxExtension.class)
class OdsFakeTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String BASE = "/organisation-data-terminology-api/fhir";

    private record Answer(int status, JsonNode body) {
        String diagnostics() {
            return body.path("issue").path(0).path("diagnostics").asText("");
        }

        List<String> ids() {
            List<String> out = new ArrayList<>();
            body.path("entry")
                    .forEach(e -> out.add(e.path("resource").path("id").asText()));
            return out;
        }

        String next() {
            for (JsonNode l : body.path("link")) {
                if ("next".equals(l.path("relation").asText())) {
                    return l.path("url").asText();
                }
            }
            return null;
        }
    }

    private static Answer get(NhsSandbox sandbox, String pathAndQuery) throws IOException, InterruptedException {
        return getUrl(sandbox, sandbox.baseUrl() + BASE + pathAndQuery, true);
    }

    private static Answer getUrl(NhsSandbox sandbox, String url, boolean withKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (withKey) {
            b.header("apikey", sandbox.application().apiKey().reveal());
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), Json.mapper().readTree(r.body()));
    }

    @Test
    void aRequestWithoutARegisteredApiKeyIsRefused(NhsSandbox sandbox) throws Exception {
        Answer a = getUrl(sandbox, sandbox.baseUrl() + BASE + "/Organization/RR8", false);

        assertThat(a.status()).isEqualTo(401);
        assertThat(a.diagnostics()).isEqualTo("Access Denied");
    }

    @Test
    void readsTheSpecificationsExampleAndAnswersHapisNotFound(NhsSandbox sandbox) throws Exception {
        Answer rr8 = get(sandbox, "/Organization/RR8");
        Answer missing = get(sandbox, "/Organization/8J632648493");

        assertThat(rr8.status()).isEqualTo(200);
        assertThat(rr8.body().path("name").asText()).isEqualTo("LEEDS TEACHING HOSPITALS NHS TRUST");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.diagnostics()).isEqualTo("HAPI-2001: Resource Organization/8J632648493 is not known");
    }

    @Test
    void holdsTheNrlSandboxCustodians(NhsSandbox sandbox) throws Exception {
        for (String code : List.of("Y05868", "RJ11", "8J008", "RY26A", "RM559")) {
            Answer a = get(sandbox, "/Organization/" + code);
            assertThat(a.status()).as(code).isEqualTo(200);
            assertThat(a.body().path("name").asText()).startsWith("NRL SANDBOX");
        }
    }

    @Test
    void pagesWithCountAndNextLinksUntilEveryMatchIsSeen(NhsSandbox sandbox) throws Exception {
        SandboxOds.of(sandbox).generatedOrganisations(45);
        List<String> seen = new ArrayList<>();
        Answer page = get(sandbox, "/Organization?roleCode=RO182&_count=4");
        int pages = 1;
        seen.addAll(page.ids());
        while (page.next() != null) {
            assertThat(page.next()).startsWith(sandbox.baseUrl() + BASE + "/Organization?");
            page = getUrl(sandbox, page.next(), true);
            seen.addAll(page.ids());
            pages++;
        }

        assertThat(seen).hasSize(11).doesNotHaveDuplicates().allMatch(id -> id.startsWith("Z"));
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void theDefaultPageIsTwenty(NhsSandbox sandbox) throws Exception {
        Answer a = get(sandbox, "/Organization");

        assertThat(a.ids()).hasSize(20);
        assertThat(a.body().path("total").asInt())
                .isEqualTo(SandboxOds.of(sandbox).organisationCount());
    }

    @Test
    void roleCodesCombineWithCommaForOrAndRepeatsForAnd(NhsSandbox sandbox) throws Exception {
        Answer or = get(sandbox, "/Organization?roleCode=RO197,RO172&_count=100");
        Answer and = get(sandbox, "/Organization?roleCode=RO198&roleCode=RO7");
        Answer not = get(sandbox, "/Organization?roleCode=RO198&roleCode:not=RO7&_summary=count");

        assertThat(or.ids()).contains("RR8", "AQN", "RJ11", "8J008");
        assertThat(and.ids()).containsExactly("RY26A");
        assertThat(not.body().path("total").asInt()).isEqualTo(1 + SandboxOds.DEFAULT_GENERATED / 4);
    }

    @Test
    void filtersByNamePostcodeCityAndLastChangeDate(NhsSandbox sandbox) throws Exception {
        assertThat(get(sandbox, "/Organization?name=leeds%20teach").ids()).containsExactly("RR8");
        assertThat(get(sandbox, "/Organization?name:contains=BROWN").ids()).containsExactly("C4O9I");
        assertThat(get(sandbox, "/Organization?name:exact=leeds%20teaching%20hospitals%20nhs%20trust")
                        .ids())
                .isEmpty();
        assertThat(get(sandbox, "/Organization?address-postalcode:exact=LS9%207TF")
                        .ids())
                .containsExactly("RR8");
        assertThat(get(sandbox, "/Organization?address-city=FARE").ids()).containsExactly("AQN");
        assertThat(get(sandbox, "/Organization?lastChangeDate=2023-11-14&_id=RR8")
                        .ids())
                .containsExactly("RR8");
        assertThat(get(sandbox, "/Organization?lastChangeDate=gt2023-11-14&_id=RR8")
                        .ids())
                .isEmpty();
    }

    @Test
    void refusesAnUnknownParameterABadDateAndATooCostlyPage(NhsSandbox sandbox) throws Exception {
        Answer unknown = get(sandbox, "/Organization?count=2");
        Answer date = get(sandbox, "/Organization?lastChangeDate=gt2024-13-45");
        Answer costly = get(sandbox, "/Organization?_count=5000");

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.diagnostics()).startsWith("HAPI-0524: Unknown search parameter \"count\"");
        assertThat(date.status()).isEqualTo(400);
        assertThat(date.diagnostics()).startsWith("HAPI-1940");
        assertThat(costly.status()).isEqualTo(422);
    }

    @Test
    void servesAffiliationsAndTheDeletionLists(NhsSandbox sandbox) throws Exception {
        Answer affiliations = get(sandbox, "/OrganizationAffiliation?primary-organization=FDC49");
        Answer deletions = get(sandbox, "/List/Organization-deletion");
        Answer roles = get(sandbox, "/List/Organization-role-deletion");
        Answer unknown = get(sandbox, "/List/Nothing");

        assertThat(affiliations.ids()).containsExactly("383689", "648449", "716945");
        assertThat(deletions.body().path("entry").findValuesAsText("value")).contains("FVG57", "FJE57");
        assertThat(roles.status()).isEqualTo(200);
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void theChangeFeedRenamesAndDeletesWithANewLastChangeDate(NhsSandbox sandbox) throws Exception {
        SandboxOds control = SandboxOds.of(sandbox);
        control.rename(OdsCode.of("Y05868"), "RENAMED PRACTICE", LocalDate.of(2026, 11, 30));
        control.delete(OdsCode.of("RM559"), LocalDate.of(2026, 11, 30));

        assertThat(get(sandbox, "/Organization?lastChangeDate=gt2026-11-29").ids())
                .containsExactly("Y05868");
        assertThat(get(sandbox, "/Organization/Y05868").body().path("name").asText())
                .isEqualTo("RENAMED PRACTICE");
        assertThat(get(sandbox, "/Organization/RM559").status()).isEqualTo(404);
        assertThat(get(sandbox, "/List/Organization-deletion")
                        .body()
                        .path("entry")
                        .findValuesAsText("value"))
                .contains("RM559");
        assertThatThrownBy(() -> control.delete(OdsCode.of("RM559"), LocalDate.of(2026, 12, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHandlesBaseUrlIsTheServicesAndItsChangesLastUntilReset(NhsSandbox sandbox) {
        SandboxOds ods = SandboxOds.of(sandbox);
        ods.generatedOrganisations(3);
        int afterGenerating = SandboxOds.of(sandbox).organisationCount();
        sandbox.reset();

        assertThat(ods.baseUrl())
                .isEqualTo(sandbox.apiBaseUrl("organisation-data-terminology-api/fhir"))
                .isEqualTo(sandbox.serviceUrls().get("ODS FHIR R4 (Organisation Data Terminology API)"));
        assertThat(ods.organisationCount() - afterGenerating).isEqualTo(SandboxOds.DEFAULT_GENERATED - 3);
    }

    @Test
    void onlyGetIsAllowed(NhsSandbox sandbox) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + BASE + "/Organization"))
                        .header("apikey", sandbox.application().apiKey().reveal())
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.body()).contains("HAPI-0427");
    }
}
