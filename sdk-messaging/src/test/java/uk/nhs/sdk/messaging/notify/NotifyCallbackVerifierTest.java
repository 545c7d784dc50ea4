package uk.nhs.sdk.messaging.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.messaging.notify.internal.Hmac;

/**
 * The callback verifier against the spec's example callbacks signed as APIDescription.md says
 * (HMAC-SHA256, hex, secret {@code APPLICATION_ID.API_KEY}), computed here independently.
 */
class NotifyCallbackVerifierTest {
    static final String APP_ID = "app-id-under-test";
    static final String API_KEY = "api-key-under-test-0bb04a0e";

    private NotifyCallbackVerifier verifier;

    static byte[] body(String name) {
        try (InputStream in = NotifyCallbackVerifierTest.class.getResourceAsStream("/notify/callbacks/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(byte[] body) {
        return sign(APP_ID + "." + API_KEY, body);
    }

    @BeforeEach
    void setUp() {
        LogGuard.forbid(API_KEY);
        verifier = NotifyCallbackVerifier.builder()
                .applicationId(APP_ID)
                .apiKey(Secret.of(API_KEY))
                .build();
    }

    @Test
    void theHmacMatchesRfc4231() {
        // RFC 4231 test case 2
        assertThat(new Hmac("Jefe".getBytes(StandardCharsets.US_ASCII))
                        .hex("what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void aGenuineMessageStatusCallbackIsAcceptedWithItsEvent() {
        byte[] b = body("message-status.json");
        NotifyCallbackResult r =
                verifier.verify(Map.of("X-Api-Key", List.of(API_KEY), "X-HMAC-SHA256-Signature", List.of(sign(b))), b);
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.accepted()).isTrue();
        assertThat(r.events()).singleElement().isInstanceOfSatisfying(MessageStatusEvent.class, e -> {
            assertThat(e.messageId()).isEqualTo("2WL3qFTEFM0qMY8xjRbt1LIKCzM");
            assertThat(e.messageReference()).isEqualTo("1642109b-69eb-447f-8f97-ab70a74f5db4");
            assertThat(e.messageStatus()).isEqualTo(NotifyMessageStatus.SENDING);
            assertThat(e.failureReasonCode()).contains("MFR_PDSV_0002");
            assertThat(e.channels())
                    .containsExactly(new MessageStatusEvent.ChannelSummary(
                            NotifyChannelType.EMAIL, NotifyChannelStatus.DELIVERED));
            assertThat(e.routingPlan())
                    .hasValueSatisfying(p -> assertThat(p.name()).contains("Plan Abc"));
            assertThat(e.timestamp()).isEqualTo(Instant.parse("2023-11-17T14:27:51.413Z"));
            assertThat(e.idempotencyKey())
                    .isEqualTo("2515ae6b3a08339fba3534f3b17cd57cd573c57d25b25b9aae08e42dc9f0a445");
            assertThat(e.toString()).doesNotContain("1642109b", "Contact detail");
        });
    }

    @Test
    void aGenuineChannelStatusCallbackIsAcceptedWithItsEvent() {
        byte[] b = body("channel-status.json");
        NotifyCallbackResult r = verifier.verify(API_KEY, sign(b).toUpperCase(Locale.ROOT), b);
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.events()).singleElement().isInstanceOfSatisfying(ChannelStatusEvent.class, e -> {
            assertThat(e.channel()).isEqualTo(NotifyChannelType.NHSAPP);
            assertThat(e.cascadeType()).isEqualTo(NotifyCascadeType.PRIMARY);
            assertThat(e.cascadeOrder()).isEqualTo(1);
            assertThat(e.channelStatus()).isEqualTo(NotifyChannelStatus.DELIVERED);
            assertThat(e.supplierStatus()).contains(NotifySupplierStatus.DELIVERED);
            assertThat(e.retryCount()).isEqualTo(1);
            assertThat(e.failureReasonCode()).contains("CFR_PDSV_0002");
        });
    }

    @Test
    void aMissingOrWrongApiKeyIs401() {
        byte[] b = body("message-status.json");
        assertThat(verifier.verify(null, sign(b), b).status()).isEqualTo(401);
        assertThat(verifier.verify(Map.of("x-hmac-sha256-signature", List.of(sign(b))), b)
                        .status())
                .isEqualTo(401);
        NotifyCallbackResult wrong = verifier.verify("another-key", sign(b), b);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.events()).isEmpty();
        assertThat(wrong.reason()).doesNotContain("another-key", API_KEY);
    }

    @Test
    void aTamperedTruncatedOrWronglyKeyedBodyIs403() {
        byte[] b = body("message-status.json");
        String good = sign(b);
        byte[] tampered = new String(b, StandardCharsets.UTF_8)
                .replace("\"sending\"", "\"delivered\"")
                .getBytes(StandardCharsets.UTF_8);
        byte[] truncated = Arrays.copyOf(b, b.length - 1);
        assertThat(verifier.verify(API_KEY, good, tampered).status()).isEqualTo(403);
        assertThat(verifier.verify(API_KEY, good, truncated).status()).isEqualTo(403);
        assertThat(verifier.verify(API_KEY, good.substring(0, 63), b).status()).isEqualTo(403);
        assertThat(verifier.verify(API_KEY, sign(APP_ID + ".wrong-key", b), b).status())
                .isEqualTo(403);
        assertThat(verifier.verify(API_KEY, sign(API_KEY, b), b).status()).isEqualTo(403); // key without app id
        assertThat(verifier.verify(API_KEY, sign("other-app." + API_KEY, b), b).status())
                .isEqualTo(403);
        assertThat(verifier.verify(API_KEY, null, b).status()).isEqualTo(403);
        assertThat(verifier.verify(API_KEY, "", b).status()).isEqualTo(403);
        NotifyCallbackResult r = verifier.verify(API_KEY, good, tampered);
        assertThat(r.events()).isEmpty();
        assertThat(r.reason()).isEqualTo("the signature does not match the body");
    }

    @Test
    void malformedSignaturesAre403AndHeaderNamesAnyCaseWork() {
        byte[] b = body("message-status.json");
        String good = sign(b);
        for (String bad : List.of(
                "zz" + good.substring(2),
                good + good,
                "sha256=" + good,
                "\u00e9".repeat(64),
                good.substring(0, 62) + "\u0660\u0661",
                " ")) {
            assertThat(verifier.verify(API_KEY, bad, b).status())
                    .as("signature variant")
                    .isEqualTo(403);
        }
        assertThat(verifier.verify(API_KEY, " " + good.toUpperCase(Locale.ROOT) + " ", b)
                        .status())
                .isEqualTo(202);
        java.util.Map<String, List<String>> headers = new java.util.HashMap<>();
        headers.put(null, List.of("HTTP/1.1 POST"));
        headers.put("X-API-KEY", List.of(API_KEY));
        headers.put("X-Hmac-SHA256-Signature", List.of(good));
        headers.put("Content-Type", null);
        assertThat(verifier.verify(headers, b).status()).isEqualTo(202);
    }

    @Test
    void aHugeGenuineBodyIsAnsweredWithoutQuotingIt() {
        String padding = "x".repeat(6_000_000);
        byte[] b = ("{\"data\":[{\"type\":\"Unknown\",\"attributes\":{\"p\":\"" + padding + "\"}}]}")
                .getBytes(StandardCharsets.UTF_8);
        NotifyCallbackResult r = verifier.verify(API_KEY, sign(b), b);
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.events()).isEmpty();
        byte[] tampered = Arrays.copyOf(b, b.length);
        tampered[tampered.length / 2] = 'y';
        NotifyCallbackResult t = verifier.verify(API_KEY, sign(b), tampered);
        assertThat(t.status()).isEqualTo(403);
        assertThat(t.toString()).hasSizeLessThan(500);
    }

