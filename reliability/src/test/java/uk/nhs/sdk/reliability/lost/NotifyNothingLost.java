package uk.nhs.sdk.reliability.lost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.auth.SignedJwtAuth;
import uk.nhs.sdk.core.http.PipelinePosition;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingSleeper;
import uk.nhs.sdk.messaging.notify.NotifyBatchException;
import uk.nhs.sdk.messaging.notify.NotifyBatchPart;
import uk.nhs.sdk.messaging.notify.NotifyBatchResult;
import uk.nhs.sdk.messaging.notify.NotifyClient;
import uk.nhs.sdk.messaging.notify.NotifyDuplicateRequestException;
import uk.nhs.sdk.messaging.notify.NotifyMessage;
import uk.nhs.sdk.messaging.notify.NotifySendResult;
import uk.nhs.sdk.messaging.notify.RoutingPlan;
import uk.nhs.sdk.reliability.PrivacyAudit;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.SandboxNotify;

/**
 * NHS Notify: a batch of a few hundred text messages, split into small parts so that many
 * requests are made, sent while a tenth of the requests fail. The SDK retries sends (NHS Notify
 * de-duplicates on the references) and reports a part whose retry was a duplicate as already
 * accepted; a batch that still fails part-way is finished with {@code resumeBatch}. The judge is
 * the fake's state: every message reference held exactly once, and nothing else.
 */
final class NotifyNothingLost {
    static final int MESSAGES = 300;
    static final int PER_PART = 4;
    private static final int ROUNDS = 10;

    private final NhsSandbox sandbox;
    private final MutableClock clock;
    private final long seed;
    private final RandomFaults faults;

    NotifyNothingLost(NhsSandbox sandbox, MutableClock clock, long seed) {
        this.sandbox = sandbox;
        this.clock = clock;
        this.seed = seed;
        this.faults = new RandomFaults(sandbox, seed, 0.10, true);
    }

    Outcome run() {
        Random random = new Random(seed);
        List<NotifyMessage> messages = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            NhsNumber patient = NhsNumber.randomTestNumber(random);
            messages.add(NotifyMessage.builder(patient)
                    .routingPlan(RoutingPlan.SMS)
                    .messageReference("reliability-" + seed + "-" + i)
                    .personalisation("sms_body", "Your appointment is confirmed (" + i + ")")
                    .build());
        }
        SandboxNotify fake = SandboxNotify.of(sandbox);
        NhsClientOptions plain = NhsClientOptions.builder()
                .clock(clock)
                .sleeper(new RecordingSleeper(clock))
                .build();
        Set<Integer> unknownParts = new HashSet<>();
        try (SignedJwtAuth auth = sandbox.signedJwtAuth(plain);
                NotifyClient notify = NotifyClient.builder()
                        .baseUrl(fake.baseUrl())
                        .auth(auth)
                        .options(plain.toBuilder()
                                .addPolicy(PipelinePosition.PER_ATTEMPT, faults)
                                .build())
                        .batchLimits(PER_PART, 1024 * 1024)
                        .build()) {
            PrivacyAudit.forbid(auth.accessToken().reveal());
            String batch = "reliability-batch-" + seed;
            NotifyBatchResult result = null;
            for (int round = 0; round < ROUNDS && result == null; round++) {
                try {
                    result = round == 0
                            ? notify.sendBatch(RoutingPlan.SMS.id(), batch, messages)
                            : notify.resumeBatch(RoutingPlan.SMS.id(), batch, messages);
                } catch (NotifyBatchException e) {
                    PrivacyAudit.check(e);
                    // every reference is new, so NHS Notify can hold one only from an attempt of this run:
                    // a duplicate must be reported as already accepted, never as one from before the call
                    assertThat(e.getCause())
                            .as("part %d's failure (seed %d)", e.failedPart().number(), seed)
                            .isNotInstanceOf(NotifyDuplicateRequestException.class);
                    if (e.failedPartOutcomeUnknown()) {
                        unknownParts.add(e.failedPart().number());
                    }
                }
            }
            assertThat(result)
                    .as("the batch finished in %d rounds (seed %d)", ROUNDS, seed)
                    .isNotNull();
            PrivacyAudit.checkText(result.toString());
            int reconciled = 0;
            for (NotifyBatchPart part : result.parts()) {
                if (part.alreadyAccepted()) {
                    // a retry (the SDK's, or the resume's) answered as a duplicate: an earlier attempt landed
                    unknownParts.add(part.number());
                }
                if (unknownParts.contains(part.number())
                        && (part.alreadyAccepted() || part.batchId().isPresent())) {
                    reconciled++;
                }
            }
            assertThat(result.results())
                    .as("one result per message (seed %d)", seed)
                    .hasSize(MESSAGES)
                    .allSatisfy(r -> assertThat(r.messageId().isPresent() || r.alreadyAccepted())
                            .isTrue());
            Set<String> ids = new HashSet<>();
            for (NotifySendResult r : result.results()) {
                r.messageId().ifPresent(ids::add);
            }
            Map<String, Integer> held = fake.messageCountsByReference();
            int lost = 0;
            int duplicated = 0;
            for (NotifyMessage m : messages) {
                int n = held.getOrDefault(m.messageReference(), 0);
                if (n == 0) {
                    lost++;
                } else if (n > 1) {
                    duplicated++;
                }
            }
            assertThat(lost)
                    .as("Notify messages never accepted (seed %d)", seed)
                    .isZero();
            assertThat(duplicated)
                    .as("Notify messages accepted twice (seed %d)", seed)
                    .isZero();
            assertThat(held).as("only the batch's messages (seed %d)", seed).hasSize(MESSAGES);
            assertThat(fake.messageCount())
                    .as("messages the fake holds (seed %d)", seed)
                    .isEqualTo(MESSAGES);
            assertThat(ids)
                    .as("distinct ids of the messages not reported as duplicates (seed %d)", seed)
                    .hasSize((int) result.results().stream()
                            .filter(r -> r.messageId().isPresent())
                            .count());
            return new Outcome(
                    "NHS Notify: one batch in parts of " + PER_PART + " messages",
                    MESSAGES,
                    faults.requests(),
                    faults.injected(),
                    faults.retries(),
                    unknownParts.size(),
                    reconciled,
                    lost,
                    duplicated);
        }
    }
}
