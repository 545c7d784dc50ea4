package uk.nhs.sdk.examples.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.examples.demo.DemoContext;
import uk.nhs.sdk.examples.demo.DemoStep;
import uk.nhs.sdk.messaging.notify.MessageStatusEvent;
import uk.nhs.sdk.messaging.notify.NotifyCallbackDeduplicator;
import uk.nhs.sdk.messaging.notify.NotifyCallbackResult;
import uk.nhs.sdk.messaging.notify.NotifyCallbackVerifier;
import uk.nhs.sdk.messaging.notify.NotifyClient;
import uk.nhs.sdk.messaging.notify.NotifyMessage;
import uk.nhs.sdk.messaging.notify.NotifyMessageDetails;
import uk.nhs.sdk.messaging.notify.NotifyMessageStatus;
import uk.nhs.sdk.messaging.notify.NotifyStatusTracker;
import uk.nhs.sdk.messaging.notify.RoutingPlan;
import uk.nhs.sdk.testkit.SandboxNotify;

/**
 * NHS Notify: a free-text NHS App message is sent, its status is read as it changes (the sandbox
 * moves it on every 100 ms), and its status callbacks arrive at a local endpoint that verifies
 * each one's key and signature with {@link NotifyCallbackVerifier} before tracking it.
 */
final class NotifyDemoStep implements DemoStep {
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final int MAX_POLLS = 100;
    private static final String APPLICATION_ID = "nhs-demo";

    @Override
    public String title() {
        return "NHS Notify: send a message, watch its status change, receive and verify its callbacks";
    }

    @Override
    public void run(DemoContext demo) throws Exception {
        SandboxNotify notify = SandboxNotify.of(demo.sandbox());
        notify.statusInterval(INTERVAL);
        Secret apiKey = Secret.of(UUID.randomUUID().toString());
        NotifyCallbackVerifier verifier = NotifyCallbackVerifier.builder()
                .applicationId(APPLICATION_ID)
                .apiKey(apiKey)
                .deduplicator(NotifyCallbackDeduplicator.bounded(1_000))
                .build();
        NotifyStatusTracker tracker = NotifyStatusTracker.bounded(1_000);
        List<NotifyCallbackResult> received = new ArrayList<>();
        HttpServer endpoint = endpoint(verifier, tracker, received);
        URI url = URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/notify/callbacks");
        try (NotifyClient client = NotifyClient.builder()
                .baseUrl(notify.baseUrl())
                .auth(demo.auth())
                .options(demo.options())
                .build()) {
            notify.sendCallbacksTo(url, APPLICATION_ID, apiKey);
            demo.say("callbacks go to " + url + ", signed with HMAC-SHA256 under \"" + APPLICATION_ID + ".<api key>\"");

            NotifyMessage message = NotifyMessage.builder(NhsNumber.parse("9990548609"))
                    .routingPlan(RoutingPlan.NHS_APP)
                    .messageReference("demo-" + UUID.randomUUID())
                    .personalisation("body", "Your appointment is on Monday at 10:00.")
                    .build();
            String id = client.send(message).messageId().orElseThrow();
            demo.say("sent message " + id + " with the free-text NHS App routing plan");

            NotifyMessageStatus last = null;
            for (int poll = 0; poll < MAX_POLLS; poll++) {
                NotifyMessageDetails details = client.getMessage(id);
                if (!details.status().equals(last)) {
                    last = details.status();
                    demo.say("status: " + last.value()
                            + (details.channels().isEmpty()
                                    ? ""
                                    : ", nhsapp channel "
                                            + details.channels().get(0).status().value()));
                }
                if (last.equals(NotifyMessageStatus.DELIVERED) || last.equals(NotifyMessageStatus.FAILED)) {
                    break;
                }
                Thread.sleep(INTERVAL.toMillis());
            }
            notify.processStatusChanges();
            MessageStatusEvent latest = awaitFinal(tracker, id);
            synchronized (received) {
                long accepted =
                        received.stream().filter(NotifyCallbackResult::accepted).count();
                demo.say("received " + received.size() + " callbacks; " + accepted + " verified (x-api-key and "
                        + "signature) and answered 202");
            }
            demo.say("the callbacks' tracker says: message "
                    + latest.messageStatus().value() + " at " + latest.timestamp());
        } finally {
            notify.stopCallbacks();
            endpoint.stop(0);
        }
    }

    /** A callback endpoint on loopback: verify, track, answer the verifier's status. */
    private static HttpServer endpoint(
            NotifyCallbackVerifier verifier, NotifyStatusTracker tracker, List<NotifyCallbackResult> received)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/notify/callbacks", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            NotifyCallbackResult result = verifier.verify(exchange.getRequestHeaders(), body);
            synchronized (received) {
                received.add(result);
            }
            // Tracked after it is counted: once the tracker shows the final status, every callback
            // before it (they arrive in order) has been counted.
            result.events().forEach(tracker::apply);
            exchange.sendResponseHeaders(result.status(), -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** Waits (at most ten seconds: a loaded machine) for the callback of the message's final status. */
    private static MessageStatusEvent awaitFinal(NotifyStatusTracker tracker, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            var status = tracker.messageStatus(id);
            if (status.isPresent()
                    && (status.get().messageStatus().equals(NotifyMessageStatus.DELIVERED)
                            || status.get().messageStatus().equals(NotifyMessageStatus.FAILED))) {
                return status.get();
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no callback of the message's final status arrived");
    }
}
