package uk.nhs.sdk.messaging.mesh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.NhsEnvironment;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.ForbiddenException;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.testing.CapturingAppender;

/**
 * Handshake, tracking, lookup, inbox count, authentication failures, configuration and the
 * secrets rule, against captured sandbox exchanges 01, 08, 09, 12, 23 and 25-27.
 */
class MeshClientAdminTest extends MeshWireMockTestBase {
    private static final String SIMPLE = "00D63B97055A4922B6E9EF07D7745CDA";
    private static final String TRACKING = "/messageexchange/X26ABC1/outbox/tracking";

    @Test
    void theHandshakeSendsTheMexClientHeaders() {
        server.stubFor(post(urlPathEqualTo("/messageexchange/X26ABC1"))
                .willReturn(CapturedExchange.load("01-handshake-v2").response()));

        client().handshake();

        LoggedRequest q = server.findAll(postRequestedFor(urlPathEqualTo("/messageexchange/X26ABC1")))
                .get(0);
        assertThat(q.getHeader("mex-ClientVersion"))
                .as("the module's own build version")
                .matches("nhs-sdk-java==\\d+\\.\\d+\\.\\d+\\S*");
        assertThat(q.getHeader("mex-OSName")).isNotBlank();
        assertThat(q.getHeader("mex-OSVersion")).isNotBlank();
        assertThat(q.getHeader("mex-OSArchitecture")).isNotBlank();
        assertThat(q.getHeader("mex-JavaVersion")).isNotBlank().isEqualTo(System.getProperty("java.version"));
        assertThat(q.getHeader("Accept")).isEqualTo(ACCEPT_V2);
        CapturedExchange captured = CapturedExchange.load("01-handshake-v2");
        assertThat(captured.requestHeaders)
                .extracting(h -> h.getKey())
                .contains("mex-ClientVersion", "mex-OSName", "mex-OSVersion", "mex-OSArchitecture", "mex-JavaVersion");
    }

    @Test
    void aWrongSharedKeyGivesTheCapturedForbiddenWithoutRetrying() {
        server.stubFor(post(urlPathEqualTo("/messageexchange/X26ABC1"))
                .willReturn(CapturedExchange.load("01-handshake-v2").response()));
        MeshClient wrongKey =
                builder().sharedKey(Secret.of("not-the-shared-key")).build();

        ForbiddenException e = catchThrowableOfType(ForbiddenException.class, wrongKey::handshake);

        assertThat(e.status()).isEqualTo(403);
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.getMessage()).doesNotContain("not-the-shared-key").doesNotContain(PASSWORD);
        server.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void aWrongPasswordIsForbiddenToo() {
        server.stubFor(get(urlPathEqualTo("/messageexchange/X26ABC1/inbox"))
                .willReturn(CapturedExchange.load("04-list-inbox-v2").response()));

        assertThatThrownBy(() ->
                        builder().password(Secret.of("wrong-password")).build().inbox())
                .isInstanceOf(ForbiddenException.class);
        assertThat(client().inbox().messageIds()).hasSize(1);
    }

    @Test
    void tracksByMessageIdParsingIsoTimestamps() {
        server.stubFor(get(urlPathEqualTo(TRACKING))
                .withQueryParam("messageID", equalTo(SIMPLE))
                .willReturn(CapturedExchange.load("08-track-message-v2").response()));

        MeshTrackingInfo t = client().track(SIMPLE);

        assertThat(t.messageId()).contains(SIMPLE);
        assertThat(t.localId()).contains("example-local-id-1");
        assertThat(t.workflowId()).contains("TEST_WORKFLOW");
        assertThat(t.fileName()).contains("hello.txt");
        assertThat(t.recipient()).contains("X26ABC2");
        assertThat(t.recipientName()).contains("TESTMB2");
        assertThat(t.recipientOdsCode()).contains("X26");
        assertThat(t.recipientOrganisationName()).isEmpty();
        assertThat(t.status()).isEqualTo(MeshTrackingStatus.ACCEPTED);
        assertThat(t.statusText()).contains("accepted");
        assertThat(t.statusSuccess()).contains(true);
        assertThat(t.expiryTime()).contains(LocalDateTime.parse("2026-11-29T21:38:56.319702"));
        assertThat(t.uploadTimestamp()).contains(LocalDateTime.parse("2026-11-24T21:38:56.319817"));
    }

    @Test
    void trackingAfterTheAcknowledgementSaysAcknowledged() {
        server.stubFor(get(urlPathEqualTo(TRACKING))
                .willReturn(CapturedExchange.load("12-track-after-ack-v2").response()));

        assertThat(client().track(SIMPLE).status()).isEqualTo(MeshTrackingStatus.ACKNOWLEDGED);
    }

