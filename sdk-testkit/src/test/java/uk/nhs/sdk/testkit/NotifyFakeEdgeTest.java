package uk.nhs.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.testing.MutableClock;

/**
 * The Notify fake at its edges: objects the spec leaves open take unknown members, a changed
 * status interval moves callbacks already scheduled, a callback target is checked when registered, re-registering starts no new HTTP client threads, and
 * closing the sandbox ends the callback sender's thread.
 */
class NotifyFakeEdgeTest extends NotifyFakeTestBase {
    private static final String THREAD = "nhs-sandbox-notify-callbacks";

    private static String withContactDetails(String contactDetails) {
        return "{\"data\":{\"type\":\"Message\",\"attributes\":{\"routingPlanId\":\"" + PLAN
                + "\",\"messageReference\":\"" + ref() + "\",\"recipient\":{\"nhsNumber\":\"" + NHS_NUMBER
                + "\",\"contactDetails\":" + contactDetails + "}}}}";
    }

    @Test
    void contactDetailsAddressAndNameAreOpenObjectsInTheSpec() throws Exception {
        Answer a = post(
                "/v1/messages",
                withContactDetails("{\"sms\":\"07777777777\",\"preferredChannel\":\"sms\","
                        + "\"address\":{\"lines\":[\"1 Street\",\"Leeds\"],\"postcode\":\"LS1 4AP\",\"country\":\"UK\"},"
                        + "\"name\":{\"lastName\":\"Smith\",\"title\":\"Dr\"}}"));

        assertThat(a.status()).isEqualTo(201);
    }

    @Test
    void theClosedObjectsStillRefuseUnknownMembers() throws Exception {
        Answer a = post(
                "/v1/messages",
                "{\"data\":{\"type\":\"Message\",\"attributes\":{\"routingPlanId\":\"" + PLAN
                        + "\",\"messageReference\":\"" + ref() + "\",\"recipient\":{\"nhsNumber\":\"" + NHS_NUMBER
                        + "\",\"email\":\"a@b.cd\"},\"originator\":{\"odsCode\":\"X26\",\"name\":\"x\"}}}}");

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.codes()).containsOnly("CM_INVALID_VALUE");
        assertThat(a.pointers())
                .containsExactlyInAnyOrder("/data/attributes/recipient/email", "/data/attributes/originator/name");
    }

    @Test
    void aCallbackTargetTheSenderCannotUseIsRefusedWhenRegistered() {
        SandboxNotify notify = SandboxNotify.of(sandbox);
        Secret key = Secret.of("k");

        assertThatThrownBy(() -> notify.sendCallbacksTo(URI.create("ftp://127.0.0.1/callbacks"), "app", key))
                .isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> notify.sendCallbacksTo(URI.create("/callbacks"), "app", key))
                .isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> notify.sendCallbacksTo(
                        URI.create("http://127.0.0.1/c"), "app", key, Secret.of("bad\r\nx-injected: 1")))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageNotContaining("injected");
    }

    @Test
    void closingTheSandboxEndsTheCallbackThreadEvenWhenTheEndpointNeverAnswers() throws Exception {
        MutableClock own = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            NhsSandbox other = NhsSandbox.builder().clock(own).start();
            try {
                SandboxNotify notify = SandboxNotify.of(other);
                notify.sendCallbacksTo(
                        URI.create("http://127.0.0.1:" + blackHole.getLocalPort() + "/c"), "app", Secret.of("k"));
                java.net.http.HttpResponse<String> sent = HTTP.send(
                        java.net.http.HttpRequest.newBuilder(URI.create(notify.baseUrl() + "/v1/messages"))
                                .header("Content-Type", VND)
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(message(ref(), NHS_NUMBER)))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(sent.statusCode()).isEqualTo(201);
                own.advance(Duration.ofSeconds(4));
                assertThat(notify.processStatusChanges()).isEqualTo(9);
                assertThat(callbackThreadAlive()).isTrue();
            } finally {
                other.close();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (callbackThreadAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(callbackThreadAlive())
                    .as("the callback thread after close: %s", stacks())
                    .isFalse();
        }
    }

    @Test
    void aShorterStatusIntervalSetAfterASendBringsItsCallbacksForwardToo() throws Exception {
        SandboxNotify notify = SandboxNotify.of(sandbox);
        notify.sendCallbacksTo(URI.create("http://127.0.0.1:9/c"), "app", Secret.of("k"));
        Answer sent = post("/v1/messages", message(ref(), NHS_NUMBER));
        assertThat(sent.status()).isEqualTo(201);

        notify.statusInterval(Duration.ofMillis(100));
        clock.advance(Duration.ofMillis(500));

        assertThat(notify.processStatusChanges()).isEqualTo(9);
        assertThat(get("/v1/messages/" + sent.body().path("data").path("id").asText())
                        .body()
                        .path("data")
                        .path("attributes")
                        .path("messageStatus")
                        .asText())
                .isEqualTo("delivered");
    }

    @Test
    void registeringCallbacksAgainAndAgainStartsNoNewHttpClientThreads() {
        SandboxNotify notify = SandboxNotify.of(sandbox);
        notify.sendCallbacksTo(URI.create("http://127.0.0.1:9/c"), "app", Secret.of("k"));
        long before = selectorThreads();
        for (int i = 0; i < 5; i++) {
            notify.sendCallbacksTo(URI.create("http://127.0.0.1:9/c"), "app", Secret.of("k"));
        }

        assertThat(selectorThreads()).isEqualTo(before);
    }

    private static long selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().matches("HttpClient-\\d+-SelectorManager"))
                .count();
    }

    private static String stacks() {
        StringBuilder b = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, st) -> {
            if (t.getName().equals(THREAD)) {
                b.append(t).append(java.util.Arrays.toString(st)).append('\n');
            }
        });
        return b.toString();
    }

    private static boolean callbackThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(THREAD) && t.isAlive());
    }
}
