package uk.nhs.sdk.identity.pds;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.nhs.sdk.identity.pds.PdsTestData.captured;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.CallOptions;
import uk.nhs.sdk.core.http.NhsHttpTransport;
import uk.nhs.sdk.core.http.PipelinePosition;

/** PDS on the shared client base: per-call overrides, the caller's policies, and closing. */
class PdsCallOptionsTest extends PdsWireMockTest {

    @Test
    void aViewWithCallOptionsSendsItsHeadersAndCorrelationIdAndTheClientKeepsItsOwn() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(captured("retrieve-9000000009")));
        PdsClient pds = builder().correlationId("client-corr").build();

        pds.withCallOptions(CallOptions.builder()
                        .correlationId("call-corr")
                        .header("X-Tenant", "north")
                        .deadline(Duration.ofSeconds(5))
                        .build())
                .getPatient(FULL);
        pds.getPatient(FULL);

        List<LoggedRequest> sent = server.findAll(getRequestedFor(urlPathEqualTo(path("/Patient/9000000009"))));
        assertThat(sent).extracting(r -> r.getHeader("X-Correlation-ID")).containsExactly("call-corr", "client-corr");
        assertThat(sent.get(0).getHeader("X-Tenant")).isEqualTo("north");
        assertThat(sent.get(1).containsHeader("X-Tenant")).isFalse();
    }

    @Test
    void aCallersPolicyRunsOnEveryPdsAttempt() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(captured("retrieve-9000000009")));
        List<String> seen = new ArrayList<>();
        PdsClient pds = builder()
                .options(options()
                        .addPolicy(PipelinePosition.PER_ATTEMPT, (call, next) -> {
                            seen.add(call.service() + " " + call.request().method() + " "
                                    + call.request().pathTemplate());
                            return next.process();
                        })
                        .build())
                .build();

        pds.getPatient(FULL);

        assertThat(seen).containsExactly("PDS GET /Patient/{id}");
    }

    @Test
    void closingTheClientLeavesASharedTransportOpenForItsOtherClients() {
        server.stubFor(get(urlPathEqualTo(path("/Patient/9000000009"))).willReturn(captured("retrieve-9000000009")));
        try (NhsHttpTransport shared = NhsHttpTransport.create(options().build())) {
            PdsClient first = builder().transport(shared).build();
            PdsClient second = builder().transport(shared).build();

            first.close();

            assertThat(second.getPatient(FULL).version()).isEqualTo(2);
        }
    }
}
