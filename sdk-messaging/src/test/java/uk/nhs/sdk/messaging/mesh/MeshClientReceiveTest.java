package uk.nhs.sdk.messaging.mesh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.error.RateLimitedException;
import uk.nhs.sdk.core.error.ResourceNotFoundException;
import uk.nhs.sdk.core.testing.LogGuard;

/** Inbox, download, reports and acknowledgement, against captured sandbox exchanges 04-07, 10, 16, 17, 24, 28, 29. */
class MeshClientReceiveTest extends MeshWireMockTestBase {
    private static final String INBOX = "/messageexchange/X26ABC1/inbox";
    private static final String SIMPLE = "00D63B97055A4922B6E9EF07D7745CDA";
    private static final String CHUNKED = "64FB9C47C72B4AC58B1842DB9FB0D315";

    @TempDir
    Path dir;

    @Test
    void listsTheInboxWithItsApproximateCount() {
        server.stubFor(get(urlPathEqualTo(INBOX))
                .willReturn(CapturedExchange.load("04-list-inbox-v2").response()));

        MeshInboxPage page = client().inbox();

        assertThat(page.messageIds()).containsExactly(SIMPLE);
        assertThat(page.approximateInboxCount()).hasValue(1);
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void followsLinksNextWithTheContinuationTokenThroughEmptyPages() {
        CapturedExchange first = CapturedExchange.load("28-list-inbox-v2-paged-max10");
        server.stubFor(get(urlPathEqualTo(INBOX)).atPriority(5).willReturn(first.response()));
        String token = "gAAAAABrBgP25rdn0O81pgN-Uyl5SzndiYGlG4L1kiG9qspWzfGfY6jWHuWJdjg7y-fVAz_631YQQ8cxNbqHs2BvrIGZ"
                + "cgiVVJ3LpBsavBx62DBa7zeeFKKoPoawOFDr1jlUycqlffsK9oLJ1WsoW6erYxzRjeCyfQ==";
        server.stubFor(get(urlPathEqualTo(INBOX))
                .atPriority(4)
                .withQueryParam("continue_from", equalTo(token))
                .willReturn(aResponse()
                        .withHeader("content-type", ACCEPT_V2)
                        .withBody("{\"messages\":[],\"links\":"
                                + "{\"self\":\"/x\",\"next\":\"/messageexchange/X26ABC1/inbox?max_results=10&continue_from="
                                + "second-page-token-0123456789abcdef\"},\"approx_inbox_count\":2}")));
        server.stubFor(
                get(urlPathEqualTo(INBOX))
                        .atPriority(4)
                        .withQueryParam("continue_from", equalTo("second-page-token-0123456789abcdef"))
                        .willReturn(
                                aResponse()
                                        .withHeader("content-type", ACCEPT_V2)
                                        .withBody(
                                                "{\"messages\":[\"LAST1\",\"LAST2\"],\"links\":{\"self\":\"/x\"},\"approx_inbox_count\":2}")));
        MeshInboxQuery query = MeshInboxQuery.builder()
                .maxResults(10)
                .workflowFilter("!*_ACK*")
                .build();

        List<String> ids = new ArrayList<>();
        client().inboxMessageIds(query).forEach(ids::add);

        assertThat(ids)
                .hasSize(12)
                .startsWith("891818B7AA8144CABC78E8BFA51F2F12")
                .endsWith("LAST1", "LAST2");
        List<LoggedRequest> calls = server.findAll(getRequestedFor(urlPathEqualTo(INBOX)));
        assertThat(calls).hasSize(3);
        assertThat(calls).allSatisfy(q -> {
            assertThat(q.queryParameter("max_results").firstValue()).isEqualTo("10");
            assertThat(q.queryParameter("workflow_filter").firstValue()).isEqualTo("!*_ACK*");
        });
        assertThat(calls.get(1).queryParameter("continue_from").firstValue()).isEqualTo(token);
    }

    @Test
    void pagingEndsWhereLinksNextLeadsBackToAPageAlreadyListed() {
        // a broken server whose pages A and B point at each other must not keep a drain or poller listing forever
        String a = "continuation-token-a-0123456789";
        String b = "continuation-token-b-0123456789";
        server.stubFor(get(urlPathEqualTo(INBOX)).atPriority(5).willReturn(page("FIRST", a)));
        server.stubFor(get(urlPathEqualTo(INBOX))
                .atPriority(4)
                .withQueryParam("continue_from", equalTo(a))
                .willReturn(page("ON_A", b)));
        server.stubFor(get(urlPathEqualTo(INBOX))
                .atPriority(4)
                .withQueryParam("continue_from", equalTo(b))
                .willReturn(page("ON_B", a)));

        List<String> ids = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            List<String> seen = new ArrayList<>();
            client().inboxMessageIds(MeshInboxQuery.all()).forEach(seen::add);
            return seen;
        });

