package uk.nhs.sdk.messaging.mesh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.sdk.core.error.BadRequestException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.error.ServerErrorException;
import uk.nhs.sdk.core.testing.CapturingAppender;
import uk.nhs.sdk.core.testing.LogGuard;

/** Sending, against WireMock stubs built from captured sandbox exchanges 03, 13-15 and 18-22. */
class MeshClientSendTest extends MeshWireMockTestBase {
    private static final String OUTBOX = "/messageexchange/X26ABC1/outbox";
    private static final String CHUNKED_ID = "64FB9C47C72B4AC58B1842DB9FB0D315";

    @TempDir
    Path dir;

    private void stubSend(String exchange) {
        server.stubFor(post(urlPathEqualTo(OUTBOX))
                .willReturn(CapturedExchange.load(exchange).response()));
    }

    private void stubChunkedSend() {
        server.stubFor(post(urlPathEqualTo(OUTBOX))
                .willReturn(CapturedExchange.load("13-send-chunk1-of-2-gzip").response()));
        server.stubFor(post(urlPathMatching(OUTBOX + "/" + CHUNKED_ID + "/[0-9]+"))
                .willReturn(CapturedExchange.load("14-send-chunk2-of-2-gzip").response()));
    }

    @Test
    void aSingleChunkMessageCarriesEveryHeaderOfTheCapturedSend() {
        CapturedExchange ex = CapturedExchange.load("03-send-message-v2");
        stubSend("03-send-message-v2");
        // metadata and content can identify a patient: none of it may reach a log line
        for (String value : List.of("hello.txt", "example-local-id-1", "example subject", "Hello MESH")) {
            LogGuard.forbid(value);
        }

        MeshSendResult sent = client().send(
                        MeshSendRequest.builder("x26abc2", "TEST_WORKFLOW")
                                .fileName("hello.txt")
                                .localId("example-local-id-1")
                                .subject("example subject")
                                .checksum("md5:5d41402abc4b2a76b9719d911017c592")
                                .contentType("text/plain")
                                .build(),
                        ex.requestBody.getBytes(StandardCharsets.UTF_8));

        assertThat(sent.messageId()).isEqualTo("00D63B97055A4922B6E9EF07D7745CDA");
        assertThat(sent.localId()).isEqualTo("example-local-id-1");
        assertThat(sent.chunks()).isEqualTo(1);
        LoggedRequest q =
                server.findAll(postRequestedFor(urlPathEqualTo(OUTBOX))).get(0);
        for (String name : List.of(
                "mex-To", "mex-WorkflowID", "mex-FileName", "mex-LocalID", "mex-Subject", "mex-Content-Checksum")) {
            assertThat(q.getHeader(name))
                    .as(name)
                    .isEqualTo(ex.requestHeader(name).orElseThrow());
        }
        assertThat(q.getHeader("Content-Type")).startsWith("text/plain");
        assertThat(q.getHeader("mex-Content-Type")).isEqualTo("text/plain");
        assertThat(q.containsHeader("mex-Chunk-Range")).isFalse();
        assertThat(q.containsHeader("Content-Encoding")).isFalse();
        assertThat(q.getBodyAsString()).isEqualTo("Hello MESH");
        assertThat(q.getHeader("Authorization")).matches("NHSMESH X26ABC1:" + UUID_RE + ":0:202611242138:[0-9a-f]{64}");
    }

