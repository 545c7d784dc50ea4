package uk.nhs.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.internal.json.Json;

/**
 * Messages in the Notify fake change status over the sandbox clock, and each change is POSTed to
 * a registered endpoint as a signed callback: once, in order, or duplicated or out of order when
 * asked.
 */
class NotifyFakeStatusTest extends NotifyFakeTestBase {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String APP_ID = "app-5e7b";
    private static final Secret API_KEY = Secret.of("api-key-c41d");

    private static String sendOne(String nhsNumber) throws Exception {
        Answer a = post("/v1/messages", message(ref(), nhsNumber));
        assertThat(a.status()).isEqualTo(201);
        return a.body().path("data").path("id").asText();
    }

    private static JsonNode status(String id) throws Exception {
        return get("/v1/messages/" + id).body().path("data").path("attributes");
    }

    private static List<String> channelStatuses(JsonNode attributes) {
        List<String> out = new ArrayList<>();
        attributes
                .path("channels")
                .forEach(c -> out.add(
                        c.path("type").asText() + ":" + c.path("channelStatus").asText()));
        return out;
    }

    @Test
    void aMessageMovesThroughTheSpecsStatesOneIntervalAtATime() throws Exception {
        String id = sendOne(NHS_NUMBER);

        assertThat(status(id).path("messageStatus").asText()).isEqualTo("created");
        assertThat(status(id).has("channels")).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(status(id).path("messageStatus").asText()).isEqualTo("pending_enrichment");
        clock.advance(Duration.ofSeconds(1));
        JsonNode enriched = status(id);
        assertThat(enriched.path("messageStatus").asText()).isEqualTo("enriched");
        assertThat(at(enriched, "enriched")).isEqualTo(at(enriched, "created").plusSeconds(2));
        assertThat(channelStatuses(enriched))
                .containsExactly("nhsapp:created", "email:created", "sms:created", "letter:created");
        clock.advance(Duration.ofSeconds(1));
        assertThat(status(id).path("messageStatus").asText()).isEqualTo("sending");
        clock.advance(Duration.ofSeconds(1));
        JsonNode delivered = status(id);
        assertThat(delivered.path("messageStatus").asText()).isEqualTo("delivered");
        assertThat(at(delivered, "delivered"))
                .isEqualTo(at(delivered, "created").plusSeconds(4));
        assertThat(channelStatuses(delivered))
                .containsExactly("nhsapp:delivered", "email:skipped", "sms:skipped", "letter:skipped");
        assertThat(delivered.path("channels").path(0).path("supplierStatus").asText())
                .isEqualTo("delivered");
        assertThat(delivered.path("channels").path(0).path("cascadeOrder").asInt())
                .isEqualTo(1);
    }

    @Test
    void theStatusIntervalCanBeShortened() throws Exception {
        SandboxNotify.of(sandbox).statusInterval(Duration.ofMillis(100));
        String id = sendOne(NHS_NUMBER);

        clock.advance(Duration.ofMillis(400));

        assertThat(status(id).path("messageStatus").asText()).isEqualTo("delivered");
    }

    @Test
    void oneNhsNumberFailsAtEnrichmentAndAnotherFallsBackToTheNextChannel() throws Exception {
        String fails = sendOne(SandboxNotify.FAILS_ENRICHMENT);
        String cascades = sendOne(SandboxNotify.CASCADES);

        clock.advance(Duration.ofSeconds(5));

        JsonNode failed = status(fails);
        assertThat(failed.path("messageStatus").asText()).isEqualTo("failed");
        assertThat(failed.path("messageFailureReasonCode").asText()).isEqualTo("MFR_PDSV_0110");
        assertThat(at(failed, "failed")).isEqualTo(at(failed, "created").plusSeconds(2));
        assertThat(failed.has("channels")).isFalse();
        JsonNode fellBack = status(cascades);
        assertThat(fellBack.path("messageStatus").asText()).isEqualTo("delivered");
        assertThat(channelStatuses(fellBack))
                .containsExactly("nhsapp:failed", "email:delivered", "sms:skipped", "letter:skipped");
        assertThat(fellBack.path("channels")
                        .path(0)
                        .path("channelFailureReasonCode")
                        .asText())
                .isEqualTo("CFR_PDSV_0004");
    }

