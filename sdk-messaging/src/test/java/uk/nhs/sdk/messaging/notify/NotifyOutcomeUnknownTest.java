package uk.nhs.sdk.messaging.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.error.NhsTransportException;

/**
 * A send or a batch part whose outcome is unknown says so and names the reference to reconcile
 * with: the message reference for a single send, the part's {@code messageBatchReference} for a
 * batch.
 */
class NotifyOutcomeUnknownTest extends NotifyWireMockTestBase {
    private static final UUID PLAN = UUID.fromString("b838b13c-f98c-4def-93f0-515d4e4f4ee1");
    private static final String BATCHES = "/comms/v1/message-batches";

    private static List<NotifyMessage> messages(int n) {
        List<NotifyMessage> out = new ArrayList<>(n);
        NotifyMessage base = NotifyMessage.builder(PATIENT).build();
        for (int i = 0; i < n; i++) {
            out.add(base.withMessageReference("m" + i));
        }
        return out;
    }

    /** Part 1 is accepted, part 2 gets {@code answer} on every attempt. */
    private NotifyBatchException failSecondPart(ResponseDefinitionBuilder answer) {
        server.stubFor(post(urlEqualTo(BATCHES))
                .atPriority(5)
                .willReturn(jsonApi(201, "").withTransformers(BATCH_ECHO)));
        server.stubFor(post(urlEqualTo(BATCHES))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.data.attributes[?(@.messageBatchReference == 'b-part-0002')]"))
                .willReturn(answer));
        try (NotifyClient notify =
                builder().batchLimits(2, NotifyClient.MAX_BATCH_BYTES).build()) {
            return catchThrowableOfType(NotifyBatchException.class, () -> notify.sendBatch(PLAN, "b", messages(5)));
        }
    }

    @Test
    void aSendWithNoAnswerIsOutcomeUnknownWithTheMessageReferenceToReconcileWith() {
        server.stubFor(post(urlEqualTo("/comms/v1/messages"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        NotifyMessage m = NotifyMessage.builder(PATIENT)
                .routingPlanId(PLAN)
                .messageReference("ref-under-test")
                .build();
        try (NotifyClient notify = client()) {
            NhsTransportException e = catchThrowableOfType(NhsTransportException.class, () -> notify.send(m));
            assertThat(e.outcomeUnknown()).isTrue();
            assertThat(e.reconcileId()).contains("ref-under-test");
            assertThat(e.getMessage()).doesNotContain("ref-under-test");
        }
    }

    @Test
    void aPartWithNoAnswerIsOutcomeUnknownWithItsBatchReferenceToReconcileWith() {
        NotifyBatchException e = failSecondPart(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        assertThat(e.failedPartOutcomeUnknown()).isTrue();
        assertThat(e.getMessage()).contains("part 2 failed").contains("outcome unknown");
        assertThat(e.failedPart().reference()).isEqualTo("b-part-0002");
        assertThat(e.failure()).isInstanceOfSatisfying(NhsTransportException.class, t -> {
            assertThat(t.outcomeUnknown()).isTrue();
            assertThat(t.reconcileId()).contains("b-part-0002");
        });
        assertThat(e.acceptedParts()).extracting(NotifyBatchPart::reference).containsExactly("b-part-0001");
    }

    @Test
    void aPartAnswered504OrTooEarlyToTheEndMayHaveBeenAccepted() {
        NotifyBatchException gateway = failSecondPart(jsonApi(504, resource("errors/batch-504-CM_TIMEOUT.json")));
        assertThat(gateway.failedPartOutcomeUnknown()).isTrue();
        assertThat(gateway.getMessage()).contains("outcome unknown");
        server.resetAll();
        NotifyBatchException early = failSecondPart(jsonApi(425, resource("errors/batch-425-CM_RETRY_TOO_EARLY.json"))
                .withHeader("Retry-After", "300"));
        assertThat(early.failedPartOutcomeUnknown()).isTrue();
        assertThat(early.failure()).isInstanceOf(NotifyRetryLaterException.class);
    }

    @Test
    void aPartNhsNotifyRefusedIsNotOutcomeUnknown() {
        NotifyBatchException refused = failSecondPart(jsonApi(400, resource("errors/batch-400-CM_INVALID_VALUE.json")));
        assertThat(refused.failedPartOutcomeUnknown()).isFalse();
        assertThat(refused.getMessage()).doesNotContain("outcome unknown");
        server.resetAll();
        NotifyBatchException limited = failSecondPart(jsonApi(429, resource("errors/batch-429-CM_QUOTA.json")));
        assertThat(limited.failedPartOutcomeUnknown()).isFalse();
    }
}