    @Test
    void aLocalIdIsGeneratedWhenNoneIsGivenAndReturned() {
        stubSend("03-send-message-v2");

        MeshSendResult sent = client().send(
                        MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW").build(), new byte[] {1, 2, 3});

        assertThat(sent.localId()).matches(UUID_RE);
        LoggedRequest q =
                server.findAll(postRequestedFor(urlPathEqualTo(OUTBOX))).get(0);
        assertThat(q.getHeader("mex-LocalID")).isEqualTo(sent.localId());
        assertThat(q.getHeader("Content-Type")).isEqualTo("application/octet-stream");
    }

    @Test
    void aChunkedCompressedFileIsSentChunkByChunkEachGzippedOnItsOwn() throws IOException {
        stubChunkedSend();
        byte[] data = "first chunk | second chunk | third".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve("big.csv"), data);

        MeshSendResult sent = client().send(
                        MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                                .fileName("big.csv")
                                .contentType("text/csv")
                                .compress(true)
                                .chunkSize(14)
                                .build(),
                        file);

        assertThat(sent.messageId()).isEqualTo(CHUNKED_ID);
        assertThat(sent.chunks()).isEqualTo(3);
        LoggedRequest first =
                server.findAll(postRequestedFor(urlPathEqualTo(OUTBOX))).get(0);
        assertThat(first.getHeader("mex-Chunk-Range")).isEqualTo("1:3");
        assertThat(first.getHeader("Content-Encoding")).isEqualTo("gzip");
        assertThat(first.getHeader("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(first.getHeader("mex-Content-Type")).isEqualTo("text/csv");
        // WireMock gunzips each request body on its own, so each chunk is a gzip stream of its own
        // slice; the Content-Length shows the compressed bytes were what travelled
        assertThat(first.getBodyAsString()).isEqualTo("first chunk | ");
        assertThat(first.getHeader("Content-Length")).isEqualTo(Integer.toString(gzip("first chunk | ").length));
        String[] slices = {null, null, "second chunk |", " third"};
        for (int k = 2; k <= 3; k++) {
            List<LoggedRequest> q =
                    server.findAll(postRequestedFor(urlPathEqualTo(OUTBOX + "/" + CHUNKED_ID + "/" + k)));
            assertThat(q).hasSize(1);
            assertThat(q.get(0).getHeader("mex-Chunk-Range")).isEqualTo(k + ":3");
            assertThat(q.get(0).getHeader("Content-Encoding")).isEqualTo("gzip");
            assertThat(q.get(0).getHeader("Content-Length")).isEqualTo(Integer.toString(gzip(slices[k]).length));
            assertThat(q.get(0).containsHeader("mex-To")).isFalse();
            assertThat(q.get(0).getBodyAsString()).isEqualTo(slices[k]);
        }
    }

    @Test
    void aStreamOfKnownLengthIsSentAndTheSpoolIsCleanedUp() throws IOException {
        stubChunkedSend();
        Path spool = Files.createDirectory(dir.resolve("spool"));
        byte[] data = new byte[100];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        MeshClient mesh = builder().spoolDirectory(spool).chunkSize(40).build();

        MeshSendResult sent = mesh.send(
                MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW").build(),
                new ByteArrayInputStream(data),
                data.length);

        assertThat(sent.chunks()).isEqualTo(3);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(
                server.findAll(postRequestedFor(urlPathEqualTo(OUTBOX))).get(0).getBody());
        for (int k = 2; k <= 3; k++) {
            all.write(server.findAll(postRequestedFor(urlPathEqualTo(OUTBOX + "/" + CHUNKED_ID + "/" + k)))
                    .get(0)
                    .getBody());
        }
        assertThat(all.toByteArray()).isEqualTo(data);
        try (Stream<Path> left = Files.list(spool)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aStreamOfUnknownLengthIsSpooledThenSent() {
        stubChunkedSend();
        byte[] data = "abcdefghij".repeat(5).getBytes(StandardCharsets.UTF_8);

        MeshSendResult sent = builder()
                .chunkSize(20)
                .build()
                .send(MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW").build(), new ByteArrayInputStream(data));

        assertThat(sent.chunks()).isEqualTo(3);
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo(OUTBOX)))
                        .get(0)
                        .getHeader("mex-Chunk-Range"))
                .isEqualTo("1:3");
    }

    @Test
    void anEmptyMessageIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> client().send(
                                MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                                        .build(),
                                new byte[0]))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> client().send(
                                MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                                        .build(),
                                InputStream.nullInputStream()))
                .isInstanceOf(NhsValidationException.class);
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anUnregisteredRecipientIsATypedRejectionWithMeshsCode() {
        stubSend("18-error-unregistered-recipient-417-v2");

        MeshRejectedException e = catchThrowableOfType(
                MeshRejectedException.class,
                () -> client().send(
                                MeshSendRequest.builder("NOSUCHMB", "TEST_WORKFLOW")
                                        .build(),
                                "x".getBytes(StandardCharsets.UTF_8)));

        assertThat(e.status()).isEqualTo(417);
        assertThat(e.errorCode()).contains(MeshErrorCodes.UNREGISTERED_RECIPIENT);
        assertThat(e.meaning()).contains("Unregistered to address");
        assertThat(e.getMessage()).startsWith("MESH 417 12").doesNotContain("Unregistered");
        server.verify(1, postRequestedFor(urlPathEqualTo(OUTBOX)));
    }

