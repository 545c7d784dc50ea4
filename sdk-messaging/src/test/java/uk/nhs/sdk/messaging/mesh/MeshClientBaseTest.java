package uk.nhs.sdk.messaging.mesh;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.CallOptions;
import uk.nhs.sdk.core.NhsEnvironment;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.http.NhsHttpTransport;
import uk.nhs.sdk.core.http.PipelinePosition;

/** MESH on the shared client base: per-call options, the caller's policies, environments, closing. */
class MeshClientBaseTest extends MeshWireMockTestBase {

    @Test
    void aViewWithCallOptionsAddsItsHeadersAndTheClientKeepsItsOwn() {
        server.stubFor(post(urlPathEqualTo("/messageexchange/X26ABC1"))
                .willReturn(CapturedExchange.load("01-handshake-v2").response()));
        MeshClient mesh = client();

        mesh.withCallOptions(CallOptions.builder()
                        .correlationId("batch-7")
                        .header("X-Tenant", "north")
                        .build())
                .handshake();
        mesh.handshake();

        List<LoggedRequest> sent = server.findAll(postRequestedFor(urlPathEqualTo("/messageexchange/X26ABC1")));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).getHeader("X-Correlation-ID")).isEqualTo("batch-7");
        assertThat(sent.get(0).getHeader("X-Tenant")).isEqualTo("north");
        assertThat(sent.get(1).containsHeader("X-Tenant")).isFalse();
        assertThat(validAuthorization(sent.get(0))).isTrue();
    }

    @Test
    void aCallersPolicySeesMeshCallsByTheirPathTemplate() {
        server.stubFor(post(urlPathEqualTo("/messageexchange/X26ABC1"))
                .willReturn(CapturedExchange.load("01-handshake-v2").response()));
        List<String> seen = new ArrayList<>();
        MeshClient mesh = builder()
                .options(options()
                        .addPolicy(PipelinePosition.PER_ATTEMPT, (call, next) -> {
                            seen.add(call.service() + " " + call.request().method() + " "
                                    + call.request().pathTemplate());
                            return next.process();
                        })
                        .build())
                .build();

        mesh.handshake();

        assertThat(seen).containsExactly("MESH POST /messageexchange/{mailbox}");
    }

    @Test
    void theSandboxEnvironmentHasNoMeshHost() {
        assertThatThrownBy(() -> MeshClient.builder()
                        .environment(NhsEnvironment.SANDBOX)
                        .mailbox("X26ABC1")
                        .password(uk.nhs.sdk.core.Secret.of(PASSWORD))
                        .sharedKey(uk.nhs.sdk.core.Secret.of(SHARED_KEY))
                        .build())
                .isInstanceOf(NhsConfigurationException.class)
                .hasMessageContaining("sandbox");
        assertThat(MeshClient.builder()
                        .environment(NhsEnvironment.INTEGRATION)
                        .mailbox("X26ABC1")
                        .password(uk.nhs.sdk.core.Secret.of(PASSWORD))
                        .sharedKey(uk.nhs.sdk.core.Secret.of(SHARED_KEY))
                        .build()
                        .baseUrl()
                        .getHost())
                .isEqualTo("msg.intspineservices.nhs.uk");
    }

    @Test
    void closingTheClientLeavesASharedTransportOpen() {
        server.stubFor(post(urlPathEqualTo("/messageexchange/X26ABC1"))
                .willReturn(CapturedExchange.load("01-handshake-v2").response()));
        try (NhsHttpTransport shared = NhsHttpTransport.create(options().build())) {
            MeshClient first = builder().transport(shared).build();
            MeshClient second = builder().transport(shared).build();

            first.close();
            second.handshake();

            server.verify(1, postRequestedFor(urlPathEqualTo("/messageexchange/X26ABC1")));
        }
    }
}
