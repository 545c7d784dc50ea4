package uk.nhs.sdk.messaging.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * Batches are split within both documented limits (45,000 messages, 5,200,000 bytes of body as
 * sent) with stable part references, and results come back in the caller's order.
 */
class NotifyBatchTest extends NotifyWireMockTestBase {
    private static final UUID PLAN = UUID.fromString("b838b13c-f98c-4def-93f0-515d4e4f4ee1");
    private static final String PATH = "/comms/v1/message-batches";

    private void echo() {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(jsonApi(201, "").withTransformers(BATCH_ECHO)));
    }

    private static List<NotifyMessage> messages(int n, String padding) {
        List<NotifyMessage> out = new ArrayList<>(n);
        NotifyMessage.Builder proto = NotifyMessage.builder(PATIENT);
        if (!padding.isEmpty()) {
            proto.personalisation("p", padding);
        }
        NotifyMessage base = proto.build();
        for (int i = 0; i < n; i++) {
            out.add(base.withMessageReference("m" + i));
        }
        return out;
    }

    private List<JsonNode> sentBodies() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (var r : requests()) {
            out.add(JSON.readTree(r.getBody()));
        }
        out.sort((a, b) -> a.path("data")
                .path("attributes")
                .path("messageBatchReference")
                .asText()
                .compareTo(b.path("data")
                        .path("attributes")
                        .path("messageBatchReference")
                        .asText()));
        return out;
    }

    @Test
    void aSmallBatchIsOneRequestAndResultsKeepTheCallersOrder() throws Exception {
        echo();
        List<NotifyMessage> ms = messages(3, "");
        try (NotifyClient notify = client()) {
            NotifyBatchResult r = notify.sendBatch(PLAN, "batch-1", ms);
            assertThat(r.parts()).singleElement().satisfies(p -> {
                assertThat(p.reference()).isEqualTo("batch-1-part-0001");
                assertThat(p.batchId()).contains(ksuidOf("batch-1-part-0001"));
                assertThat(p.messageCount()).isEqualTo(3);
                assertThat(p.bodyBytes()).isEqualTo(requests().get(0).getBody().length);
            });
            assertThat(r.results())
                    .extracting(NotifySendResult::messageReference)
                    .containsExactly("m0", "m1", "m2");
            assertThat(r.results())
                    .extracting(x -> x.messageId().orElseThrow())
                    .containsExactly(ksuidOf("m0"), ksuidOf("m1"), ksuidOf("m2"));
        }
        JsonNode body = JSON.readTree(requests().get(0).getBody());
        assertThat(body)
                .isEqualTo(JSON.readTree("{\"data\":{\"type\":\"MessageBatch\",\"attributes\":{"
                        + "\"routingPlanId\":\"b838b13c-f98c-4def-93f0-515d4e4f4ee1\",\"messageBatchReference\":\"batch-1-part-0001\","
                        + "\"messages\":[{\"messageReference\":\"m0\",\"recipient\":{\"nhsNumber\":\"9990548609\"}},"
                        + "{\"messageReference\":\"m1\",\"recipient\":{\"nhsNumber\":\"9990548609\"}},"
                        + "{\"messageReference\":\"m2\",\"recipient\":{\"nhsNumber\":\"9990548609\"}}]}}}"));
        assertThat(requests().get(0).getHeader("Content-Type")).isEqualTo(MEDIA);
        assertRequestsConform();
    }

    @Test
    void fortyFiveThousandMessagesAreOneRequest() throws Exception {
        echo();
        try (NotifyClient notify = client()) {
            NotifyBatchResult r = notify.sendBatch(PLAN, "b", messages(45_000, ""));
            assertThat(r.parts()).hasSize(1);
            assertThat(r.results()).hasSize(45_000);
        }
        assertThat(sentBodies().get(0).path("data").path("attributes").path("messages"))
                .hasSize(45_000);
    }

    @Test
    void fortyFiveThousandAndOneMessagesAreTwoRequests() throws Exception {
        echo();
        try (NotifyClient notify = client()) {
            NotifyBatchResult r = notify.sendBatch(PLAN, "b", messages(45_001, ""));
            assertThat(r.parts()).extracting(NotifyBatchPart::messageCount).containsExactly(45_000, 1);
            assertThat(r.parts()).extracting(NotifyBatchPart::reference).containsExactly("b-part-0001", "b-part-0002");
            assertThat(r.parts()).extracting(NotifyBatchPart::firstMessage).containsExactly(0, 45_000);
            assertThat(r.results()).hasSize(45_001);
            assertThat(r.results().get(45_000).messageId()).contains(ksuidOf("m45000"));
            assertThat(r.results().get(44_999).messageId()).contains(ksuidOf("m44999"));
        }
        List<JsonNode> bodies = sentBodies();
        assertThat(bodies.get(1)
                        .path("data")
                        .path("attributes")
                        .path("messages")
                        .get(0)
                        .path("messageReference")
                        .asText())
                .isEqualTo("m45000");
    }

    /** A personalisation padding shared by all 500 messages, and how much to lengthen the batch reference. */
    private record Sizing(String padding, int extraReferenceChars) {}

    /**
     * Finds the sizing that makes a 500-message batch's body exactly {@code target} bytes, from
     * the size of a body the client actually sent: one more ASCII character of padding is 500 more
     * bytes, one more character of batch reference is one more byte.
     */
    private Sizing sizingForBodyOf(long target) {
        echo();
        String probe = "x".repeat(10_000);
        try (NotifyClient notify = client()) {
            notify.sendBatch(PLAN, "probe", messages(500, probe));
        }
        long sent = requests().get(0).getBody().length;
        server.resetRequests();
        return new Sizing(probe + "x".repeat((int) ((target - sent) / 500)), (int) ((target - sent) % 500));
    }

    @Test
    void aBodyOfExactlyTheByteLimitIsOneRequestAndOneByteMoreIsTwo() {
        Sizing sizing = sizingForBodyOf(NotifyClient.MAX_BATCH_BYTES);
        String reference = "probe" + "r".repeat(sizing.extraReferenceChars());
        List<NotifyMessage> ms = messages(500, sizing.padding());
        try (NotifyClient notify = client()) {
            NotifyBatchResult exact = notify.sendBatch(PLAN, reference, ms);
            assertThat(exact.parts())
                    .singleElement()
                    .satisfies(p -> assertThat(p.bodyBytes()).isEqualTo(5_200_000L));
            assertThat(requests())
                    .singleElement()
                    .satisfies(r -> assertThat(r.getBody().length).isEqualTo(5_200_000));
            server.resetRequests();

            NotifyBatchResult over = notify.sendBatch(PLAN, reference + "r", ms);
            assertThat(over.parts()).hasSize(2);
            assertThat(over.parts()).extracting(NotifyBatchPart::messageCount).containsExactly(499, 1);
            assertThat(requests())
                    .hasSize(2)
                    .allSatisfy(r -> assertThat(r.getBody().length).isLessThanOrEqualTo(5_200_000));
            assertThat(over.results()).hasSize(500);
        }
    }

    @Test
    void theByteLimitCountsUtf8BytesNotCharacters() {
        echo();
        List<NotifyMessage> ms = messages(20, "é".repeat(1_000)); // 2,000 bytes of padding each
        try (NotifyClient notify = builder().batchLimits(45_000, 10_000).build()) {
            NotifyBatchResult r = notify.sendBatch(PLAN, "b", ms);
            assertThat(r.parts()).hasSizeGreaterThan(4);
            assertThat(r.parts()).allSatisfy(p -> assertThat(p.bodyBytes()).isLessThanOrEqualTo(10_000));
        }
        assertThat(requests()).allSatisfy(q -> assertThat(q.getBody().length).isLessThanOrEqualTo(10_000));
        assertThat(requests()).hasSizeGreaterThan(4);
    }

    @Test
    void aMessageTooLargeForAnyRequestIsRefusedBeforeSending() {
        try (NotifyClient notify = client()) {
            assertThatThrownBy(() -> notify.sendBatch(PLAN, "b", messages(1, "x".repeat(5_200_000))))
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageContaining("messages[0]")
                    .hasMessageContaining("too large");
        }
        assertThat(requests()).isEmpty();
    }

    @Test
    void batchRulesAreCheckedBeforeAnyRequest() {
        try (NotifyClient notify = client()) {
            List<NotifyMessage> dup = new ArrayList<>(messages(3, ""));
            dup.add(dup.get(1));
            assertThatThrownBy(() -> notify.sendBatch(PLAN, "b", dup))
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageContaining("messages[3].messageReference")
                    .hasMessageContaining("unique");
            assertThatThrownBy(() -> notify.sendBatch(PLAN, "b", List.of()))
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageContaining("at least one");
            assertThatThrownBy(() -> notify.sendBatch(PLAN, "", messages(1, "")))
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageContaining("batchReference");
            assertThatThrownBy(() -> notify.sendBatch(PLAN, "r".repeat(991), messages(1, "")))
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageContaining("1 to 990 characters");
            NotifyMessage other = NotifyMessage.builder(PATIENT)
                    .routingPlan(RoutingPlan.SMS)
                    .personalisation("sms_body", "hi")
                    .build();
            assertThatThrownBy(() -> notify.sendBatch(PLAN, "b", List.of(other)))
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageContaining("messages[0].routingPlanId");
            NotifyMessage noBody = NotifyMessage.builder(PATIENT).build();
            assertThatThrownBy(() -> notify.sendBatch(RoutingPlan.SMS.id(), "b", List.of(noBody)))
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageContaining("messages[0].personalisation.sms_body");
        }
        assertThat(requests()).isEmpty();
    }

    @Test
    void aBatchFailingPartWaySaysWhichPartsWereAcceptedAndResumesWithTheSameReferences() {
        server.stubFor(
                post(urlEqualTo(PATH)).atPriority(5).willReturn(jsonApi(201, "").withTransformers(BATCH_ECHO)));
        server.stubFor(post(urlEqualTo(PATH))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.data.attributes[?(@.messageBatchReference == 'b-part-0002')]"))
                .willReturn(jsonApi(400, resource("errors/batch-400-CM_INVALID_VALUE.json"))));
        List<NotifyMessage> ms = messages(5, "");
        try (NotifyClient notify =
                builder().batchLimits(2, NotifyClient.MAX_BATCH_BYTES).build()) {
            NotifyBatchException e =
                    catchThrowableOfType(NotifyBatchException.class, () -> notify.sendBatch(PLAN, "b", ms));
            assertThat(e.acceptedParts()).singleElement().satisfies(p -> {
                assertThat(p.reference()).isEqualTo("b-part-0001");
                assertThat(p.batchId()).contains(ksuidOf("b-part-0001"));
            });
            assertThat(e.failedPart().reference()).isEqualTo("b-part-0002");
            assertThat(e.failedPart().firstMessage()).isEqualTo(2);
            assertThat(e.unsentParts()).extracting(NotifyBatchPart::reference).containsExactly("b-part-0003");
            assertThat(e.acceptedResults())
                    .extracting(x -> x.messageId().orElseThrow())
                    .containsExactly(ksuidOf("m0"), ksuidOf("m1"));
            assertThat(e.failure()).isInstanceOfSatisfying(NotifyRequestException.class, f -> {
                assertThat(f.status()).isEqualTo(400);
                assertThat(f.errorCode()).contains("CM_INVALID_VALUE");
            });
            assertThat(e.getMessage()).contains("1 of 3 parts accepted; part 2 failed");
            assertThat(requests()).hasSize(2);

            // part 2 is fixed on the service side; part 1 is now a duplicate, which resume accepts
            server.resetAll();
            server.stubFor(post(urlEqualTo(PATH))
                    .atPriority(5)
                    .willReturn(jsonApi(201, "").withTransformers(BATCH_ECHO)));
            server.stubFor(post(urlEqualTo(PATH))
                    .atPriority(1)
                    .withRequestBody(matchingJsonPath("$.data.attributes[?(@.messageBatchReference == 'b-part-0001')]"))
                    .willReturn(jsonApi(422, resource("errors/batch-422-CM_DUPLICATE_REQUEST.json"))));
            assertThatThrownBy(() -> notify.sendBatch(PLAN, "b", ms))
                    .isInstanceOf(NotifyBatchException.class)
                    .hasCauseInstanceOf(NotifyDuplicateRequestException.class);
            NotifyBatchResult r = notify.resumeBatch(PLAN, "b", ms);
            assertThat(r.parts())
                    .extracting(NotifyBatchPart::reference)
                    .containsExactly("b-part-0001", "b-part-0002", "b-part-0003");
            assertThat(r.parts().get(0).alreadyAccepted()).isTrue();
            assertThat(r.results())
                    .extracting(NotifySendResult::alreadyAccepted)
                    .containsExactly(true, true, false, false, false);
            assertThat(r.results().get(4).messageId()).contains(ksuidOf("m4"));
        }
        assertRequestsConform();
    }

    @Test
    void aPartRetriedAfterA503UsesTheSameBytesAndItsDuplicateAnswerIsAccepted() {
        server.stubFor(post(urlEqualTo(PATH))
                .inScenario("s")
                .whenScenarioStateIs("Started")
                .willSetStateTo("2")
                .willReturn(jsonApi(503, resource("errors/batch-503-CM_SERVICE_UNAVAILABLE.json"))));
        server.stubFor(post(urlEqualTo(PATH))
                .inScenario("s")
                .whenScenarioStateIs("2")
                .willReturn(jsonApi(422, resource("errors/batch-422-CM_DUPLICATE_REQUEST.json"))));
        try (NotifyClient notify = client()) {
            NotifyBatchResult r = notify.sendBatch(PLAN, "b", messages(2, ""));
            assertThat(r.parts())
                    .singleElement()
                    .satisfies(p -> assertThat(p.alreadyAccepted()).isTrue());
            assertThat(r.results()).allSatisfy(x -> assertThat(x.messageId()).isEmpty());
        }
        assertThat(requests()).hasSize(2);
        assertThat(requests().get(0).getBody()).isEqualTo(requests().get(1).getBody());
        server.verify(
                2,
                com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo(PATH))
                        .withRequestBody(equalToJson(
                                "{\"data\":{\"attributes\":{\"messageBatchReference\":\"b-part-0001\"}}}",
                                true,
                                true)));
    }
}