    @Test
    void theV1ErrorBodyGivesTheSameCode() {
        stubSend("19-error-unregistered-recipient-417-v1");

        MeshRejectedException e = catchThrowableOfType(
                MeshRejectedException.class,
                () -> client().send(
                                MeshSendRequest.builder("NOSUCHMB", "TEST_WORKFLOW")
                                        .build(),
                                "x".getBytes(StandardCharsets.UTF_8)));

        assertThat(e.errorCode()).contains("12");
    }

    @Test
    void theServerSideErrorsOfTheSendAreTyped() {
        stubSend("21-error-empty-body-417");
        assertThat(catchThrowableOfType(
                                MeshRejectedException.class,
                                () -> client().send(
                                                MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                                                        .build(),
                                                new byte[] {1}))
                        .errorCode())
                .contains(MeshErrorCodes.DATA_FILE_MISSING);

        stubSend("22-error-bad-chunk-range-417");
        assertThat(catchThrowableOfType(
                                MeshRejectedException.class,
                                () -> client().send(
                                                MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                                                        .build(),
                                                new byte[] {1}))
                        .errorCode())
                .contains("InvalidHeaderChunks");

        stubSend("20-error-missing-mex-to-400");
        BadRequestException bad = catchThrowableOfType(
                BadRequestException.class,
                () -> client().send(
                                MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                                        .build(),
                                new byte[] {1}));
        assertThat(bad.errorCode()).isEmpty();
    }

