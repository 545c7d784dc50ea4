package uk.nhs.sdk.messaging.notify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.messaging.notify.ChannelStatusEvent;
import uk.nhs.sdk.messaging.notify.MessageStatusEvent;
import uk.nhs.sdk.messaging.notify.NotifyCallbackDeduplicator;
import uk.nhs.sdk.messaging.notify.NotifyCallbackEvent;
import uk.nhs.sdk.messaging.notify.NotifyCallbackResult;
import uk.nhs.sdk.messaging.notify.NotifyCallbackVerifier;
import uk.nhs.sdk.messaging.notify.NotifyChannelStatus;
import uk.nhs.sdk.messaging.notify.NotifyChannelType;
import uk.nhs.sdk.messaging.notify.NotifyMessageStatus;
import uk.nhs.sdk.messaging.notify.NotifyStatusTracker;
import uk.nhs.sdk.testkit.SandboxNotify;

/**
 * The Notify fake's signed callbacks, received by a tiny endpoint (the JDK's HttpServer) that
 * answers what {@link NotifyCallbackVerifier} decides: genuine callbacks are accepted once each,
 * in any order, and the tracker ends on the newest status; a wrong key is refused.
 */
class NotifyCallbacksSandboxTest extends NotifySandboxTestBase {
    // only a failing test waits this long; a loaded 2-core CI machine once needed more than 10 s for nine
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String APP_ID = "demo-app-61c2";
    private static final Secret API_KEY = Secret.of("callback-api-key-93fd");

    private HttpServer server;
    private final LinkedBlockingQueue<NotifyCallbackResult> results = new LinkedBlockingQueue<>();
    private final NotifyStatusTracker tracker = NotifyStatusTracker.bounded(100);
    private final List<NotifyCallbackEvent> events = new ArrayList<>();

    @BeforeEach
    void endpoint() throws IOException {
        LogGuard.forbid(API_KEY.reveal());
        NotifyCallbackVerifier verifier = NotifyCallbackVerifier.builder()
                .applicationId(APP_ID)
                .apiKey(API_KEY)
                .deduplicator(NotifyCallbackDeduplicator.bounded(1_000))
                .build();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/notify/callbacks", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            NotifyCallbackResult result = verifier.verify(exchange.getRequestHeaders(), body);
            synchronized (events) {
                result.events().forEach(e -> {
                    events.add(e);
                    tracker.apply(e);
                });
            }
            results.add(result);
            exchange.sendResponseHeaders(result.status(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopEndpoint() {
        server.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/notify/callbacks");
    }

    private List<NotifyCallbackResult> await(int count) throws InterruptedException {
        List<NotifyCallbackResult> out = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (out.size() < count) {
            NotifyCallbackResult r = results.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r == null) {
                break;
            }
            out.add(r);
        }
        return out;
    }

    private String sendAndDeliver() {
        String id = client.send(message(ref())).messageId().orElseThrow();
        clock.advance(Duration.ofSeconds(4));
        notify.processStatusChanges();
        return id;
    }

    @Test
    void genuineCallbacksAreVerifiedAndTrackedToDelivery() throws Exception {
        notify.sendCallbacksTo(url(), APP_ID, API_KEY);
        String id = sendAndDeliver();

        List<NotifyCallbackResult> got = await(9);

        assertThat(got).hasSize(9).allSatisfy(r -> assertThat(r.status()).isEqualTo(202));
        assertThat(events).hasSize(9);
        assertThat(tracker.messageStatus(id))
                .map(MessageStatusEvent::messageStatus)
                .contains(NotifyMessageStatus.DELIVERED);
        assertThat(tracker.channelStatus(id, NotifyChannelType.NHSAPP, 1))
                .map(ChannelStatusEvent::channelStatus)
                .contains(NotifyChannelStatus.DELIVERED);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (notify.callbacksAccepted() < 9 && System.nanoTime() < deadline) {
            Thread.sleep(10); // the fake counts an answer after the endpoint has recorded it
        }
        assertThat(notify.callbacksAccepted()).isEqualTo(9);
    }

    @Test
    void duplicatedAndOutOfOrderCallbacksLeaveTheNewestStatusOnce() throws Exception {
        notify.sendCallbacksTo(
                url(), APP_ID, API_KEY, SandboxNotify.Delivery.DUPLICATED, SandboxNotify.Delivery.OUT_OF_ORDER);
        String id = sendAndDeliver();

        List<NotifyCallbackResult> got = await(18);

        assertThat(got).hasSize(18).allSatisfy(r -> assertThat(r.status()).isEqualTo(202));
        assertThat(got.stream().mapToInt(NotifyCallbackResult::duplicates).sum())
                .isEqualTo(9);
        assertThat(events).hasSize(9);
        MessageStatusEvent first = (MessageStatusEvent) events.get(0);
        assertThat(first.messageStatus()).isEqualTo(NotifyMessageStatus.DELIVERED);
        assertThat(tracker.messageStatus(id))
                .map(MessageStatusEvent::messageStatus)
                .contains(NotifyMessageStatus.DELIVERED);
    }

    @Test
    void aWrongApiKeyIsRefusedWith401AndAWrongSigningKeyWith403() throws Exception {
        notify.sendCallbacksTo(url(), APP_ID, API_KEY, Secret.of("not-the-agreed-key"));
        sendAndDeliver();
        List<NotifyCallbackResult> wrongHeader = await(9);
        notify.sendCallbacksTo(url(), "another-app", API_KEY);
        sendAndDeliver();
        List<NotifyCallbackResult> wrongSignature = await(9);

        assertThat(wrongHeader)
                .hasSize(9)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(401));
        assertThat(wrongSignature)
                .hasSize(9)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(403));
        assertThat(events).isEmpty();
    }
}
