package uk.nhs.sdk.records.ods;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.error.NhsDecodeException;

/** The client against stubs built from the specification's examples; every request checked against the spec. */
class OdsClientWireMockTest extends OdsWireMockTest {

    private static void stub(String urlPath, String body) {
        server.stubFor(get(urlPathEqualTo(path(urlPath)))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/fhir+json")
                        .withBody(body)));
    }

    @Test
    void readsAnOrganisationWithItsRolesAddressesAndContacts() {
        stub("/Organization/RR8", example("organization-RR8.json"));

        Organization o = client().read(OdsCode.of("RR8"));

        assertThat(o.odsCode()).isEqualTo(OdsCode.of("RR8"));
        assertThat(o.name()).isEqualTo("LEEDS TEACHING HOSPITALS NHS TRUST");
        assertThat(o.active()).isTrue();
        assertThat(o.recordClass()).contains("RC1");
        assertThat(o.recordUseType()).contains("Full");
        assertThat(o.lastChangeDate()).contains(LocalDate.of(2023, 11, 14));
        OrganizationRole trust = o.roles().get(0);
        assertThat(trust.role()).isEqualTo(OdsRole.NHS_TRUST);
        assertThat(trust.primary()).contains(true);
        assertThat(trust.active()).isTrue();
        assertThat(trust.instanceId()).contains(37525L);
        assertThat(trust.legalPeriod().flatMap(OdsPeriod::start)).contains(LocalDate.of(1998, 4, 1));
        assertThat(trust.operationalPeriod().flatMap(OdsPeriod::end)).isEmpty();
        assertThat(o.primaryRole()).contains(trust);
        assertThat(o.addresses().get(0).postalCode()).contains("LS9 7TF");
        assertThat(o.addresses().get(0).uprn()).contains("72016246");
        assertThat(o.contacts()).extracting(OdsContact::system).containsExactly("phone", "url");
        assertThat(Organization.fromJson(o.rawJson()).name()).isEqualTo(o.name());
        server.verify(getRequestedFor(urlEqualTo(path("/Organization/RR8")))
                .withHeader("apikey", equalTo(API_KEY))
                .withHeader("Accept", equalTo("application/fhir+json")));
        assertRequestsConform();
    }

    @Test
    void searchSendsTheSpecsParametersAndFollowsNextLinksLazily() {
        String first = example("organization-search.json");
        server.stubFor(get(urlPathEqualTo(path("/Organization")))
                .withQueryParam("_offset", absent())
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/fhir+json")
                        .withBody(first)));
        server.stubFor(get(urlPathEqualTo(path("/Organization")))
                .withQueryParam("_offset", equalTo("2"))
                .withQueryParam("_count", equalTo("2"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/fhir+json")
                        .withBody("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"resource\":"
                                + example("organization-RR8.json") + "}]}")));
        OdsSearch search = OdsSearch.builder()
                .nameContains("Leeds")
                .anyRole(OdsRole.NHS_TRUST, OdsRole.NHS_TRUST_SITE)
                .anyRole(OdsRole.HOSPICE)
                .withoutRole(OdsRole.GP_PRACTICE)
                .active(true)
                .postcode("LS1")
                .city("Leeds")
                .lastChangedAfter(LocalDate.of(2023, 5, 2))
                .lastChangedBefore(LocalDate.of(2023, 5, 4))
                .pageSize(2)
                .build();
        OdsClient ods = client();

        Stream<OdsPage<Organization>> pages = ods.search(search);
        assertThat(server.getAllServeEvents()).isEmpty();
        List<OdsPage<Organization>> all = pages.collect(Collectors.toList());

        assertThat(all).hasSize(2);
        assertThat(all.get(0).items()).extracting(o -> o.odsCode().value()).containsExactly("AQN", "C4O9I");
        assertThat(all.get(0).hasNext()).isTrue();
        assertThat(all.get(1).items()).extracting(o -> o.odsCode().value()).containsExactly("RR8");
        assertThat(all.get(1).hasNext()).isFalse();
        LoggedRequest sent = server.findAll(
                        getRequestedFor(urlPathEqualTo(path("/Organization"))).withQueryParam("_offset", absent()))
                .get(0);
        assertThat(sent.queryParameter("name:contains").values()).containsExactly("Leeds");
        assertThat(sent.queryParameter("roleCode").values()).containsExactly("RO197,RO198", "RO7");
        assertThat(sent.queryParameter("roleCode:not").values()).containsExactly("RO76");
        assertThat(sent.queryParameter("active").values()).containsExactly("true");
        assertThat(sent.queryParameter("address-postalcode").values()).containsExactly("LS1");
        assertThat(sent.queryParameter("address-city").values()).containsExactly("Leeds");
        assertThat(sent.queryParameter("lastChangeDate").values()).containsExactly("gt2023-05-02", "lt2023-05-04");
        assertThat(sent.queryParameter("_count").values()).containsExactly("2");
        assertRequestsConform();
    }

    @Test
    void organizationsStopsFetchingWhenTheStreamStops() {
        stub("/Organization", example("organization-search.json"));

        List<Organization> first =
                client().organizations(OdsSearch.builder().build()).limit(1).collect(Collectors.toList());

        assertThat(first).hasSize(1);
        assertThat(server.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aNextLinkToAnotherHostIsRefused() {
        stub(
                "/Organization",
                example("organization-search.json")
                        .replace(
                                server.baseUrl() + BASE + "/Organization?_count=2&_offset",
                                "https://evil.example.org" + BASE + "/Organization?_count=2&_offset"));

        NhsDecodeException e = catchThrowableOfType(
                NhsDecodeException.class,
                () -> client().search(OdsSearch.builder().build()).count());

        assertThat(e).hasMessageContaining("next link outside the client's base URL");
        assertThat(e.getMessage()).doesNotContain("evil");
        assertThat(server.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aServerThatIgnoresTheOffsetAndRepeatsTheNextLinkDoesNotPageForever() {
        stub("/Organization", example("organization-search.json"));

        NhsDecodeException e = catchThrowableOfType(
                NhsDecodeException.class,
                () -> client().search(OdsSearch.builder().build()).limit(10).count());

        assertThat(e).hasMessageContaining("next link it already followed");
        assertThat(server.getAllServeEvents()).hasSize(2);
    }

    @Test
    void aServerWhoseNextLinksGoRoundInALongerCycleDoesNotPageForever(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String page = example("organization-search.json");
        stub("/Organization", page);
        server.stubFor(get(urlPathEqualTo(path("/Organization")))
                .withQueryParam("_offset", equalTo("2"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/fhir+json")
                        .withBody(page.replace("_offset=2", "_offset=4"))));
        server.stubFor(get(urlPathEqualTo(path("/Organization")))
                .withQueryParam("_offset", equalTo("4"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/fhir+json")
                        .withBody(page)));

        NhsDecodeException e = catchThrowableOfType(
                NhsDecodeException.class,
                () -> client().search(OdsSearch.builder().build()).limit(10).count());

        assertThat(e).hasMessageContaining("next link it already followed");
        assertThat(server.getAllServeEvents()).hasSize(3);

        server.resetRequests();
        OdsMirror mirror = OdsMirror.builder()
                .directory(dir)
                .client(client())
                .roles(OdsRole.NHS_TRUST)
                .build();
        assertThatThrownBy(mirror::sync)
                .isInstanceOf(NhsDecodeException.class)
                .hasMessageContaining("next link it already followed");
        assertThat(server.getAllServeEvents()).hasSize(3);
        assertThat(mirror.interrupted()).isTrue();
    }

    @Test
    void theMirrorStopsOnARepeatedNextLinkAndKeepsItsCheckpoint(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        stub("/Organization", example("organization-search.json"));
        OdsMirror mirror = OdsMirror.builder()
                .directory(dir)
                .client(client())
                .roles(OdsRole.NHS_TRUST)
                .build();

        assertThatThrownBy(mirror::sync)
                .isInstanceOf(NhsDecodeException.class)
                .hasMessageContaining("next link it already followed");

        assertThat(server.getAllServeEvents()).hasSize(2);
        assertThat(mirror.interrupted()).isTrue();
        assertThat(mirror.codes()).extracting(OdsCode::value).containsExactly("AQN", "C4O9I");
    }

    @Test
    void aNextLinkToAnotherPathOnTheSameHostIsRefused() {
        stub(
                "/Organization",
                example("organization-search.json")
                        .replace(BASE + "/Organization?_count=2&_offset", "/other/Organization?_count=2&_offset"));

        catchThrowableOfType(
                NhsDecodeException.class,
                () -> client().search(OdsSearch.builder().build()).count());

        assertThat(server.getAllServeEvents()).hasSize(1);
    }

    @Test
    void countsWithSummaryCount() {
        server.stubFor(get(urlPathEqualTo(path("/Organization")))
                .withQueryParam("roleCode", equalTo("RO76"))
                .withQueryParam("_summary", equalTo("count"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/fhir+json")
                        .withBody("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":6543}")));

        assertThat(client().count(
                                OdsSearch.builder().anyRole(OdsRole.GP_PRACTICE).build()))
                .isEqualTo(6543);
        assertRequestsConform();
    }

    @Test
    void readsAffiliations() {
        stub("/OrganizationAffiliation", example("affiliation-search.json"));

        List<OrganizationAffiliation> list = client().affiliations(AffiliationSearch.builder()
                        .primaryOrganization(OdsCode.of("FDC49"))
                        .active(false)
                        .pageSize(10)
                        .build())
                .flatMap(p -> p.items().stream())
                .collect(Collectors.toList());

        assertThat(list).hasSize(3);
        OrganizationAffiliation a = list.get(0);
        assertThat(a.id()).isEqualTo("383689");
        assertThat(a.primaryOrganization()).isEqualTo(OdsCode.of("FDC49"));
        assertThat(a.participatingOrganization()).isEqualTo(OdsCode.of("Q72"));
        assertThat(a.relationship()).isEqualTo(OdsRelationship.IS_LOCATED_IN_THE_GEOGRAPHY_OF);
        assertThat(a.active()).isFalse();
        assertThat(a.period().flatMap(OdsPeriod::end)).contains(LocalDate.of(2020, 3, 31));
        server.verify(getRequestedFor(urlPathEqualTo(path("/OrganizationAffiliation")))
                .withQueryParam("primary-organization", equalTo("FDC49"))
                .withQueryParam("active", equalTo("false"))
                .withQueryParam("_count", equalTo("10")));
        assertRequestsConform();
    }

    @Test
    void readsADeletionList() {
        stub("/List/Organization-deletion", example("list-organization-deletion.json"));

        DeletionList list = client().deletions(DeletionList.Kind.ORGANIZATION);

        assertThat(list.entries()).extracting(DeletionList.Entry::value).containsExactly("FVG57", "FJE57");
        assertThat(list.entries().get(0).date()).contains(LocalDate.of(2024, 1, 17));
        assertThat(list.entries().get(0).odsCode()).contains(OdsCode.of("FVG57"));
        assertRequestsConform();
    }
}