    @Test
    void eachStatusChangeIsPostedOnceInOrderAndSignedWithTheApplicationIdAndApiKey() throws Exception {
        try (CallbackReceiver receiver = new CallbackReceiver()) {
            SandboxNotify notify = SandboxNotify.of(sandbox);
            notify.sendCallbacksTo(receiver.url(), APP_ID, API_KEY);
            String id = sendOne(NHS_NUMBER);

            clock.advance(Duration.ofSeconds(4));
            int queued = notify.processStatusChanges();
            List<CallbackReceiver.Received> got = receiver.await(queued, WAIT);

            assertThat(queued).isEqualTo(9);
            assertThat(got).hasSize(9);
            Set<String> keys = new HashSet<>();
            List<String> events = new ArrayList<>();
            for (CallbackReceiver.Received r : got) {
                assertThat(r.header("Content-Type")).isEqualTo("application/vnd.api+json");
                assertThat(r.header("x-api-key")).isEqualTo(API_KEY.reveal());
                assertThat(r.header("x-hmac-sha256-signature"))
                        .isEqualTo(hmac(APP_ID + "." + API_KEY.reveal(), r.body()));
                JsonNode item = Json.mapper().readTree(r.body()).path("data").path(0);
                assertThat(item.path("attributes").path("messageId").asText()).isEqualTo(id);
                assertThat(item.path("links").path("message").asText())
                        .isEqualTo(url("/v1/messages/" + id).toString());
                assertThat(item.path("meta").path("idempotencyKey").asText()).matches("[0-9a-f]{64}");
                keys.add(item.path("meta").path("idempotencyKey").asText());
                events.add(item.path("type").asText() + ":"
                        + item.path("attributes")
                                .path("messageStatus")
                                .asText(item.path("attributes").path("channel").asText() + "/"
                                        + item.path("attributes")
                                                .path("channelStatus")
                                                .asText()));
            }
            assertThat(keys).hasSize(9);
            assertThat(events)
                    .containsExactly(
                            "MessageStatus:pending_enrichment",
                            "MessageStatus:enriched",
                            "MessageStatus:sending",
                            "ChannelStatus:nhsapp/sending",
                            "ChannelStatus:nhsapp/delivered",
                            "ChannelStatus:email/skipped",
                            "ChannelStatus:sms/skipped",
                            "ChannelStatus:letter/skipped",
                            "MessageStatus:delivered");
            assertThat(notify.processStatusChanges()).isZero();
        }
    }

    @Test
    void callbacksAreSentTwiceWhenDuplicatedAndNewestFirstWhenOutOfOrder() throws Exception {
        try (CallbackReceiver receiver = new CallbackReceiver()) {
            SandboxNotify notify = SandboxNotify.of(sandbox);
            notify.sendCallbacksTo(
                    receiver.url(),
                    APP_ID,
                    API_KEY,
                    SandboxNotify.Delivery.DUPLICATED,
                    SandboxNotify.Delivery.OUT_OF_ORDER);
            sendOne(SandboxNotify.FAILS_ENRICHMENT);

            clock.advance(Duration.ofSeconds(2));
            int queued = notify.processStatusChanges();
            List<CallbackReceiver.Received> got = receiver.await(2 * queued, WAIT);

            assertThat(queued).isEqualTo(2);
            List<String> statuses = new ArrayList<>();
            for (CallbackReceiver.Received r : got) {
                statuses.add(Json.mapper()
                        .readTree(r.body())
                        .path("data")
                        .path(0)
                        .path("attributes")
                        .path("messageStatus")
                        .asText());
            }
            assertThat(statuses).containsExactly("failed", "failed", "pending_enrichment", "pending_enrichment");
            assertThat(got.get(0).body()).isEqualTo(got.get(1).body());
        }
    }

    @Test
    void aRequestToTheFakeAlsoSendsTheDueCallbacksAndResetStopsThem() throws Exception {
        try (CallbackReceiver receiver = new CallbackReceiver()) {
            SandboxNotify notify = SandboxNotify.of(sandbox);
            notify.sendCallbacksTo(receiver.url(), APP_ID, API_KEY, Secret.of("another-key"));
            String id = sendOne(NHS_NUMBER);
            clock.advance(Duration.ofSeconds(1));

            status(id);
            List<CallbackReceiver.Received> got = receiver.await(1, WAIT);

            assertThat(got).hasSize(1);
            assertThat(got.get(0).header("x-api-key")).isEqualTo("another-key");
            sandbox.reset();
            clock.advance(Duration.ofSeconds(5));
            assertThat(notify.processStatusChanges()).isZero();
        }
    }

    private static Instant at(JsonNode attributes, String timestamp) {
        return Instant.parse(attributes.path("timestamps").path(timestamp).asText());
    }

    private static String hmac(String key, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
