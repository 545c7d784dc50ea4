package uk.nhs.sdk.messaging.mesh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.Sleeper;
import uk.nhs.sdk.core.error.ForbiddenException;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.error.ServerErrorException;

/**
 * At-least-once polling: a message is acknowledged only after its handler returned, a failing
 * handler leaves it in the inbox for the next poll, and the loop waits the interval through the
 * injected sleeper.
 */
class MeshInboxPollerTest extends MeshWireMockTestBase {
    private static final String INBOX = "/messageexchange/X26ABC1/inbox";
    private static final String A = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private static final String B = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";

    private final List<String> handled = new ArrayList<>();

    @BeforeEach
    void mailbox() {
        server.stubFor(post(urlPathEqualTo("/messageexchange/X26ABC1")).willReturn(
                CapturedExchange.load("01-handshake-v2").response()));
        // the inbox lists every message not yet acknowledged
        inbox(Scenario.STARTED, A, B);
        inbox("A acknowledged", B);
        inbox("B acknowledged", A);
        inbox("all acknowledged");
        acknowledge(A, Scenario.STARTED, "A acknowledged");
        acknowledge(A, "B acknowledged", "all acknowledged");
        acknowledge(B, Scenario.STARTED, "B acknowledged");
        acknowledge(B, "A acknowledged", "all acknowledged");
        CapturedExchange download = CapturedExchange.load("07-download-message-v2");
        for (String id : List.of(A, B)) {
            var response = aResponse().withStatus(download.status).withBody("content of " + id.charAt(0));
            download.responseHeaders.forEach(h -> response.withHeader(h.getKey(),
                    h.getKey().equals("mex-messageid") ? id : h.getValue()));
            server.stubFor(get(urlPathEqualTo(INBOX + "/" + id)).willReturn(response));
        }
    }

    private static void inbox(String state, String... ids) {
        String list = ids.length == 0 ? "" : "\"" + String.join("\",\"", ids) + "\"";
        server.stubFor(get(urlPathEqualTo(INBOX)).inScenario("inbox").whenScenarioStateIs(state)
                .willReturn(aResponse().withHeader("content-type", ACCEPT_V2).withBody("{\"messages\":[" + list
                        + "],\"links\":{\"self\":\"" + INBOX + "\"},\"approx_inbox_count\":" + ids.length + "}")));
    }

    private static void acknowledge(String id, String from, String to) {
        server.stubFor(put(urlPathEqualTo(ack(id))).inScenario("inbox").whenScenarioStateIs(from).willSetStateTo(to)
                .willReturn(CapturedExchange.load("10-acknowledge-v2").response()));
    }

    private static String ack(String id) {
        return INBOX + "/" + id + "/status/acknowledged";
    }

    @Test
    void aFailingHandlerLeavesItsMessageForTheNextPollAndTheOthersAreAcknowledged() {
        List<String> failedOnce = new ArrayList<>();
        MeshInboxPoller poller = MeshInboxPoller.builder(client()).handler(m -> {
            String text = new String(m.content().readAllBytes(), StandardCharsets.UTF_8);
            if (m.messageId().equals(A) && failedOnce.isEmpty()) {
                failedOnce.add(A);
                throw new IllegalStateException("the database is down");
            }
            handled.add(text);
        }).build();

        MeshPollResult first = poller.pollOnce();

        assertThat(first.acknowledged()).containsExactly(B);
        assertThat(first.failures()).containsOnlyKeys(A);
        assertThat(first.failures().get(A)).hasMessage("the database is down");
        server.verify(0, putRequestedFor(urlPathEqualTo(ack(A))));

        MeshPollResult second = poller.pollOnce();

        assertThat(second.acknowledged()).containsExactly(A);
        assertThat(second.failures()).isEmpty();
        assertThat(handled).containsExactly("content of B", "content of A");
        server.verify(1, putRequestedFor(urlPathEqualTo(ack(A))));
        server.verify(1, putRequestedFor(urlPathEqualTo(ack(B))));
        server.verify(2, getRequestedFor(urlPathEqualTo(INBOX + "/" + A)));

        assertThat(poller.pollOnce().acknowledged()).isEmpty();
    }

    @Test
    void aMessageIsAcknowledgedOnlyAfterItsHandlerReturned() {
        MeshInboxPoller poller = MeshInboxPoller.builder(client()).handler(m -> {
            assertThat(server.findAll(putRequestedFor(urlPathEqualTo(ack(m.messageId())))))
                    .as("not acknowledged while the handler runs").isEmpty();
            handled.add(m.messageId());
        }).build();

        MeshPollResult result = poller.pollOnce();

        assertThat(result.acknowledged()).containsExactly(A, B);
        assertThat(result.failures()).isEmpty();
        assertThat(handled).containsExactly(A, B);
    }