    @Test
    void aSignedBodyThatIsNotACallbackIs400() {
        for (String s : List.of(
                "",
                "{}",
                "{\"data\":[]}",
                "{\"data\":{}}",
                "[1,2]",
                "not json",
                "{\"data\":[{\"type\":\"MessageStatus\",\"attributes\":{\"messageId\":\"2WL3qFTEFM0qMY8xjRbt1LIKCzM\"}}]}")) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            assertThat(verifier.verify(API_KEY, sign(b), b).status()).as(s).isEqualTo(400);
        }
    }

    @Test
    void unknownFieldsAndItemTypesAreTolerated() {
        String s = new String(body("channel-status.json"), StandardCharsets.UTF_8)
                .replace("\"retryCount\": 1,", "\"retryCount\": 1, \"newField\": {\"a\": [1]},")
                .replace("\"data\": [", "\"data\": [{\"type\": \"SomethingNew\", \"attributes\": {}},");
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        NotifyCallbackResult r = verifier.verify(API_KEY, sign(b), b);
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.events()).singleElement().isInstanceOf(ChannelStatusEvent.class);
    }

    @Test
    void aReplayedCallbackIsDroppedByTheDeduplicator() {
        NotifyCallbackDeduplicator seen = NotifyCallbackDeduplicator.bounded(10);
        NotifyCallbackVerifier v = NotifyCallbackVerifier.builder()
                .applicationId(APP_ID)
                .apiKey(Secret.of(API_KEY))
                .deduplicator(seen)
                .build();
        byte[] b = body("message-status.json");
        NotifyCallbackResult first = v.verify(API_KEY, sign(b), b);
        NotifyCallbackResult replay = v.verify(API_KEY, sign(b), b);
        assertThat(first.events()).hasSize(1);
        assertThat(first.duplicates()).isZero();
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.events()).isEmpty();
        assertThat(replay.duplicates()).isEqualTo(1);
        seen.forget(first.events().get(0).idempotencyKey());
        assertThat(v.verify(API_KEY, sign(b), b).events()).hasSize(1);
    }

    @Test
    void theDeduplicatorIsBoundedAndThreadSafe() throws Exception {
        NotifyCallbackDeduplicator seen = NotifyCallbackDeduplicator.bounded(1000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger firsts = new AtomicInteger();
        try {
            List<Future<?>> fs = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        if (seen.firstSeen("k" + i)) {
                            firsts.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(firsts.get()).isEqualTo(500);
        for (int i = 500; i < 1600; i++) {
            seen.firstSeen("k" + i);
        }
        assertThat(seen.size()).isEqualTo(1000);
        assertThat(seen.firstSeen("k0")).isTrue(); // the oldest was forgotten
        assertThat(seen.firstSeen("k1599")).isFalse();
        assertThatThrownBy(() -> NotifyCallbackDeduplicator.bounded(0)).isInstanceOf(NhsValidationException.class);
    }

    @Test
    void anOlderStatusNeverOverwritesANewerOne() {
        NotifyStatusTracker tracker = NotifyStatusTracker.bounded(100);
        MessageStatusEvent delivered = new MessageStatusEvent(
                "2WL3qFTEFM0qMY8xjRbt1LIKCzM",
                "r",
                NotifyMessageStatus.DELIVERED,
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                List.of(),
                java.util.Optional.empty(),
                Instant.parse("2023-11-17T14:30:00Z"),
                "k2");
        MessageStatusEvent sending = new MessageStatusEvent(
                "2WL3qFTEFM0qMY8xjRbt1LIKCzM",
                "r",
                NotifyMessageStatus.SENDING,
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                List.of(),
                java.util.Optional.empty(),
                Instant.parse("2023-11-17T14:27:51Z"),
                "k1");
        assertThat(tracker.apply(delivered)).isTrue();
        assertThat(tracker.apply(sending)).isFalse(); // arrived late
        assertThat(tracker.messageStatus("2WL3qFTEFM0qMY8xjRbt1LIKCzM")).contains(delivered);

        byte[] b = body("channel-status.json");
        ChannelStatusEvent channel = (ChannelStatusEvent)
                verifier.verify(API_KEY, sign(b), b).events().get(0);
        ChannelStatusEvent older = new ChannelStatusEvent(
                channel.messageId(),
                channel.messageReference(),
                channel.cascadeType(),
                channel.cascadeOrder(),
                channel.channel(),
                NotifyChannelStatus.SENDING,
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                0,
                channel.timestamp().minusSeconds(60),
                "k0");
        assertThat(tracker.apply(older)).isTrue();
        assertThat(tracker.apply(channel)).isTrue();
        assertThat(tracker.apply(older)).isFalse();
        assertThat(tracker.channelStatus(channel.messageId(), NotifyChannelType.NHSAPP, 1))
                .contains(channel);
        assertThat(tracker.channelStatus(channel.messageId(), NotifyChannelType.SMS, 1))
                .isEmpty();
        assertThat(tracker.messageStatus("unknown")).isEmpty();
    }

    @Test
    void aFinalStatusWithTheSameTimestampWinsWhicheverArrivesFirst() {
        Instant at = Instant.parse("2023-11-17T14:30:00.123Z");
        String id = "2WL3qFTEFM0qMY8xjRbt1LIKCzM";
        MessageStatusEvent sending = new MessageStatusEvent(
                id,
                "r",
                NotifyMessageStatus.SENDING,
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                List.of(),
                java.util.Optional.empty(),
                at,
                "k1");
        MessageStatusEvent delivered = new MessageStatusEvent(
                id,
                "r",
                NotifyMessageStatus.DELIVERED,
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                List.of(),
                java.util.Optional.empty(),
                at,
                "k2");
        MessageStatusEvent unknown = new MessageStatusEvent(
                id,
                "r",
                NotifyMessageStatus.of("some_new_status"),
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                List.of(),
                java.util.Optional.empty(),
                at,
                "k3");

        NotifyStatusTracker inOrder = NotifyStatusTracker.bounded(10);
        assertThat(inOrder.apply(sending)).isTrue();
        assertThat(inOrder.apply(delivered)).isTrue();
        assertThat(inOrder.apply(unknown)).isFalse();
        assertThat(inOrder.messageStatus(id)).contains(delivered);

        NotifyStatusTracker reversed = NotifyStatusTracker.bounded(10);
        assertThat(reversed.apply(delivered)).isTrue();
        assertThat(reversed.apply(sending)).isFalse();
        assertThat(reversed.messageStatus(id)).contains(delivered);

        byte[] b = body("channel-status.json");
        ChannelStatusEvent channel = (ChannelStatusEvent)
                verifier.verify(API_KEY, sign(b), b).events().get(0);
        ChannelStatusEvent sendingChannel = new ChannelStatusEvent(
                channel.messageId(),
                channel.messageReference(),
                channel.cascadeType(),
                channel.cascadeOrder(),
                channel.channel(),
                NotifyChannelStatus.SENDING,
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                0,
                channel.timestamp(),
                "k4");
        ChannelStatusEvent failedChannel = new ChannelStatusEvent(
                channel.messageId(),
                channel.messageReference(),
                channel.cascadeType(),
                channel.cascadeOrder(),
                channel.channel(),
                NotifyChannelStatus.FAILED,
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                0,
                channel.timestamp(),
                "k5");
        assertThat(inOrder.apply(sendingChannel)).isTrue();
        assertThat(inOrder.apply(failedChannel)).isTrue();
        assertThat(inOrder.apply(sendingChannel)).isFalse();
        assertThat(inOrder.channelStatus(channel.messageId(), channel.channel(), channel.cascadeOrder()))
                .contains(failedChannel);
    }

    @Test
    void theTrackerIsBounded() {
        NotifyStatusTracker tracker = NotifyStatusTracker.bounded(2);
        for (String id :
                List.of("2WL3qFTEFM0qMY8xjRbt1LIKCz1", "2WL3qFTEFM0qMY8xjRbt1LIKCz2", "2WL3qFTEFM0qMY8xjRbt1LIKCz3")) {
            tracker.apply(new MessageStatusEvent(
                    id,
                    "r",
                    NotifyMessageStatus.CREATED,
                    java.util.Optional.empty(),
                    java.util.Optional.empty(),
                    List.of(),
                    java.util.Optional.empty(),
                    Instant.EPOCH,
                    id));
        }
        assertThat(tracker.size()).isEqualTo(2);
        assertThat(tracker.messageStatus("2WL3qFTEFM0qMY8xjRbt1LIKCz1")).isEmpty();
    }

    @Test
    void theExpectedApiKeyHeaderCanDifferFromTheApiKey() {
        NotifyCallbackVerifier v = NotifyCallbackVerifier.builder()
                .applicationId(APP_ID)
                .apiKey(Secret.of(API_KEY))
                .expectedApiKeyHeader(Secret.of("header-key"))
                .build();
        byte[] b = body("message-status.json");
        assertThat(v.verify("header-key", sign(b), b).status()).isEqualTo(202);
        assertThat(v.verify(API_KEY, sign(b), b).status()).isEqualTo(401);
        assertThat(v.toString()).doesNotContain("header-key", API_KEY);
    }

    @Test
    void aVerifierNeedsBothHalvesOfTheSecret() {
        assertThatThrownBy(() -> NotifyCallbackVerifier.builder()
                        .apiKey(Secret.of(API_KEY))
                        .build())
                .isInstanceOf(NhsConfigurationException.class)
                .hasMessageNotContaining(API_KEY);
        assertThatThrownBy(() ->
                        NotifyCallbackVerifier.builder().applicationId(APP_ID).build())
                .isInstanceOf(NhsConfigurationException.class);
    }
}