    @Test
    void tracksByLocalIdReadingTheV1BodyAndCompactTimestamps() {
        server.stubFor(get(urlPathEqualTo(TRACKING + "/example-local-id-1"))
                .willReturn(CapturedExchange.load("09-track-message-v1").response()));

        MeshTrackingInfo t = client().trackByLocalId("example-local-id-1");

        assertThat(t.messageId()).contains(SIMPLE);
        assertThat(t.localId()).contains("example-local-id-1");
        assertThat(t.status()).isEqualTo(MeshTrackingStatus.ACCEPTED);
        assertThat(t.statusText()).contains("Accepted");
        assertThat(t.statusSuccess()).contains(true);
        assertThat(t.recipientOdsCode()).contains("X26");
        assertThat(t.expiryTime()).contains(LocalDateTime.of(2026, 11, 29, 21, 38, 56));
        assertThat(t.uploadTimestamp()).contains(LocalDateTime.of(2026, 11, 24, 21, 38, 56));
    }

    @Test
    void aLocalIdMatchingSeveralMessagesIsTyped() {
        server.stubFor(
                get(urlPathEqualTo(TRACKING + "/dup")).willReturn(aResponse().withStatus(300)));

        assertThat(catchThrowableOfType(MeshLocalIdNotUniqueException.class, () -> client().trackByLocalId("dup"))
                        .status())
                .isEqualTo(300);
    }

    @Test
    void looksUpMailboxesByOdsCodeAndWorkflowInBothBodyShapes() {
        CapturedExchange v2 = CapturedExchange.load("25-lookup-endpoint-v2");
        server.stubFor(get(urlPathEqualTo(v2.path())).willReturn(v2.response()));

        assertThat(client().lookup(OdsCode.of("x26"), "TEST_WORKFLOW"))
                .containsExactly(new MeshMailbox("X26ABC2", "TESTMB2"));

        server.stubFor(get(urlPathEqualTo(v2.path()))
                .willReturn(CapturedExchange.load("26-lookup-endpoint-v1").response()));
        assertThat(client().lookup(OdsCode.of("X26"), "TEST_WORKFLOW"))
                .containsExactly(new MeshMailbox("X26ABC2", "TESTMB2"));
    }

    @Test
    void searchesMailboxesByWorkflow() {
        CapturedExchange ex = CapturedExchange.load("27-workflowsearch-v2");
        server.stubFor(get(urlPathEqualTo(ex.path())).willReturn(ex.response()));

        assertThat(client().workflowSearch("TEST_WORKFLOW_ACK"))
                .extracting(MeshMailbox::mailboxId)
                .containsExactly("X26ABC1", "X26ABC3");
    }

    @Test
    void countsTheInbox() {
        // body: the InboxCount v2 example of the MESH OpenAPI specification
        server.stubFor(get(urlPathEqualTo("/messageexchange/X26ABC1/count"))
                .willReturn(aResponse().withHeader("content-type", ACCEPT_V2).withBody("{\"count\": 1234}")));

        assertThat(client().inboxCount()).isEqualTo(1234);
    }

    @Test
    void theEnvironmentGivesTheMeshHost() {
        MeshClient integration = MeshClient.builder()
                .environment(NhsEnvironment.INTEGRATION)
                .mailbox("X26ABC1")
                .password(Secret.of(PASSWORD))
                .sharedKey(Secret.of(SHARED_KEY))
                .build();
        MeshClient production = MeshClient.builder()
                .environment(NhsEnvironment.PRODUCTION)
                .mailbox("X26ABC1")
                .password(Secret.of(PASSWORD))
                .sharedKey(Secret.of(SHARED_KEY))
                .build();

        assertThat(integration.baseUrl()).isEqualTo(URI.create("https://msg.intspineservices.nhs.uk"));
        assertThat(production.baseUrl()).isEqualTo(URI.create("https://mesh-sync.spineservices.nhs.uk"));
        assertThat(integration.mailbox()).isEqualTo("X26ABC1");
        assertThat(integration.toString()).doesNotContain(PASSWORD).doesNotContain(SHARED_KEY);
    }

