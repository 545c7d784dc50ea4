package uk.nhs.sdk.messaging.mesh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.CallOptions;
import uk.nhs.sdk.core.error.NhsTimeoutException;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * A chunk transfer has its own deadline (30 minutes by default), not the 2 minutes meant for a
 * small call: a chunk of up to 100 MB read by a handler at its own pace, or uploaded over a slow
 * link, must not fail for taking longer than a JSON call. The clock is the injected one.
 */
class MeshTransferDeadlineTest extends MeshWireMockTestBase {
    private static final String INBOX = "/messageexchange/X26ABC1/inbox";
    private static final String OUTBOX = "/messageexchange/X26ABC1/outbox";
    private static final String CHUNKED = "64FB9C47C72B4AC58B1842DB9FB0D315";

    @BeforeEach
    void chunkedMessage() {
        server.stubFor(get(urlPathEqualTo(INBOX + "/" + CHUNKED))
                .willReturn(
                        CapturedExchange.load("16-download-chunk1-206-identity").response()));
        server.stubFor(get(urlPathEqualTo(INBOX + "/" + CHUNKED + "/2"))
                .willReturn(
                        CapturedExchange.load("17-download-chunk2-200-identity").response()));
        server.stubFor(get(urlPathEqualTo(INBOX))
                .willReturn(aResponse()
                        .withHeader("content-type", ACCEPT_V2)
                        .withBody("{\"messages\":[\"" + CHUNKED + "\"],\"links\":{\"self\":\"" + INBOX + "\"}}")));
        server.stubFor(put(urlPathMatching(INBOX + "/[^/]+/status/acknowledged"))
                .willReturn(CapturedExchange.load("10-acknowledge-v2").response()));
    }

    /** Identity downloads, so that every read reaches the response stream and its deadline check. */
    private MeshClient.Builder identity() {
        return builder().acceptCompressedDownloads(false);
    }

    /** Reads 5 bytes, lets {@code pause} pass, then reads the rest. */
    private String readSlowly(MeshMessage m, Duration pause) throws IOException {
        InputStream in = m.content();
        byte[] start = in.readNBytes(5);
        clock.advance(pause);
        return new String(start, StandardCharsets.UTF_8) + new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aChunkMayBeReadForLongerThanTheOptionsDeadline() throws IOException {
        try (MeshMessage m = identity().build().receive(CHUNKED)) {
            assertThat(readSlowly(m, Duration.ofMinutes(29))).isEqualTo("first chunk | second chunk");
            assertThat(m.handled()).isTrue();
        }
    }

    @Test
    void aChunkStillEndsAtTheTransferDeadlineAndItsMessageIsNotAcknowledged() {
        List<Exception> swallowed = new ArrayList<>();

        MeshPollResult result = identity()
                .transferDeadline(Duration.ofMinutes(5))
                .build()
                .receiveAll(m -> {
                    try {
                        readSlowly(m, Duration.ofMinutes(6));
                    } catch (NhsTimeoutException e) {
                        swallowed.add(e);
                    }
                });

        assertThat(swallowed).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("deadline"));
        assertThat(result.acknowledged()).isEmpty();
        assertThat(result.failures().get(CHUNKED)).isInstanceOf(MeshMessageNotReadException.class);
        server.verify(0, putRequestedFor(urlPathMatching(".*/status/acknowledged")));
    }

    @Test
    void byDefaultATransferEndsAfterThirtyMinutesOrTheOptionsDeadlineWhenThatIsLonger() throws IOException {
        try (MeshMessage m = identity().build().receive(CHUNKED)) {
            assertThatThrownBy(() -> readSlowly(m, Duration.ofMinutes(31))).isInstanceOf(NhsTimeoutException.class);
        }
        try (MeshMessage m = identity()
                .options(options().deadline(Duration.ofMinutes(45)).build())
                .build()
                .receive(CHUNKED)) {
            assertThat(readSlowly(m, Duration.ofMinutes(44))).isEqualTo("first chunk | second chunk");
        }
    }

    @Test
    void aViewWithADeadlineOfItsOwnGivesItToItsTransfers() {
        MeshClient view = identity()
                .build()
                .withCallOptions(
                        CallOptions.builder().deadline(Duration.ofMinutes(1)).build());

        try (MeshMessage m = view.receive(CHUNKED)) {
            assertThatThrownBy(() -> readSlowly(m, Duration.ofMinutes(2))).isInstanceOf(NhsTimeoutException.class);
        }
    }

    @Test
    void aChunkUploadIsRetriedWithinTheTransferDeadlineNotTheOptionsDeadline() {
        // the first attempt of chunk 2 takes 3 minutes (longer than the options' 2-minute deadline), then fails
        server.stubFor(post(urlPathEqualTo(OUTBOX))
                .willReturn(CapturedExchange.load("13-send-chunk1-of-2-gzip").response()));
        String chunk2 = OUTBOX + "/" + CHUNKED + "/2";
        server.stubFor(post(urlPathEqualTo(chunk2))
                .inScenario("slow")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withTransformers(HOOK))
                .willSetStateTo("recovered"));
        server.stubFor(post(urlPathEqualTo(chunk2))
                .inScenario("slow")
                .whenScenarioStateIs("recovered")
                .willReturn(CapturedExchange.load("14-send-chunk2-of-2-gzip").response()));
        serverHook = () -> clock.advance(Duration.ofMinutes(3));

        MeshSendResult sent = client().send(
                        MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                                .chunkSize(14)
                                .build(),
                        "first chunk | second chunk".getBytes(StandardCharsets.UTF_8));

        assertThat(sent.chunks()).isEqualTo(2);
        server.verify(2, postRequestedFor(urlPathEqualTo(chunk2)));
    }

    @Test
    void theTransferDeadlineIsChecked() {
        assertThatThrownBy(() -> builder().transferDeadline(Duration.ofMillis(999)))
                .isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> builder().transferDeadline(Duration.ofHours(25)))
                .isInstanceOf(NhsValidationException.class);
    }
}