    @Test
    void aResetDuringTheMessagePostIsNotReplayedAndTheOutcomeIsUnknown() {
        server.stubFor(post(urlPathEqualTo(OUTBOX)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        NhsTransportException e = catchThrowableOfType(
                NhsTransportException.class,
                () -> client().send(
                                MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                                        .localId("order-2026-11-24-001")
                                        .build(),
                                "Hello MESH".getBytes(StandardCharsets.UTF_8)));

        assertThat(e.outcomeUnknown()).isTrue();
        assertThat(e.reconcileId()).contains("order-2026-11-24-001");
        assertThat(e.attempts()).isEqualTo(1);
        server.verify(1, postRequestedFor(urlPathEqualTo(OUTBOX)));
        server.verify(0, postRequestedFor(urlPathMatching(OUTBOX + "/.+")));
    }

    @Test
    void aResetOutcomeGivesTheGeneratedLocalIdToReconcileWith() {
        server.stubFor(post(urlPathEqualTo(OUTBOX)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        NhsTransportException e = catchThrowableOfType(
                NhsTransportException.class,
                () -> client().send(
                                MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                                        .build(),
                                new byte[] {1}));

        String sentLocalId =
                server.findAll(postRequestedFor(urlPathEqualTo(OUTBOX))).get(0).getHeader("mex-LocalID");
        assertThat(e.reconcileId()).contains(sentLocalId);
    }

    @Test
    void anAcceptedSendWithoutAReadableMessageIdGivesTheLocalIdToTrackInsteadOfInvitingAResend() {
        for (String body : List.of("{}", "null", "<html>accepted</html>")) {
            server.resetRequests();
            server.stubFor(post(urlPathEqualTo(OUTBOX))
                    .willReturn(aResponse()
                            .withStatus(202)
                            .withHeader("content-type", "application/json")
                            .withBody(body)));

            NhsTransportException e = catchThrowableOfType(
                    NhsTransportException.class,
                    () -> client().send(
                                    MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                                            .build(),
                                    new byte[] {1}));

            String sentLocalId = server.findAll(postRequestedFor(urlPathEqualTo(OUTBOX)))
                    .get(0)
                    .getHeader("mex-LocalID");
            assertThat(e.outcomeUnknown()).as(body).isTrue();
            assertThat(e.reconcileId()).as(body).contains(sentLocalId);
            assertThat(e.getMessage()).contains("track it by its local id");
            server.verify(1, postRequestedFor(urlPathEqualTo(OUTBOX)));
        }
    }

    @Test
    void aServerErrorThatDoesNotSayWhetherTheMessageWasStoredIsAnUnknownOutcomeWithTheLocalId() {
        for (int status : List.of(500, 502, 504)) {
            server.resetRequests();
            server.stubFor(post(urlPathEqualTo(OUTBOX))
                    .willReturn(
                            aResponse().withStatus(status).withBody("<soap:Envelope>internal error</soap:Envelope>")));

            NhsTransportException e = catchThrowableOfType(
                    NhsTransportException.class,
                    () -> client().send(
                                    MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                                            .build(),
                                    new byte[] {1}));

            String sentLocalId = server.findAll(postRequestedFor(urlPathEqualTo(OUTBOX)))
                    .get(0)
                    .getHeader("mex-LocalID");
            assertThat(e.outcomeUnknown()).as("HTTP %d", status).isTrue();
            assertThat(e.reconcileId()).contains(sentLocalId);
            assertThat(e.getCause())
                    .isInstanceOfSatisfying(
                            ServerErrorException.class,
                            c -> assertThat(c.status()).isEqualTo(status));
            assertThat(e.getMessage()).doesNotContain("soap");
            server.verify(1, postRequestedFor(urlPathEqualTo(OUTBOX)));
        }
    }

    @Test
    void aServiceUnavailableRefusalOfTheMessagePostIsRetriedAndTheMessageSentOnce() {
        server.stubFor(post(urlPathEqualTo(OUTBOX))
                .inScenario("refused")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("<soap:Envelope>busy</soap:Envelope>"))
                .willSetStateTo("open"));
        server.stubFor(post(urlPathEqualTo(OUTBOX))
                .inScenario("refused")
                .whenScenarioStateIs("open")
                .willReturn(CapturedExchange.load("03-send-message-v2").response()));

        MeshSendResult sent = client().send(
                        MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                                .localId("order-2026-11-24-002")
                                .build(),
                        "Hello MESH".getBytes(StandardCharsets.UTF_8));

        assertThat(sent.messageId()).isEqualTo("00D63B97055A4922B6E9EF07D7745CDA");
        List<LoggedRequest> posts = server.findAll(postRequestedFor(urlPathEqualTo(OUTBOX)));
        assertThat(posts).hasSize(2);
        assertThat(posts).allSatisfy(q -> {
            assertThat(q.getBodyAsString()).isEqualTo("Hello MESH");
            assertThat(q.getHeader("mex-LocalID")).isEqualTo("order-2026-11-24-002");
        });
        assertThat(posts.get(1).getHeader("X-Request-ID"))
                .isEqualTo(posts.get(0).getHeader("X-Request-ID"));
        assertThat(posts.get(1).getHeader("Authorization"))
                .as("signed afresh")
                .isNotEqualTo(posts.get(0).getHeader("Authorization"));
        assertThat(sleeper.sleeps()).as("backed off once").hasSize(1);
    }

    @Test
    void aRateLimitRefusalOfTheMessagePostIsRetriedAfterItsRetryAfter() {
        server.stubFor(post(urlPathEqualTo(OUTBOX))
                .inScenario("429")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "4"))
                .willSetStateTo("open"));
        server.stubFor(post(urlPathEqualTo(OUTBOX))
                .inScenario("429")
                .whenScenarioStateIs("open")
                .willReturn(CapturedExchange.load("03-send-message-v2").response()));

        MeshSendResult sent = client().send(
                        MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW").build(), new byte[] {1});

        assertThat(sent.messageId()).isEqualTo("00D63B97055A4922B6E9EF07D7745CDA");
        server.verify(2, postRequestedFor(urlPathEqualTo(OUTBOX)));
        assertThat(sleeper.sleeps()).containsExactly(java.time.Duration.ofSeconds(4));
    }

    @Test
    void aPersistentRefusalOfTheMessagePostIsAKnownFailureAfterTheRetries() {
        server.stubFor(post(urlPathEqualTo(OUTBOX))
                .willReturn(aResponse().withStatus(503).withBody("<soap:Envelope>internal error</soap:Envelope>")));

        ServerErrorException e = catchThrowableOfType(
                ServerErrorException.class,
                () -> client().send(
                                MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                                        .build(),
                                new byte[] {1}));

        assertThat(e.status()).isEqualTo(503);
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e)
                .as("503 proves MESH did not store it: not an unknown outcome")
                .isNotInstanceOf(NhsTransportException.class);
        server.verify(3, postRequestedFor(urlPathEqualTo(OUTBOX)));
    }

    @Test
    void aBadGatewayToTheMessagePostIsSentOnceAndItsOutcomeIsUnknown() {
        server.stubFor(post(urlPathEqualTo(OUTBOX))
                .inScenario("502")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502))
                .willSetStateTo("open"));
        server.stubFor(post(urlPathEqualTo(OUTBOX))
                .inScenario("502")
                .whenScenarioStateIs("open")
                .willReturn(CapturedExchange.load("03-send-message-v2").response()));

