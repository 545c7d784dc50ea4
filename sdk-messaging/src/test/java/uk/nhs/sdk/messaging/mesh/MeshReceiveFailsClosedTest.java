package uk.nhs.sdk.messaging.mesh;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.sdk.core.error.NhsDecodeException;

/**
 * Receiving fails closed: a chunk range that is missing, malformed, zero or inconsistent is an
 * {@link NhsDecodeException} and nothing is acknowledged; {@code receiveAll} acknowledges only a
 * message whose content was read to the end or accepted; {@code receiveTo} forces the file to disk
 * before moving it into place.
 */
class MeshReceiveFailsClosedTest extends MeshWireMockTestBase {
    private static final String INBOX = "/messageexchange/X26ABC1/inbox";
    private static final String SIMPLE = "00D63B97055A4922B6E9EF07D7745CDA";
    private static final String CHUNKED = "64FB9C47C72B4AC58B1842DB9FB0D315";

    @TempDir
    Path dir;

    @BeforeEach
    void acknowledgements() {
        server.stubFor(put(urlPathMatching(INBOX + "/[^/]+/status/acknowledged"))
                .willReturn(CapturedExchange.load("10-acknowledge-v2").response()));
    }

    private static void inboxListing(String id) {
        server.stubFor(get(urlPathEqualTo(INBOX))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withHeader("content-type", ACCEPT_V2)
                        .withBody("{\"messages\":[\"" + id + "\"],\"links\":{\"self\":\"" + INBOX
                                + "\"},\"approx_inbox_count\":1}")));
    }

    private static void firstChunk(ResponseDefinitionBuilder response) {
        server.stubFor(get(urlPathEqualTo(INBOX + "/" + CHUNKED)).willReturn(response));
    }

    private static void secondChunk(ResponseDefinitionBuilder response) {
        server.stubFor(get(urlPathEqualTo(INBOX + "/" + CHUNKED + "/2")).willReturn(response));
    }

    private static CapturedExchange chunk1() {
        return CapturedExchange.load("16-download-chunk1-206-identity");
    }

    private static CapturedExchange chunk2() {
        return CapturedExchange.load("17-download-chunk2-200-identity");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {"", "0:2", "3:2", "2:2", "a:b", "1:0", "0:0", "1:", ":2", "1-2", "1:2:3", "-1:2", "1:99999999999"
            })
    void aFirstChunkRangeThatDoesNotFitIsADecodeErrorAndNothingIsAcknowledged(String range) {
        firstChunk(chunk1().responseWith("mex-chunk-range", range));
        secondChunk(chunk2().response());
        inboxListing(CHUNKED);

        assertThatThrownBy(() -> client().receive(CHUNKED))
                .isInstanceOf(NhsDecodeException.class)
                .hasMessageContaining("mex-chunk-range")
                .hasNoCause();

        List<String> handled = new ArrayList<>();
        MeshPollResult result =
                client().receiveAll(m -> handled.add(new String(m.content().readAllBytes(), StandardCharsets.UTF_8)));
        assertThat(handled).isEmpty();
        assertThat(result.acknowledged()).isEmpty();
        assertThat(result.failures()).containsOnlyKeys(CHUNKED);
        assertThat(result.failures().get(CHUNKED)).isInstanceOf(NhsDecodeException.class);
        server.verify(0, putRequestedFor(urlPathMatching(".*/status/acknowledged")));
        server.verify(0, getRequestedFor(urlPathEqualTo(INBOX + "/" + CHUNKED + "/2")));
    }

    @Test
    void aTotalChunkCountThatDisagreesWithTheRangeIsADecodeError() {
        firstChunk(chunk1().responseWith("mex-total-chunks", "3"));

        assertThatThrownBy(() -> client().receive(CHUNKED))
                .isInstanceOf(NhsDecodeException.class)
                .hasMessageContaining("mex-total-chunks");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"1:2", "3:2", "2:3", "2:1", "x:2", "2:0"})
    void aLaterChunkThatAnswersAnotherRangeFailsTheReadAndNothingIsAcknowledged(String range) {
        firstChunk(chunk1().response());
        secondChunk(chunk2().responseWith("mex-chunk-range", range));
        inboxListing(CHUNKED);

        try (MeshMessage m = client().receive(CHUNKED)) {
            assertThatThrownBy(() -> m.content().readAllBytes())
                    .isInstanceOf(NhsDecodeException.class)
                    .hasMessageContaining("chunk 2 of 2")
                    .hasNoCause();
        }

        List<Exception> swallowed = new ArrayList<>();
        MeshPollResult result = client().receiveAll(m -> {
            try {
                m.content().readAllBytes();
            } catch (NhsDecodeException e) {
                swallowed.add(e); // a handler that swallows the failure must still not cause an acknowledgement
            }
        });
        assertThat(swallowed).hasSize(1);
        assertThat(result.acknowledged()).isEmpty();
        assertThat(result.failures().get(CHUNKED)).isInstanceOf(MeshMessageNotReadException.class);
        server.verify(0, putRequestedFor(urlPathMatching(".*/status/acknowledged")));
    }

    @Test
    void aFirstChunkWhoseStatusSaysTheMessageIsCompleteWhileItsRangeSaysMoreFollowIsADecodeError() {
        firstChunk(chunk1().response().withStatus(200));
        secondChunk(chunk2().response());

        assertThatThrownBy(() -> client().receive(CHUNKED))
                .isInstanceOf(NhsDecodeException.class)
                .hasMessageContaining("HTTP 200")
                .hasNoCause();
        server.verify(0, getRequestedFor(urlPathEqualTo(INBOX + "/" + CHUNKED + "/2")));
    }

    @Test
    void aLastChunkWhoseStatusSaysMoreFollowFailsTheReadAndNothingIsAcknowledged() {
        firstChunk(chunk1().response());
        secondChunk(chunk2().response().withStatus(206));
        inboxListing(CHUNKED);

        try (MeshMessage m = client().receive(CHUNKED)) {
            assertThatThrownBy(() -> m.content().readAllBytes())
                    .isInstanceOf(NhsDecodeException.class)
                    .hasMessageContaining("chunk 2 of 2 with HTTP 206")
                    .hasNoCause();
        }
        MeshPollResult result = client().receiveAll(m -> m.content().readAllBytes());

        assertThat(result.acknowledged()).isEmpty();
        assertThat(result.failures().get(CHUNKED)).isInstanceOf(NhsDecodeException.class);
        server.verify(0, putRequestedFor(urlPathMatching(".*/status/acknowledged")));
    }

    @Test
    void aWellFormedChunkedMessageStillArrivesWhole() throws IOException {
        firstChunk(chunk1().response());
        secondChunk(chunk2().response());

        try (MeshMessage m = client().receive(CHUNKED)) {
            assertThat(new String(m.content().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("first chunk | second chunk");
        }
    }

    @Test
    void receiveAllLeavesAMessageWhoseHandlerDidNotReadItToTheEnd() {
        firstChunk(chunk1().response());
        secondChunk(chunk2().response());
        inboxListing(CHUNKED);

        MeshPollResult nothingRead = client().receiveAll(m -> {});
        MeshPollResult firstChunkOnly = client().receiveAll(m -> m.content().readNBytes(14));

        for (MeshPollResult r : List.of(nothingRead, firstChunkOnly)) {
            assertThat(r.acknowledged()).isEmpty();
            assertThat(r.failures().get(CHUNKED))
                    .isInstanceOf(MeshMessageNotReadException.class)
                    .hasMessageContaining("MeshMessage.accept()");
        }
        server.verify(0, putRequestedFor(urlPathMatching(".*/status/acknowledged")));
        // deciding whether the content was read never downloads a chunk the handler did not ask for
        server.verify(0, getRequestedFor(urlPathEqualTo(INBOX + "/" + CHUNKED + "/2")));
    }

    @Test
    void receiveAllAcknowledgesAMessageReadToTheEndOrExplicitlyAccepted() {
        server.stubFor(get(urlPathEqualTo(INBOX + "/" + SIMPLE))
                .willReturn(CapturedExchange.load("07-download-message-v2").response()));
        inboxListing(SIMPLE);

        MeshPollResult readAll =
                client().receiveAll(m -> m.content().transferTo(java.io.OutputStream.nullOutputStream()));
        MeshPollResult readExactly = client().receiveAll(m -> m.content().readNBytes(10)); // every byte, no -1 yet
        MeshPollResult accepted = client().receiveAll(MeshMessage::accept);

        for (MeshPollResult r : List.of(readAll, readExactly, accepted)) {
            assertThat(r.acknowledged()).containsExactly(SIMPLE);
            assertThat(r.failures()).isEmpty();
        }
        server.verify(3, putRequestedFor(urlPathEqualTo(INBOX + "/" + SIMPLE + "/status/acknowledged")));
    }

    @Test
    void aHandlerThatClosesTheContentAfterItsLastByteHasItsMessageAcknowledged() {
        // a parser in try-with-resources stops at its last byte without seeing -1, then closes the stream
        server.stubFor(get(urlPathEqualTo(INBOX + "/" + SIMPLE))
                .willReturn(CapturedExchange.load("07-download-message-v2").response()));
        inboxListing(SIMPLE);

        MeshPollResult closedAtTheEnd = client().receiveAll(m -> {
            try (InputStream in = m.content()) {
                assertThat(in.readNBytes(10)).hasSize(10);
            }
        });

        assertThat(closedAtTheEnd.failures()).isEmpty();
        assertThat(closedAtTheEnd.acknowledged()).containsExactly(SIMPLE);
        server.verify(1, putRequestedFor(urlPathEqualTo(INBOX + "/" + SIMPLE + "/status/acknowledged")));
    }

    @Test
    void aHandlerThatClosesTheContentEarlyLeavesItsMessage() {
        firstChunk(chunk1().response());
        secondChunk(chunk2().response());
        inboxListing(CHUNKED);

        MeshPollResult closedInTheLastChunk = client().receiveAll(m -> {
            try (InputStream in = m.content()) {
                assertThat(in.readNBytes(20)).hasSize(20);
            }
        });
        MeshPollResult closedAfterTheFirstChunk = client().receiveAll(m -> {
            try (InputStream in = m.content()) {
                assertThat(in.readNBytes(14)).hasSize(14);
            }
        });

        for (MeshPollResult r : List.of(closedInTheLastChunk, closedAfterTheFirstChunk)) {
            assertThat(r.acknowledged()).isEmpty();
            assertThat(r.failures().get(CHUNKED)).isInstanceOf(MeshMessageNotReadException.class);
        }
        server.verify(0, putRequestedFor(urlPathMatching(".*/status/acknowledged")));
        server.verify(1, getRequestedFor(urlPathEqualTo(INBOX + "/" + CHUNKED + "/2")));
    }

    @Test
    void aReportCountsAsReadBecauseItHasNoContent() {
        String report = "A5BBC54EC89846FA851647381700FC25";
        server.stubFor(get(urlPathEqualTo(INBOX + "/" + report))
                .willReturn(CapturedExchange.load("29-download-report-message").response()));
        inboxListing(report);

        MeshPollResult result =
                client().receiveAll(m -> assertThat(m.info().isReport()).isTrue());

        assertThat(result.acknowledged()).containsExactly(report);
    }

    @Test
    void receiveToForcesTheFileToDiskBeforeMovingItOverTheTarget() throws IOException {
        firstChunk(chunk1().response());
        secondChunk(chunk2().response());
        Path target = dir.resolve("big.csv");
        Files.writeString(target, "old content");
        List<String> seenAtForce = new ArrayList<>();
        MeshReceiver receiver = new MeshReceiver(client().calls(), (FileChannel ch) -> {
            seenAtForce.add(ch.size() + " bytes forced; target holds " + Files.readString(target));
            ch.force(true);
        });

        receiver.receiveTo(CHUNKED, target);

        assertThat(seenAtForce).containsExactly("26 bytes forced; target holds old content");
        assertThat(Files.readString(target)).isEqualTo("first chunk | second chunk");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void receiveToLeavesTheTargetAloneWhenAChunkRangeDoesNotFit() throws IOException {
        firstChunk(chunk1().response());
        secondChunk(chunk2().responseWith("mex-chunk-range", "2:3"));
        Path target = dir.resolve("big.csv");
        Files.writeString(target, "old content");

        assertThatThrownBy(() -> client().receiveTo(CHUNKED, target)).isInstanceOf(NhsDecodeException.class);

        assertThat(Files.readString(target)).isEqualTo("old content");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }
}