    @Test
    void configurationMistakesFailAtBuild() {
        assertThatThrownBy(() -> MeshClient.builder()
                        .environment(NhsEnvironment.SANDBOX)
                        .mailbox("X26ABC1")
                        .password(Secret.of(PASSWORD))
                        .sharedKey(Secret.of(SHARED_KEY))
                        .build())
                .isInstanceOf(NhsConfigurationException.class)
                .hasMessageContaining("baseUrl");
        assertThatThrownBy(() -> MeshClient.builder()
                        .environment(NhsEnvironment.INTEGRATION)
                        .mailbox("X26ABC1")
                        .password(Secret.of(PASSWORD))
                        .build())
                .isInstanceOf(NhsConfigurationException.class)
                .hasMessageContaining("shared key");
        assertThatThrownBy(() -> MeshClient.builder()
                        .environment(NhsEnvironment.INTEGRATION)
                        .password(Secret.of(PASSWORD))
                        .sharedKey(Secret.of(SHARED_KEY))
                        .build())
                .isInstanceOf(NhsConfigurationException.class)
                .hasMessageContaining("mailbox");
        assertThatThrownBy(() -> MeshClient.builder()
                        .mailbox("X26ABC1")
                        .password(Secret.of(PASSWORD))
                        .sharedKey(Secret.of(SHARED_KEY))
                        .build())
                .isInstanceOf(NhsConfigurationException.class)
                .hasMessageContaining("base URL");
        assertThatThrownBy(() -> MeshClient.builder().mailbox("X26 ABC1")).isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> MeshClient.builder().chunkSize(0)).isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> MeshClient.builder().chunkSize(100_000_001))
                .isInstanceOf(NhsValidationException.class);
    }

    @Test
    void sendRequestsAreValidatedWithoutEchoingValues() {
        String secretish = "patient 9434765919 results";
        assertThat(catchThrowableOfType(
                        NhsValidationException.class,
                        () -> MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                                .subject(secretish + "\n")
                                .build()))
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("subject");
                    assertThat(e.getMessage()).doesNotContain("9434765919");
                });
        assertThatThrownBy(() -> MeshSendRequest.builder(null, "WF").build())
                .isInstanceOf(NhsValidationException.class)
                .hasMessageStartingWith("to:");
        assertThatThrownBy(() -> MeshSendRequest.builder("X26ABC2", "").build())
                .isInstanceOf(NhsValidationException.class)
                .hasMessageStartingWith("workflowId:");
        assertThatThrownBy(() -> MeshSendRequest.builder("X26ABC2", "https://evil.example/wf")
                        .build())
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("URL");
        assertThatThrownBy(() ->
                        MeshSendRequest.builder("X26ABC2", "W".repeat(301)).build())
                .isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> MeshSendRequest.builder("X26ABC2", "WF")
                        .localId("L".repeat(301))
                        .build())
                .isInstanceOf(NhsValidationException.class)
                .hasMessageStartingWith("localId:");
        assertThatThrownBy(() -> MeshSendRequest.builder("X26ABC2", "WF")
                        .fileName("f".repeat(301))
                        .build())
                .isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> MeshSendRequest.builder("X26ABC2", "WF")
                        .checksum("c".repeat(101))
                        .build())
                .isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> MeshSendRequest.builder("X26ABC2", "WF")
                        .contentType("not a type")
                        .build())
                .isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> MeshSendRequest.builder("X26ABC2", "WF")
                        .subject("caf\u00e9")
                        .build())
                .isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() ->
                        MeshSendRequest.builder("X26ABC2", "WF").chunkSize(0).build())
                .isInstanceOf(NhsValidationException.class);
        MeshSendRequest ok =
                MeshSendRequest.builder("x26abc2", "WF").subject(secretish).build();
        assertThat(ok.to()).isEqualTo("X26ABC2");
        assertThat(ok.toString()).doesNotContain("9434765919");
        assertThatThrownBy(() -> client().lookup(OdsCode.of("X26"), "bad workflow"))
                .isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> client().trackByLocalId("")).isInstanceOf(NhsValidationException.class);
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void neitherSecretReachesLogsExceptionsOrStrings() {
        server.stubFor(post(urlPathEqualTo("/messageexchange/X26ABC1"))
                .willReturn(aResponse().withStatus(503)));
        MeshClient mesh = client();

        NhsSdkException e = catchThrowableOfType(NhsSdkException.class, mesh::handshake);

        assertThat(CapturingAppender.lines())
                .as("the pipeline logged each attempt")
                .isNotEmpty();
        assertThat(String.join("\n", CapturingAppender.lines()))
                .doesNotContain(PASSWORD)
                .doesNotContain(SHARED_KEY)
                .doesNotContain("NHSMESH");
        assertThat(e.toString()).doesNotContain(PASSWORD).doesNotContain(SHARED_KEY);
        assertThat(mesh.toString()).doesNotContain(PASSWORD).doesNotContain(SHARED_KEY);
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/messageexchange/X26ABC1"))))
                .hasSize(3);
    }
}