        NhsTransportException e = catchThrowableOfType(
                NhsTransportException.class,
                () -> client().send(
                                MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                                        .localId("order-502")
                                        .build(),
                                new byte[] {1}));

        assertThat(e.outcomeUnknown()).isTrue();
        assertThat(e.reconcileId()).contains("order-502");
        server.verify(1, postRequestedFor(urlPathEqualTo(OUTBOX)));
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void tooEarlyIsNotTakenAsProofThatTheMessageWasNotStored() {
        // RFC 8470 allows 425 only for requests sent in TLS early data, which this client never
        // sends: a 425 proves nothing, so the message POST is not repeated
        server.stubFor(post(urlPathEqualTo(OUTBOX)).willReturn(aResponse().withStatus(425)));

        assertThatThrownBy(() -> client().send(
                                MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                                        .build(),
                                new byte[] {1}))
                .isInstanceOf(uk.nhs.sdk.core.error.NhsServiceException.class);
        server.verify(1, postRequestedFor(urlPathEqualTo(OUTBOX)));
    }

    @Test
    void aSpoolFileThatCannotBeRemovedAfterMeshStoredTheMessageIsLoggedNotThrown() throws IOException {
        // once MESH has the message, a local clean-up failure must not make the caller send it again
        Path spool = Files.createDirectory(dir.resolve("spool"));
        LogGuard.forbid("Hello MESH");
        server.stubFor(post(urlPathEqualTo(OUTBOX))
                .willReturn(
                        CapturedExchange.load("03-send-message-v2").response().withTransformers(HOOK)));
        serverHook = () -> {
            try (Stream<Path> files = Files.list(spool)) {
                for (Path f : files.toList()) {
                    // the compressed chunk's spool file becomes a directory that cannot simply be deleted
                    Files.delete(f);
                    Files.createDirectories(f.resolve("in-the-way"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };

        MeshSendResult sent = builder()
                .spoolDirectory(spool)
                .build()
                .send(
                        MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                                .compress(true)
                                .build(),
                        "Hello MESH".getBytes(StandardCharsets.UTF_8));

        assertThat(sent.messageId()).isEqualTo("00D63B97055A4922B6E9EF07D7745CDA");
        server.verify(1, postRequestedFor(urlPathEqualTo(OUTBOX)));
        try (Stream<Path> left = Files.list(spool)) {
            assertThat(left)
                    .as("the hook ran: the spool file could not be removed")
                    .hasSize(1);
        }
        assertThat(CapturingAppender.lines())
                .anySatisfy(line -> assertThat(line)
                        .contains("WARN")
                        .contains("00D63B97055A4922B6E9EF07D7745CDA was sent")
                        .contains("DirectoryNotEmptyException")
                        .doesNotContain(spool.toString()));
    }

    @Test
    void aResetDuringAChunkUploadRetriesThatChunkAndTheMessageArrivesWhole() throws IOException {
        server.stubFor(post(urlPathEqualTo(OUTBOX))
                .willReturn(CapturedExchange.load("13-send-chunk1-of-2-gzip").response()));
        String chunk2 = OUTBOX + "/" + CHUNKED_ID + "/2";
        server.stubFor(post(urlPathEqualTo(chunk2))
                .inScenario("reset")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("recovered"));
        server.stubFor(post(urlPathEqualTo(chunk2))
                .inScenario("reset")
                .whenScenarioStateIs("recovered")
                .willReturn(CapturedExchange.load("14-send-chunk2-of-2-gzip").response()));
        byte[] data = "first chunk | second chunk".getBytes(StandardCharsets.UTF_8);

        MeshSendResult sent = client().send(
                        MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                                .compress(true)
                                .chunkSize(14)
                                .build(),
                        data);

        assertThat(sent.chunks()).isEqualTo(2);
        List<LoggedRequest> attempts = server.findAll(postRequestedFor(urlPathEqualTo(chunk2)));
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).getBody())
                .as("the retry sends the same chunk")
                .isEqualTo(attempts.get(0).getBody());
        assertThat(attempts.get(0).getHeader("X-Request-ID"))
                .isEqualTo(attempts.get(1).getHeader("X-Request-ID"));
        assertThat(attempts.get(0).getHeader("Authorization"))
                .as("a fresh nonce per attempt")
                .isNotEqualTo(attempts.get(1).getHeader("Authorization"));
        byte[] whole = concat(
                server.findAll(postRequestedFor(urlPathEqualTo(OUTBOX))).get(0).getBody(),
                attempts.get(1).getBody());
        assertThat(whole)
                .as("WireMock gunzips each chunk; together they are the message")
                .isEqualTo(data);
        assertThat(sleeper.sleeps()).hasSize(1);
    }

    @Test
    void aChunkThatKeepsFailingStopsTheSendWithWhatIsNeededToResume() throws IOException {
        server.stubFor(post(urlPathEqualTo(OUTBOX))
                .willReturn(CapturedExchange.load("13-send-chunk1-of-2-gzip").response()));
        String chunk2 = OUTBOX + "/" + CHUNKED_ID + "/2";
        server.stubFor(post(urlPathEqualTo(chunk2)).willReturn(aResponse().withStatus(503)));
        Path file = Files.write(dir.resolve("m.bin"), "first chunk | second chunk".getBytes(StandardCharsets.UTF_8));
        MeshSendRequest request = MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                .localId("resume-me")
                .chunkSize(14)
                .build();

        MeshSendIncompleteException e =
                catchThrowableOfType(MeshSendIncompleteException.class, () -> client().send(request, file));

        assertThat(e.messageId()).isEqualTo(CHUNKED_ID);
        assertThat(e.localId()).isEqualTo("resume-me");
        assertThat(e.nextChunk()).isEqualTo(2);
        assertThat(e.totalChunks()).isEqualTo(2);
        assertThat(e.getCause()).isInstanceOf(ServerErrorException.class);
        assertThat(e.getMessage())
                .startsWith("MESH send incomplete: chunk 2 of 2 was not uploaded; the message is "
                        + "not delivered until its remaining chunks are uploaded (X-Request-ID=")
                .doesNotContain("resume-me");
        server.verify(3, postRequestedFor(urlPathEqualTo(chunk2)));

        server.stubFor(post(urlPathEqualTo(chunk2))
                .willReturn(CapturedExchange.load("14-send-chunk2-of-2-gzip").response()));
        MeshSendResult resumed = client().resumeSend(request, file, e.messageId(), e.nextChunk());

        assertThat(resumed.messageId()).isEqualTo(CHUNKED_ID);
        server.verify(1, postRequestedFor(urlPathEqualTo(OUTBOX)));
        LoggedRequest last =
                server.findAll(postRequestedFor(urlPathEqualTo(chunk2))).get(3);
        assertThat(last.getBodyAsString()).isEqualTo("second chunk");
        assertThat(last.getHeader("mex-Chunk-Range")).isEqualTo("2:2");
    }

    @Test
    void aFinalisedMessageRefusesMoreChunks() {
        String chunk2 = OUTBOX + "/" + CHUNKED_ID + "/2";
        server.stubFor(post(urlPathEqualTo(chunk2))
                .willReturn(CapturedExchange.load("15-send-chunk2-again-423").response()));

        MeshMessageFinalisedException e = catchThrowableOfType(
                MeshMessageFinalisedException.class,
                () -> client().resumeSend(
                                MeshSendRequest.builder("X26ABC2", "TEST_WORKFLOW")
                                        .chunkSize(14)
                                        .build(),
                                "first chunk | second chunk".getBytes(StandardCharsets.UTF_8),
                                CHUNKED_ID,
                                2));

        assertThat(e.status()).isEqualTo(423);
        server.verify(1, postRequestedFor(urlPathEqualTo(chunk2)));
    }

    private static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