    @Test
    void receiveAllDrainsOnceWithTheSameRule() {
        MeshPollResult result = client().receiveAll(m -> handled.add(m.messageId()));

        assertThat(result.acknowledged()).containsExactly(A, B);
        assertThat(handled).containsExactly(A, B);
    }

    @Test
    void runPollsWaitsTheIntervalAndStops() {
        List<Duration> waits = new ArrayList<>();
        MeshInboxPoller[] poller = new MeshInboxPoller[1];
        Sleeper stopAfterTwoWaits = d -> {
            waits.add(d);
            clock.advance(d);
            if (waits.size() == 2) {
                poller[0].stop();
            }
        };
        poller[0] = MeshInboxPoller.builder(builder().options(options().sleeper(stopAfterTwoWaits).build()).build())
                .handler(m -> handled.add(m.messageId())).interval(Duration.ofMinutes(10)).build();

        poller[0].run();

        assertThat(poller[0].isStopped()).isTrue();
        assertThat(waits).containsExactly(Duration.ofMinutes(10), Duration.ofMinutes(10));
        assertThat(handled).containsExactly(A, B);
        server.verify(2, getRequestedFor(urlPathEqualTo(INBOX)));
        server.verify(1, postRequestedFor(urlPathEqualTo("/messageexchange/X26ABC1")));
    }

    @Test
    void theHandshakeIsRepeatedEveryTwentyFourHours() {
        int[] polls = {0};
        MeshInboxPoller[] poller = new MeshInboxPoller[1];
        Sleeper sleeper = d -> {
            clock.advance(d);
            if (++polls[0] == 4) {
                poller[0].stop();
            }
        };
        poller[0] = MeshInboxPoller.builder(builder().options(options().sleeper(sleeper).build()).build())
                .handler(m -> { }).interval(Duration.ofHours(12)).build();

        poller[0].run();

        // polls at 0 h, 12 h, 24 h and 36 h: handshakes at 0 h and 24 h
        server.verify(4, getRequestedFor(urlPathEqualTo(INBOX)));
        server.verify(2, postRequestedFor(urlPathEqualTo("/messageexchange/X26ABC1")));
    }

    @Test
    void aTransientFailureIsReportedAndPollingGoesOn() {
        server.stubFor(get(urlPathEqualTo(INBOX)).atPriority(3).inScenario("outage")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(503))
                .willSetStateTo("over"));
        List<NhsSdkException> pollFailures = new ArrayList<>();
        MeshInboxPoller[] poller = new MeshInboxPoller[1];
        Sleeper sleeper = d -> {
            clock.advance(d);
            if (!handled.isEmpty()) {
                poller[0].stop();
            }
        };
        poller[0] = MeshInboxPoller.builder(builder().options(options().sleeper(sleeper)
                        .retry(RetryOptions.none()).build()).build())
                .handler(m -> handled.add(m.messageId()))
                .listener(new MeshPollListener() {
                    @Override
                    public void pollFailed(NhsSdkException error) {
                        pollFailures.add(error);
                    }
                }).build();

        poller[0].run();

        assertThat(pollFailures).hasSize(1).first().isInstanceOf(ServerErrorException.class);
        assertThat(handled).containsExactly(A, B);
    }

    @Test
    void aFailureThatRetryingCannotFixEndsTheLoop() {
        MeshInboxPoller poller = MeshInboxPoller.builder(builder().password(
                uk.nhs.sdk.core.Secret.of("wrong-password")).build()).handler(m -> { }).build();

        assertThatThrownBy(poller::run).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void stopWakesAPollerThatIsWaiting() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        Sleeper blocksUntilInterrupted = d -> {
            waiting.countDown();
            new CountDownLatch(1).await();
        };
        MeshInboxPoller poller = MeshInboxPoller.builder(builder().options(options().sleeper(blocksUntilInterrupted)
                .build()).build()).handler(m -> handled.add(m.messageId())).build();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<?> run = executor.submit(poller::run);
            assertThat(waiting.await(30, TimeUnit.SECONDS)).isTrue();

            poller.stop();

            run.get(30, TimeUnit.SECONDS);
            assertThat(run.isDone()).isTrue();
            assertThat(handled).containsExactly(A, B);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void theIntervalMustBeWithinMeshsGuidance() {
        MeshInboxPoller.Builder b = MeshInboxPoller.builder(client()).handler(m -> { });
        assertThatThrownBy(() -> b.interval(Duration.ofMinutes(4))).isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("5 minutes");
        assertThatThrownBy(() -> b.interval(Duration.ofHours(25))).isInstanceOf(NhsValidationException.class);
        assertThat(b.interval(Duration.ofHours(24)).build().interval()).isEqualTo(Duration.ofHours(24));
        assertThat(MeshInboxPoller.builder(client()).handler(m -> { }).build().interval())
                .isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> MeshInboxPoller.builder(client()).build()).isInstanceOf(NhsValidationException.class);
    }
}
