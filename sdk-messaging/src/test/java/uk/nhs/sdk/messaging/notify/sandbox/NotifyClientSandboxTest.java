package uk.nhs.sdk.messaging.notify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.messaging.notify.NhsAppAccountsPage;
import uk.nhs.sdk.messaging.notify.NotifyBatchException;
import uk.nhs.sdk.messaging.notify.NotifyBatchPart;
import uk.nhs.sdk.messaging.notify.NotifyBatchResult;
import uk.nhs.sdk.messaging.notify.NotifyChannelStatus;
import uk.nhs.sdk.messaging.notify.NotifyClient;
import uk.nhs.sdk.messaging.notify.NotifyDuplicateRequestException;
import uk.nhs.sdk.messaging.notify.NotifyMessage;
import uk.nhs.sdk.messaging.notify.NotifyMessageDetails;
import uk.nhs.sdk.messaging.notify.NotifyMessageStatus;
import uk.nhs.sdk.messaging.notify.NotifyRequestException;
import uk.nhs.sdk.messaging.notify.NotifySendResult;
import uk.nhs.sdk.messaging.notify.RoutingPlan;
import uk.nhs.sdk.testkit.SandboxFault;
import uk.nhs.sdk.testkit.SandboxNotify;

/**
 * The Notify client against the embedded sandbox's Notify fake, which was written separately from
 * the client and enforces the spec's rules: sending, batches split and merged, status over the
 * sandbox clock, duplicates, the batch limits and NHS App accounts.
 */
class NotifyClientSandboxTest extends NotifySandboxTestBase {
    @Test
    void sendsAMessageAndWatchesItsStatusChangeAsTheClockAdvances() {
        NotifySendResult sent = client.send(message("ref-send-1"));
        String id = sent.messageId().orElseThrow();

        assertThat(id).matches("[a-zA-Z0-9]{27}");
        assertThat(sent.alreadyAccepted()).isFalse();
        assertThat(client.getMessage(id).status()).isEqualTo(NotifyMessageStatus.CREATED);
        clock.advance(Duration.ofSeconds(2));
        NotifyMessageDetails enriched = client.getMessage(id);
        assertThat(enriched.status()).isEqualTo(NotifyMessageStatus.ENRICHED);
        assertThat(enriched.enrichedAt()).isPresent();
        assertThat(enriched.channels()).hasSize(4);
        clock.advance(Duration.ofSeconds(2));
        NotifyMessageDetails delivered = client.getMessage(id);
        assertThat(delivered.status()).isEqualTo(NotifyMessageStatus.DELIVERED);
        assertThat(delivered.channels().get(0).status()).isEqualTo(NotifyChannelStatus.DELIVERED);
        assertThat(delivered.channels().get(1).status()).isEqualTo(NotifyChannelStatus.SKIPPED);
        assertThat(delivered.messageReference()).isEqualTo("ref-send-1");
        assertThat(sandbox.issuedTokenCount()).isEqualTo(1);
    }

    @Test
    void aFailedMessageCarriesItsFailureReason() {
        String id = client.send(message(ref(), NhsNumber.parse(SandboxNotify.FAILS_ENRICHMENT)))
                .messageId()
                .orElseThrow();
        clock.advance(Duration.ofSeconds(3));

        NotifyMessageDetails failed = client.getMessage(id);

        assertThat(failed.status()).isEqualTo(NotifyMessageStatus.FAILED);
        assertThat(failed.failureReasonCode()).contains("MFR_PDSV_0110");
        assertThat(failed.failedAt()).isPresent();
    }

