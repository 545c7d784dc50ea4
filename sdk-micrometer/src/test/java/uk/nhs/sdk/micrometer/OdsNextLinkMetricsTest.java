package uk.nhs.sdk.micrometer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.Meter;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.records.ods.OdsClient;
import uk.nhs.sdk.records.ods.OdsSearch;

/**
 * An ODS server whose next links carry a different hostile query on every page, or point at a
 * path holding an NHS number: the operation stays the search's template and no link value reaches
 * a tag.
 */
class OdsNextLinkMetricsTest extends MetricsWireMockTest {
    private static final String ODS = "/organisation-data-terminology-api/fhir";
    private static final int PAGES = 100;

    private OdsClient ods() {
        return OdsClient.builder()
                .baseUrl(URI.create(server.baseUrl() + ODS))
                .options(options().build())
                .build();
    }

    private static String page(String next) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[]"
                + (next == null ? "" : ",\"link\":[{\"relation\":\"next\",\"url\":\"" + next + "\"}]") + "}";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder bundle(String next) {
        return aResponse().withHeader("Content-Type", "application/fhir+json").withBody(page(next));
    }

    @Test
    void aHundredDistinctHostileNextLinksAreOneOperation() {
        String search = server.baseUrl() + ODS + "/Organization";
        server.stubFor(get(urlPathEqualTo(ODS + "/Organization"))
                .withQueryParam("_offset", absent())
                .willReturn(bundle(search + "?_offset=1&name=Patient+9000000001")));
        for (int i = 1; i < PAGES; i++) {
            String next = i + 1 < PAGES ? search + "?_offset=" + (i + 1) + "&name=Patient+" + (9000000001L + i) : null;
            server.stubFor(get(urlPathEqualTo(ODS + "/Organization"))
                    .withQueryParam("_offset", equalTo("" + i))
                    .willReturn(bundle(next)));
        }

        try (OdsClient client = ods()) {
            assertThat(client.search(OdsSearch.builder().build()).count()).isEqualTo(PAGES);
        }

        Set<String> operations = new HashSet<>();
        for (Meter m : MeterAssertions.meters(registry, NhsMetrics.CALLS)) {
            operations.add(m.getId().getTag("service") + " " + m.getId().getTag("operation"));
        }
        assertThat(operations).hasSize(1).allMatch(o -> o.endsWith(" GET /Organization"));
        assertThat(MeterAssertions.timerCount(
                        registry, NhsMetrics.CALLS, "operation", "GET /Organization", "outcome", "success"))
                .isEqualTo(PAGES);
        MeterAssertions.assertNoPatientData(registry, "900000", "Patient", "_offset");
    }

    @Test
    void aNextLinkToAnotherPathIsNeverFollowedNorTagged() {
        server.stubFor(get(urlPathEqualTo(ODS + "/Organization"))
                .willReturn(bundle(server.baseUrl() + ODS + "/Patient/9000000009?_offset=1")));

        try (OdsClient client = ods()) {
            catchThrowableOfType(
                    NhsDecodeException.class,
                    () -> client.search(OdsSearch.builder().build()).count());
        }

        assertThat(MeterAssertions.meters(registry, NhsMetrics.CALLS))
                .isNotEmpty()
                .allSatisfy(m -> assertThat(m.getId().getTag("operation")).isEqualTo("GET /Organization"));
        MeterAssertions.assertNoPatientData(registry, "9000000009", "Patient");
    }
}
