package uk.nhs.sdk.micrometer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.http.NhsHttpClient;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.identity.pds.PdsClient;

/**
 * A server that sends 10,000 distinct statuses and error codes, and a caller that sends 10,000
 * distinct paths, make a bounded number of meters, none of whose tags holds what they sent.
 */
class HostileServerTest extends MetricsWireMockTest {
    private static final int REQUESTS = 10_000;

    @Test
    void tenThousandDistinctStatusesAndCodesMakeABoundedNumberOfMeters() {
        server.stubFor(get(urlPathEqualTo(PATIENT_PATH))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/fhir+json")
                        .withTransformers(HostileAnswers.NAME)));
        PdsClient pds = pds(options().retry(RetryOptions.none()));

        for (int i = 0; i < REQUESTS; i++) {
            assertThat(catchThrowable(() -> pds.getPatient(PATIENT))).isInstanceOf(NhsSdkException.class);
        }

        long recorded = 0;
        Set<String> statuses = new TreeSet<>();
        Set<String> codes = new TreeSet<>();
        for (Meter m : MeterAssertions.meters(registry, NhsMetrics.CALLS)) {
            recorded += ((Timer) m).count();
            statuses.add(m.getId().getTag("status"));
            codes.add(m.getId().getTag("error_code"));
            assertThat(m.getId().getTag("operation")).isEqualTo("GET /Patient/{id}");
            assertThat(TagValues.OUTCOMES).contains(m.getId().getTag("outcome"));
        }
        assertThat(recorded).isEqualTo(REQUESTS);
        // 300 statuses become the 29 documented ones of 300-599 and three classes (or none: 407 is a transport error)
        assertThat(statuses).hasSizeLessThanOrEqualTo(33).contains("404", "429", "503", "3xx", "4xx", "5xx");
        // 10,000 codes become the one real PDS code, other, and none (a response without a body)
        assertThat(codes).isSubsetOf("RESOURCE_NOT_FOUND", "other", "none").contains("RESOURCE_NOT_FOUND", "other");
        assertThat(MeterAssertions.meters(registry, NhsMetrics.CALLS)).hasSizeLessThanOrEqualTo(33 * 3);
        assertThat(registry.getMeters()).hasSizeLessThan(200);
        MeterAssertions.assertNoPatientData(
                registry, HostileAnswers.ECHOED_NHS_NUMBER, HostileAnswers.ECHOED_SECRET, "CODE_", "PATIENT_");
    }

    @Test
    void tenThousandDistinctPathTemplatesMakeAtMostSixtyFiveOperations() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        try (NhsHttpClient http = NhsHttpClient.builder()
                .serviceName("Custom")
                .baseUrl(URI.create(server.baseUrl()))
                .options(options().build())
                .build()) {
            for (int i = 0; i < REQUESTS; i++) {
                // a caller that writes values into its templates: short ids, then long numbers
                String template =
                        i % 2 == 0 ? "/items/" + Integer.toString(i, 36) + "/{part}" : "/orders/" + (100_000 + i);
                try (NhsResponse r = http.execute(NhsRequest.builder("GET", template)
                        .pathParam("part", "x")
                        .build())) {
                    assertThat(r.status()).isEqualTo(200);
                }
            }
        }

        Set<String> operations = new HashSet<>();
        long recorded = 0;
        for (Meter m : MeterAssertions.meters(registry, NhsMetrics.CALLS)) {
            operations.add(m.getId().getTag("operation"));
            recorded += ((Timer) m).count();
        }
        assertThat(recorded).isEqualTo(REQUESTS);
        assertThat(operations).hasSize(ServiceMeters.MAX_OPERATIONS + 1).contains("other", "GET /items/0/{part}");
        assertThat(operations).noneMatch(o -> o.contains("/orders/"));
        assertThat(MeterAssertions.timerCount(registry, NhsMetrics.CALLS, "service", "Custom", "operation", "other"))
                .isEqualTo(REQUESTS - ServiceMeters.MAX_OPERATIONS);
        MeterAssertions.assertNoPatientData(registry);
    }
}