    @Test
    void aReferenceSentTwiceIsATypedDuplicate() {
        client.send(message("ref-dup-1"));

        assertThatThrownBy(() -> client.send(message("ref-dup-1")))
                .isInstanceOfSatisfying(NotifyDuplicateRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errors()).extracting(x -> x.code()).containsExactly("CM_DUPLICATE_REQUEST");
                });
    }

    @Test
    void aSendRetriedAfterItsAnswerWasLostCountsAsAccepted() {
        client.getMessage("2WL3qFTEFM0qMY8xjRbt1LIKCzM"); // a current access token, so the fault meets the send itself
        sandbox.faults()
                .injectNext(
                        "POST", "/comms/v1/messages", SandboxFault.status(503).afterProcessing());

        NotifySendResult sent = client.send(message("ref-lost-1"));

        assertThat(sent.alreadyAccepted()).isTrue();
        assertThat(sent.messageReference()).isEqualTo("ref-lost-1");
        assertThat(notify.messageCount()).isEqualTo(1);
    }

    @Test
    void aSendWhoseConnectionWasResetAfterItLandedCountsAsAccepted() {
        client.getMessage("2WL3qFTEFM0qMY8xjRbt1LIKCzM"); // a current access token, so the fault meets the send itself
        sandbox.faults()
                .injectNext(
                        "POST",
                        "/comms/v1/messages",
                        SandboxFault.connectionReset().afterProcessing());

        NotifySendResult sent = client.send(message("ref-reset-1"));

        // the resend is a retry the client counts (not a silent replay inside one attempt), so
        // the duplicate it meets is this call's own message
        assertThat(sent.alreadyAccepted()).isTrue();
        assertThat(sent.messageReference()).isEqualTo("ref-reset-1");
        assertThat(notify.messageCount()).isEqualTo(1);
    }

    @Test
    void aBatchPartWhoseConnectionWasResetAfterItLandedCountsAsAccepted() {
        client.getMessage("2WL3qFTEFM0qMY8xjRbt1LIKCzM");
        sandbox.faults()
                .injectNext(
                        "POST",
                        "/comms/v1/message-batches",
                        SandboxFault.connectionReset().afterProcessing());

        NotifyBatchResult result = client.sendBatch(
                UUID.fromString(PLAN), "batch-reset-1", List.of(message("ref-reset-2"), message("ref-reset-3")));

        assertThat(result.parts())
                .singleElement()
                .satisfies(p -> assertThat(p.alreadyAccepted()).isTrue());
        assertThat(notify.messageCount()).isEqualTo(2);
    }

    @Test
    void aBatchIsSplitIntoPartsTheFakeAcceptsAndTheResultsMergedInOrder() {
        List<NotifyMessage> messages = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            messages.add(message("ref-batch-" + i));
        }
        try (NotifyClient small = NotifyClient.builder()
                .baseUrl(notify.baseUrl())
                .auth(auth)
                .options(options())
                .batchLimits(2, 1_000_000)
                .build()) {
            NotifyBatchResult result = small.sendBatch(UUID.fromString(PLAN), "batch-1", messages);

            assertThat(result.parts())
                    .extracting(NotifyBatchPart::reference)
                    .containsExactly("batch-1-part-0001", "batch-1-part-0002", "batch-1-part-0003");
            assertThat(result.parts()).extracting(NotifyBatchPart::messageCount).containsExactly(2, 2, 1);
            assertThat(result.results())
                    .extracting(NotifySendResult::messageReference)
                    .containsExactly("ref-batch-0", "ref-batch-1", "ref-batch-2", "ref-batch-3", "ref-batch-4");
            String third = result.results().get(2).messageId().orElseThrow();
            assertThat(client.getMessage(third).batchId())
                    .isEqualTo(result.parts().get(1).batchId());
            assertThat(notify.messageCount()).isEqualTo(5);
        }
    }

    @Test
    void aBatchIsSplitByBodyBytesAndEveryPartFitsTheFakesByteLimit() {
        List<NotifyMessage> messages = new ArrayList<>();
        String big = "x".repeat(4_000);
        for (int i = 0; i < 2_000; i++) {
            messages.add(NotifyMessage.builder(RECIPIENT)
                    .routingPlan(RoutingPlan.NHS_APP)
                    .messageReference("ref-bytes-" + i)
                    .personalisation("body", big)
                    .build());
        }

        NotifyBatchResult result = client.sendBatch(RoutingPlan.NHS_APP.id(), "batch-bytes", messages);

        assertThat(result.parts()).hasSizeGreaterThan(1);
        assertThat(result.parts()).allSatisfy(p -> assertThat(p.bodyBytes()).isLessThanOrEqualTo(5_200_000L));
        assertThat(result.parts().get(0).bodyBytes()).isGreaterThan(5_190_000L);
        assertThat(result.results())
                .hasSize(2_000)
                .allSatisfy(r -> assertThat(r.messageId()).isPresent());
        assertThat(notify.messageCount()).isEqualTo(2_000);
    }

    @Test
    void aBatchOneOverTheCountLimitIsSentAsTwoPartsTheFakeAccepts() {
        List<NotifyMessage> messages = new ArrayList<>();
        for (int i = 0; i <= NotifyClient.MAX_BATCH_MESSAGES; i++) {
            messages.add(message("r" + i));
        }

        NotifyBatchResult result = client.sendBatch(UUID.fromString(PLAN), "batch-count", messages);

        assertThat(result.parts()).extracting(NotifyBatchPart::messageCount).containsExactly(45_000, 1);
        assertThat(notify.messageCount()).isEqualTo(45_001);
    }

    @Test
    void aBatchThatFailsPartWaySaysWhichPartsWereAcceptedAndResumesWithoutResending() {
        List<NotifyMessage> messages = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            messages.add(message("ref-resume-" + i));
        }
        NhsClientOptions noRetries = NhsClientOptions.builder()
                .clock(clock)
                .sleeper(sleeper)
                .retry(RetryOptions.none())
                .build();
        try (NotifyClient small = NotifyClient.builder()
                .baseUrl(notify.baseUrl())
                .auth(auth)
                .options(noRetries)
                .batchLimits(1, 1_000_000)
                .build()) {
            small.send(message("ref-resume-warm-up"));
            sandbox.faults()
                    .injectNext(
                            "POST",
                            "/comms/v1/message-batches",
                            SandboxFault.status(503).afterProcessing());

            assertThatThrownBy(() -> small.sendBatch(UUID.fromString(PLAN), "batch-resume", messages))
                    .isInstanceOfSatisfying(NotifyBatchException.class, e -> {
                        assertThat(e.acceptedParts()).isEmpty();
                        assertThat(e.failedPart().number()).isEqualTo(1);
                        assertThat(e.unsentParts())
                                .extracting(NotifyBatchPart::number)
                                .containsExactly(2, 3);
                    });
            NotifyBatchResult resumed = small.resumeBatch(UUID.fromString(PLAN), "batch-resume", messages);

            assertThat(resumed.parts().get(0).alreadyAccepted()).isTrue();
            assertThat(resumed.parts().get(1).alreadyAccepted()).isFalse();
            assertThat(resumed.results().get(2).messageId()).isPresent();
            assertThat(notify.messageCount()).isEqualTo(4);
        }
    }

    @Test
    void nhsAppAccountsArePagedLazilyToTheLastPage() {
        List<Integer> pages = new ArrayList<>();
        int accounts = 0;
        for (NhsAppAccountsPage page : client.nhsAppAccounts(OdsCode.of("T00001"))) {
            pages.add(page.page());
            accounts += page.accounts().size();
        }

        assertThat(pages).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(accounts).isEqualTo(80);
        assertThatThrownBy(() ->
                        client.nhsAppAccounts(OdsCode.of("T00404")).iterator().next())
                .isInstanceOfSatisfying(
                        NotifyRequestException.class,
                        e -> assertThat(e.status()).isEqualTo(404));
    }
}
