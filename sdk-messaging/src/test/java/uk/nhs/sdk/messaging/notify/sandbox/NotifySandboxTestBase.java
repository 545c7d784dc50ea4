package uk.nhs.sdk.messaging.notify.sandbox;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.auth.SignedJwtAuth;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingSleeper;
import uk.nhs.sdk.messaging.notify.NotifyClient;
import uk.nhs.sdk.messaging.notify.NotifyMessage;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.SandboxNotify;

/**
 * One embedded sandbox on a mutable clock per test class, the Notify client pointed at its Notify
 * fake with the sandbox's signed-JWT auth, and a sleeper that records waits instead of sleeping.
 */
abstract class NotifySandboxTestBase {
    static final String PLAN = "b838b13c-f98c-4def-93f0-515d4e4f4ee1";
    static final NhsNumber RECIPIENT = NhsNumber.parse("9990548609");

    static MutableClock clock;
    static RecordingSleeper sleeper;
    static NhsSandbox sandbox;
    static SandboxNotify notify;
    static SignedJwtAuth auth;
    static NotifyClient client;

    @BeforeAll
    static void start() {
        clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
        sleeper = new RecordingSleeper(clock);
        sandbox = NhsSandbox.builder().clock(clock).start();
        notify = SandboxNotify.of(sandbox);
        auth = sandbox.signedJwtAuth(options());
        client = NotifyClient.builder()
                .baseUrl(notify.baseUrl())
                .auth(auth)
                .options(options())
                .build();
    }

    static NhsClientOptions options() {
        return NhsClientOptions.builder().clock(clock).sleeper(sleeper).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        auth.close();
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
    }

    static NotifyMessage message(String reference) {
        return NotifyMessage.builder(RECIPIENT)
                .routingPlanId(PLAN)
                .messageReference(reference)
                .build();
    }

    static NotifyMessage message(String reference, NhsNumber recipient) {
        return NotifyMessage.builder(recipient)
                .routingPlanId(PLAN)
                .messageReference(reference)
                .build();
    }

    static String ref() {
        return UUID.randomUUID().toString();
    }
}