        assertThat(ids).containsExactly("FIRST", "ON_A", "ON_B");
        server.verify(3, getRequestedFor(urlPathEqualTo(INBOX)));
    }

    private static ResponseDefinitionBuilder page(String id, String next) {
        return aResponse()
                .withHeader("content-type", ACCEPT_V2)
                .withBody("{\"messages\":[\"" + id + "\"],\"links\":{\"self\":\"/x\",\"next\":\"" + INBOX
                        + "?continue_from=" + next + "\"}}");
    }

    @Test
    void oneInboxPageExposesTheQueryForTheNext() {
        server.stubFor(get(urlPathEqualTo(INBOX))
                .willReturn(
                        CapturedExchange.load("28-list-inbox-v2-paged-max10").response()));

        MeshInboxPage page =
                client().inbox(MeshInboxQuery.builder().maxResults(10).build());

        assertThat(page.messageIds()).hasSize(10);
        assertThat(page.approximateInboxCount()).hasValue(12);
        assertThat(page.nextPage()).get().satisfies(q -> {
            assertThat(q.maxResults()).hasValue(10);
            assertThat(q.continueFrom())
                    .get()
                    .asString()
                    .startsWith("gAAAAABrBgP25")
                    .endsWith("fQ==");
        });
    }

    @Test
    void aTooManyRequestsOnTheInboxIsRetriedAfterRetryAfter() {
        server.stubFor(get(urlPathEqualTo(INBOX))
                .inScenario("429")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7"))
                .willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo(INBOX))
                .inScenario("429")
                .whenScenarioStateIs("ok")
                .willReturn(CapturedExchange.load("04-list-inbox-v2").response()));

        MeshInboxPage page = client().inbox();

        assertThat(page.messageIds()).containsExactly(SIMPLE);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(7));
        List<LoggedRequest> calls = server.findAll(getRequestedFor(urlPathEqualTo(INBOX)));
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).getHeader("Authorization"))
                .as("the retry is signed afresh")
                .contains(":202611242139:")
                .isNotEqualTo(calls.get(0).getHeader("Authorization"));
    }

    @Test
    void aPersistentTooManyRequestsIsATypedError() {
        server.stubFor(get(urlPathEqualTo(INBOX)).willReturn(aResponse().withStatus(429)));

        RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> client().inbox());

        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.getMessage()).startsWith("MESH 429");
    }

    @Test
    void metadataComesFromTheHeadersOfAHead() {
        for (String value : List.of("hello.txt", "example-local-id-1", "example subject")) {
            LogGuard.forbid(value);
        }
        server.stubFor(head(urlPathEqualTo(INBOX + "/" + SIMPLE))
                .willReturn(CapturedExchange.load("06-head-message").response()));

        MeshMessageInfo info = client().metadata(SIMPLE);

        assertThat(info.messageId()).isEqualTo(SIMPLE);
        assertThat(info.messageType()).isEqualTo(MeshMessageType.DATA);
        assertThat(info.sender()).contains("X26ABC1");
        assertThat(info.recipient()).contains("X26ABC2");
        assertThat(info.workflowId()).contains("TEST_WORKFLOW");
        assertThat(info.localId()).contains("example-local-id-1");
        assertThat(info.fileName()).contains("hello.txt");
        assertThat(info.subject()).contains("example subject");
        assertThat(info.contentType()).contains("text/plain");
        assertThat(info.checksum()).contains("md5:5d41402abc4b2a76b9719d911017c592");
        assertThat(info.totalChunks()).isEqualTo(1);
        assertThat(info.statusCode()).contains("00");
        assertThat(info.statusSuccess()).contains(true);
        assertThat(info.statusTimestamp()).contains(LocalDateTime.of(2026, 11, 24, 21, 38, 56));
        assertThat(info.header("MEX-VERSION")).contains("1.0");
        assertThat(info.headers()).containsKey("mex-addresstype").doesNotContainKey("last-modified");
        assertThat(info.toString()).doesNotContain("example subject").doesNotContain("hello.txt");
    }

    @Test
    void receivesASingleChunkMessage() throws IOException {
        server.stubFor(get(urlPathEqualTo(INBOX + "/" + SIMPLE))
                .willReturn(CapturedExchange.load("07-download-message-v2").response()));

        try (MeshMessage m = client().receive(SIMPLE)) {
            assertThat(m.messageId()).isEqualTo(SIMPLE);
            assertThat(m.info().isReport()).isFalse();
            assertThat(new String(m.content().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("Hello MESH");
        }
        LoggedRequest q = server.findAll(getRequestedFor(urlPathEqualTo(INBOX + "/" + SIMPLE)))
                .get(0);
        assertThat(q.getHeader("Accept-Encoding")).isEqualTo("gzip");
    }

    @Test
    void chunkTwoIsFetchedOnlyAfterChunkOneWasConsumed() throws IOException {
        stubChunkedDownload();

        try (MeshMessage m = client().receive(CHUNKED)) {
            assertThat(m.info().totalChunks()).isEqualTo(2);
            InputStream in = m.content();
            byte[] first = in.readNBytes(14);
            assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("first chunk | ");
            server.verify(0, getRequestedFor(urlPathEqualTo(INBOX + "/" + CHUNKED + "/2")));

            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second chunk");
            server.verify(1, getRequestedFor(urlPathEqualTo(INBOX + "/" + CHUNKED + "/2")));
        }
    }

    @Test
    void gzippedChunksAreDecodedTransparently() throws IOException {
        server.stubFor(get(urlPathEqualTo(INBOX + "/" + CHUNKED))
                .willReturn(CapturedExchange.load("16-download-chunk1-206-identity")
                        .response()
                        .withHeader("Content-Encoding", "gzip")
                        .withBody(gzip("first chunk | "))));
        server.stubFor(get(urlPathEqualTo(INBOX + "/" + CHUNKED + "/2"))
                .willReturn(CapturedExchange.load("17-download-chunk2-200-identity")
                        .response()
                        .withHeader("Content-Encoding", "gzip")
                        .withBody(gzip("second chunk"))));

        try (MeshMessage m = client().receive(CHUNKED)) {
            assertThat(new String(m.content().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("first chunk | second chunk");
            assertThat(m.info().contentEncoding()).contains("gzip");
        }
    }

    @Test
    void compressedDownloadsCanBeTurnedOff() throws IOException {
        stubChunkedDownload();

        try (MeshMessage m = builder().acceptCompressedDownloads(false).build().receive(CHUNKED)) {
            m.content().readAllBytes();
        }
        assertThat(server.findAll(getRequestedFor(urlPathMatching(INBOX + "/" + CHUNKED + "(/2)?"))))
                .hasSize(2)
                .allSatisfy(q -> assertThat(q.getHeader("Accept-Encoding")).isEqualTo("identity"));
    }

    @Test
    void receiveToWritesTheWholeMessageToAFile() throws IOException {
        stubChunkedDownload();
        Path target = dir.resolve("big.csv");
        Files.writeString(target, "old content");

        MeshMessageInfo info = client().receiveTo(CHUNKED, target);

        assertThat(Files.readString(target)).isEqualTo("first chunk | second chunk");
        assertThat(info.fileName()).contains("big.csv");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void receiveToATargetWithoutADirectoryFailsBeforeTheMessageIsFetched() {
        stubChunkedDownload();

        assertThatThrownBy(() ->
                        client().receiveTo(CHUNKED, dir.resolve("no-such-dir").resolve("big.csv")))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageStartingWith("target:")
                .hasMessageNotContaining("no-such-dir");
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aReportIsSurfacedAsATypedNonDeliveryReportWithoutFetchingChunks() throws IOException {
        String report = "A5BBC54EC89846FA851647381700FC25";
        server.stubFor(get(urlPathEqualTo(INBOX + "/" + report))
                .willReturn(CapturedExchange.load("29-download-report-message").response()));

        try (MeshMessage m = client().receive(report)) {
            assertThat(m.info().messageType()).isEqualTo(MeshMessageType.REPORT);
            assertThat(m.info().totalChunks()).isZero();
            assertThat(m.content().read()).isEqualTo(-1);
            MeshNonDeliveryReport r = m.info().report().orElseThrow();
            assertThat(r.errorCode()).isEqualTo(MeshErrorCodes.UNDELIVERED);
            assertThat(r.description()).contains("Message not collected by recipient after 5 days");
            assertThat(r.meaning()).contains("Undelivered message");
            assertThat(r.event()).contains("TRANSFER");
            assertThat(r.undeliveredMessageId()).contains(SIMPLE);
            assertThat(r.undeliveredLocalId()).contains("example-local-id-1");
            assertThat(r.workflowId()).contains("TEST_WORKFLOW");
            assertThat(r.reportMessageId()).isEqualTo(report);
            assertThat(r.timestamp()).contains(LocalDateTime.of(2026, 11, 24, 21, 39, 2));
        }
        server.verify(0, getRequestedFor(urlPathMatching(INBOX + "/" + report + "/.*")));
    }

    @Test
    void aDataMessageHasNoReport() {
        server.stubFor(get(urlPathEqualTo(INBOX + "/" + SIMPLE))
                .willReturn(CapturedExchange.load("07-download-message-v2").response()));

        try (MeshMessage m = client().receive(SIMPLE)) {
            assertThat(m.info().report()).isEmpty();
        }
    }

    @Test
    void anUnknownMessageIsNotFoundWithMeshsCode() {
        server.stubFor(get(urlPathEqualTo(INBOX + "/NOSUCHMESSAGE"))
                .willReturn(
                        CapturedExchange.load("24-error-download-unknown-404").response()));

        ResourceNotFoundException e =
                catchThrowableOfType(ResourceNotFoundException.class, () -> client().receive("NOSUCHMESSAGE"));

        assertThat(e.status()).isEqualTo(404);
        assertThat(e.errorCode()).contains(MeshErrorCodes.MESSAGE_DOES_NOT_EXIST);
        assertThat(e.attempts()).isEqualTo(1);
    }

    @Test
    void anExpiredMessageIsGone() {
        server.stubFor(
                get(urlPathEqualTo(INBOX + "/EXPIRED")).willReturn(aResponse().withStatus(410)));

        assertThatThrownBy(() -> client().receive("EXPIRED"))
                .isInstanceOf(MeshMessageGoneException.class)
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void acknowledgesWithAPut() {
        CapturedExchange ex = CapturedExchange.load("10-acknowledge-v2");
        String path = INBOX + "/" + SIMPLE + "/status/acknowledged";
        assertThat(ex.method).isEqualTo("PUT");
        assertThat(ex.path()).isEqualTo(path.replace("X26ABC1", "X26ABC2"));
        server.stubFor(put(urlPathEqualTo(path)).willReturn(ex.response()));

        client().acknowledge(SIMPLE);

        server.verify(1, putRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void badMessageIdsAreRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> client().receive("../outbox"))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageNotContaining("outbox");
        assertThatThrownBy(() -> client().acknowledge("")).isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> client().metadata("has space")).isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> MeshInboxQuery.builder().maxResults(9)).isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> MeshInboxQuery.builder().maxResults(5001)).isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> MeshInboxQuery.builder().workflowFilter("X"))
                .isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> MeshInboxQuery.builder().continueFrom("")).isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> MeshInboxQuery.builder().continueFrom("x".repeat(23)))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageStartingWith("continueFrom:");
        assertThatThrownBy(() -> MeshInboxQuery.builder().continueFrom("x".repeat(1001)))
                .isInstanceOf(NhsValidationException.class);
        assertThat(MeshInboxQuery.builder().continueFrom("x".repeat(24)).build().continueFrom())
                .hasValue("x".repeat(24));
        server.verify(0, getRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void dotSegmentsAreRefusedBecauseTheHttpLayerWouldResolveThemIntoAnotherPath() {
        // "inbox/../status/acknowledged" would be sent as "/messageexchange/X26ABC1/status/acknowledged"
        MeshClient mesh = client();
        for (String dots : List.of(".", "..")) {
            assertThatThrownBy(() -> mesh.acknowledge(dots))
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageStartingWith("messageId:");
            assertThatThrownBy(() -> mesh.receive(dots)).isInstanceOf(NhsValidationException.class);
            assertThatThrownBy(() -> mesh.metadata(dots)).isInstanceOf(NhsValidationException.class);
            assertThatThrownBy(() -> mesh.track(dots)).isInstanceOf(NhsValidationException.class);
            assertThatThrownBy(() -> mesh.trackByLocalId(dots))
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageStartingWith("localId:");
            assertThatThrownBy(() -> mesh.workflowSearch(dots))
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageStartingWith("workflowId:");
        }
        server.verify(0, anyRequestedFor(anyUrl()));

        server.stubFor(put(urlPathEqualTo(INBOX + "/A..B/status/acknowledged")).willReturn(aResponse()));
        mesh.acknowledge("A..B");
        server.verify(1, putRequestedFor(urlPathEqualTo(INBOX + "/A..B/status/acknowledged")));
    }

    private void stubChunkedDownload() {
        server.stubFor(get(urlPathEqualTo(INBOX + "/" + CHUNKED))
                .willReturn(
                        CapturedExchange.load("16-download-chunk1-206-identity").response()));
        server.stubFor(get(urlPathEqualTo(INBOX + "/" + CHUNKED + "/2"))
                .willReturn(
                        CapturedExchange.load("17-download-chunk2-200-identity").response()));
    }

    private static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
