package uk.nhs.sdk.messaging.mesh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
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
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.error.ServerErrorException;
import uk.nhs.sdk.core.error.UnauthorizedException;
import uk.nhs.sdk.core.testing.CapturingAppender;
import uk.nhs.sdk.core.testing.LogGuard;

/**
 * At-least-once polling: a message is acknowledged only after its handler returned, a failing
 * handler leaves it in the inbox for the next poll until it is dead-lettered, a failed poll backs
 * off, and the loop waits through the injected sleeper.
 */
class MeshInboxPollerTest extends MeshWireMockTestBase {
    private static final String INBOX = "/messageexchange/X26ABC1/inbox";
    private static final String A = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private static final String B = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";

    private final List<String> handled = new ArrayList<>();

    @BeforeEach
    void mailbox() {
        server.stubFor(post(urlPathEqualTo("/messageexchange/X26ABC1"))
                .willReturn(CapturedExchange.load("01-handshake-v2").response()));
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
            download.responseHeaders.forEach(
                    h -> response.withHeader(h.getKey(), h.getKey().equals("mex-messageid") ? id : h.getValue()));
            server.stubFor(get(urlPathEqualTo(INBOX + "/" + id)).willReturn(response));
        }
    }

    /** A handler that stores the content (reads it to the end) and records the id. */
    private void readAndRecord(MeshMessage m) throws java.io.IOException {
        m.content().readAllBytes();
        handled.add(m.messageId());
    }

    private static void inbox(String state, String... ids) {
        String list = ids.length == 0 ? "" : "\"" + String.join("\",\"", ids) + "\"";
        server.stubFor(get(urlPathEqualTo(INBOX))
                .inScenario("inbox")
                .whenScenarioStateIs(state)
                .willReturn(aResponse()
                        .withHeader("content-type", ACCEPT_V2)
                        .withBody("{\"messages\":[" + list + "],\"links\":{\"self\":\"" + INBOX
                                + "\"},\"approx_inbox_count\":" + ids.length + "}")));
    }

    private static void acknowledge(String id, String from, String to) {
        server.stubFor(put(urlPathEqualTo(ack(id)))
                .inScenario("inbox")
                .whenScenarioStateIs(from)
                .willSetStateTo(to)
                .willReturn(CapturedExchange.load("10-acknowledge-v2").response()));
    }

    private static String ack(String id) {
        return INBOX + "/" + id + "/status/acknowledged";
    }

    @Test
    void aFailingHandlerLeavesItsMessageForTheNextPollAndTheOthersAreAcknowledged() {
        List<String> failedOnce = new ArrayList<>();
        MeshInboxPoller poller = MeshInboxPoller.builder(client())
                .handler(m -> {
                    String text = new String(m.content().readAllBytes(), StandardCharsets.UTF_8);
                    if (m.messageId().equals(A) && failedOnce.isEmpty()) {
                        failedOnce.add(A);
                        throw new IllegalStateException("the database is down");
                    }
                    handled.add(text);
                })
                .build();

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
        MeshInboxPoller poller = MeshInboxPoller.builder(client())
                .handler(m -> {
                    assertThat(server.findAll(putRequestedFor(urlPathEqualTo(ack(m.messageId())))))
                            .as("not acknowledged while the handler runs")
                            .isEmpty();
                    readAndRecord(m);
                })
                .build();

        MeshPollResult result = poller.pollOnce();

        assertThat(result.acknowledged()).containsExactly(A, B);
        assertThat(result.failures()).isEmpty();
        assertThat(handled).containsExactly(A, B);
    }

    @Test
    void receiveAllDrainsOnceWithTheSameRule() {
        MeshPollResult result = client().receiveAll(this::readAndRecord);

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
        poller[0] = MeshInboxPoller.builder(builder()
                        .options(options().sleeper(stopAfterTwoWaits).build())
                        .build())
                .handler(this::readAndRecord)
                .interval(Duration.ofMinutes(10))
                .build();

        poller[0].run();

        assertThat(poller[0].isStopped()).isTrue();
        assertThat(waits).containsExactly(Duration.ofMinutes(10), Duration.ofMinutes(10));
        assertThat(handled).containsExactly(A, B);
        server.verify(2, getRequestedFor(urlPathEqualTo(INBOX)));
        server.verify(1, postRequestedFor(urlPathEqualTo("/messageexchange/X26ABC1")));
    }

    @Test
    void anInterruptDuringAHandlerStopsTheDrainBeforeTheNextMessage() {
        try {
            MeshPollResult result = client().receiveAll(m -> {
                readAndRecord(m);
                Thread.currentThread().interrupt(); // as an executor's shutdownNow does
                throw new IllegalStateException("the work was interrupted");
            });

            assertThat(Thread.currentThread().isInterrupted())
                    .as("the interrupt is kept for the caller")
                    .isTrue();
            assertThat(handled).hasSize(1);
            assertThat(result.acknowledged()).isEmpty();
            assertThat(result.failures()).hasSize(1);
            server.verify(1, getRequestedFor(urlPathMatching(INBOX + "/[AB]+")));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void anInterruptedPollerEndsInsteadOfPollingOn() {
        List<Duration> waits = new ArrayList<>();
        MeshInboxPoller[] poller = new MeshInboxPoller[1];
        Sleeper ignoresInterrupts = d -> {
            waits.add(d);
            if (waits.size() == 3) {
                poller[0].stop(); // so that a poller that polls on cannot make the test hang
            }
        };
        poller[0] = MeshInboxPoller.builder(builder()
                        .options(options().sleeper(ignoresInterrupts).build())
                        .build())
                .handshake(false)
                .handler(m -> {
                    readAndRecord(m);
                    Thread.currentThread().interrupt();
                })
                .build();
        try {
            poller[0].run();

            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(handled).hasSize(1);
            assertThat(waits)
                    .as("no wait and no second poll after the interrupt")
                    .isEmpty();
            server.verify(1, getRequestedFor(urlPathEqualTo(INBOX)));
        } finally {
            Thread.interrupted();
        }
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
        poller[0] = MeshInboxPoller.builder(
                        builder().options(options().sleeper(sleeper).build()).build())
                .handler(m -> {})
                .interval(Duration.ofHours(12))
                .build();

        poller[0].run();

        // polls at 0 h, 12 h, 24 h and 36 h: handshakes at 0 h and 24 h
        server.verify(4, getRequestedFor(urlPathEqualTo(INBOX)));
        server.verify(2, postRequestedFor(urlPathEqualTo("/messageexchange/X26ABC1")));
    }

    /** A lock held by whoever took it last until released, as a shared lock table would be. */
    private static final class OneHolderLock implements MeshPollLock {
        final List<String> events = new ArrayList<>();
        boolean held;

        @Override
        public java.util.Optional<Held> tryAcquire(String mailboxId) {
            if (held) {
                events.add("refused " + mailboxId);
                return java.util.Optional.empty();
            }
            held = true;
            events.add("granted " + mailboxId);
            return java.util.Optional.of(() -> {
                held = false;
                events.add("released");
            });
        }
    }

    @Test
    void withALockOnlyTheReplicaHoldingItPollsAndItReleasesItAfterThePoll() {
        OneHolderLock lock = new OneHolderLock();
        List<String> skipped = new ArrayList<>();
        MeshPollListener listener = new MeshPollListener() {
            @Override
            public void pollSkipped(String mailboxId) {
                skipped.add(mailboxId);
            }
        };
        MeshInboxPoller replicaA = MeshInboxPoller.builder(client())
                .handler(this::readAndRecord)
                .lock(lock)
                .listener(listener)
                .build();
        MeshInboxPoller replicaB = MeshInboxPoller.builder(client())
                .handler(this::readAndRecord)
                .lock(lock)
                .listener(listener)
                .build();

        lock.held = true; // another replica is polling
        assertThat(replicaA.tryPoll()).isEmpty();
        assertThat(replicaB.tryPoll()).isEmpty();
        server.verify(0, getRequestedFor(urlPathEqualTo(INBOX)));
        assertThat(skipped).containsExactly("X26ABC1", "X26ABC1");

        lock.held = false;
        assertThat(replicaA.tryPoll())
                .hasValueSatisfying(r -> assertThat(r.acknowledged()).containsExactly(A, B));
        assertThat(replicaB.tryPoll())
                .hasValueSatisfying(r -> assertThat(r.acknowledged()).isEmpty());

        assertThat(handled).containsExactly(A, B);
        assertThat(lock.events)
                .containsExactly(
                        "refused X26ABC1",
                        "refused X26ABC1",
                        "granted X26ABC1",
                        "released",
                        "granted X26ABC1",
                        "released");
        assertThat(lock.held).isFalse();
    }

    @Test
    void aLockLostMidPollStopsThePollBeforeTheNextMessageIsDownloaded() {
        List<String> events = new ArrayList<>();
        int[] renewals = {0};
        MeshPollLock losesItsLeaseAfterOneMessage = mailboxId -> java.util.Optional.of(new MeshPollLock.Held() {
            @Override
            public boolean renew() {
                events.add("renew");
                return renewals[0]++ == 0;
            }

            @Override
            public void close() {
                events.add("released");
            }
        });
        MeshInboxPoller poller = MeshInboxPoller.builder(client())
                .handler(this::readAndRecord)
                .lock(losesItsLeaseAfterOneMessage)
                .build();

        assertThat(poller.tryPoll())
                .hasValueSatisfying(r -> assertThat(r.acknowledged()).containsExactly(A));

        assertThat(handled).containsExactly(A);
        server.verify(0, getRequestedFor(urlPathEqualTo(INBOX + "/" + B)));
        assertThat(events).containsExactly("renew", "renew", "released");
    }

    @Test
    void aLockStoreFailingOnRenewalCountsAsALostLock() {
        MeshPollLock failsOnRenewal = mailboxId -> java.util.Optional.of(new MeshPollLock.Held() {
            @Override
            public boolean renew() {
                throw new IllegalStateException("connection refused");
            }

            @Override
            public void close() {
                // released
            }
        });
        MeshInboxPoller poller = MeshInboxPoller.builder(client())
                .handler(this::readAndRecord)
                .lock(failsOnRenewal)
                .build();

        assertThat(poller.tryPoll())
                .hasValueSatisfying(r -> assertThat(r.acknowledged()).isEmpty());
        assertThat(handled).isEmpty();
    }

    @Test
    void theLockIsReleasedWhenThePollFails() {
        server.stubFor(
                get(urlPathEqualTo(INBOX)).atPriority(3).willReturn(aResponse().withStatus(403)));
        OneHolderLock lock = new OneHolderLock();
        MeshInboxPoller poller = MeshInboxPoller.builder(builder()
                        .options(options().retry(RetryOptions.none()).build())
                        .build())
                .handler(this::readAndRecord)
                .lock(lock)
                .build();

        assertThatThrownBy(poller::tryPoll).isInstanceOf(ForbiddenException.class);
        assertThat(lock.events).containsExactly("granted X26ABC1", "released");
    }

    @Test
    void aLockStoreThatCannotAnswerIsAFailedPollAndTheLoopBacksOff() {
        List<NhsSdkException> pollFailures = new ArrayList<>();
        List<Duration> waits = new ArrayList<>();
        int[] calls = {0};
        MeshPollLock down = mailboxId -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("connection refused");
            }
            return MeshPollLock.none().tryAcquire(mailboxId);
        };
        MeshInboxPoller[] poller = new MeshInboxPoller[1];
        Sleeper sleeper = d -> {
            waits.add(d);
            clock.advance(d);
            if (!handled.isEmpty()) {
                poller[0].stop();
            }
        };
        poller[0] = MeshInboxPoller.builder(
                        builder().options(options().sleeper(sleeper).build()).build())
                .handler(this::readAndRecord)
                .lock(down)
                .listener(new MeshPollListener() {
                    @Override
                    public void pollFailed(NhsSdkException error) {
                        pollFailures.add(error);
                    }
                })
                .build();

        poller[0].run();

        assertThat(pollFailures).singleElement().satisfies(e -> {
            assertThat(e).hasMessage("the MESH inbox poll lock could not be taken");
            assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
        });
        assertThat(waits).containsExactly(MeshInboxPoller.DEFAULT_BACKOFF_INITIAL, MeshInboxPoller.MIN_INTERVAL);
        assertThat(handled).containsExactly(A, B);
    }

    @Test
    void aTransientFailureIsReportedAndPollingGoesOn() {
        server.stubFor(get(urlPathEqualTo(INBOX))
                .atPriority(3)
                .inScenario("outage")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("over"));
        List<NhsSdkException> pollFailures = new ArrayList<>();
        MeshInboxPoller[] poller = new MeshInboxPoller[1];
        Sleeper sleeper = d -> {
            clock.advance(d);
            if (!handled.isEmpty()) {
                poller[0].stop();
            }
        };
        poller[0] = MeshInboxPoller.builder(builder()
                        .options(options()
                                .sleeper(sleeper)
                                .retry(RetryOptions.none())
                                .build())
                        .build())
                .handler(this::readAndRecord)
                .listener(new MeshPollListener() {
                    @Override
                    public void pollFailed(NhsSdkException error) {
                        pollFailures.add(error);
                    }
                })
                .build();

        poller[0].run();

        assertThat(pollFailures).hasSize(1).first().isInstanceOf(ServerErrorException.class);
        assertThat(handled).containsExactly(A, B);
    }

    @Test
    void aRefusedPasswordBacksOffAndPollingGoesOnInsteadOfEnding() {
        // 401/403, an HTML page and an unreadable body all back off; the poller never dies of them
        server.stubFor(get(urlPathEqualTo(INBOX))
                .atPriority(3)
                .inScenario("outage")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("content-type", "text/html")
                        .withBody("<html>Forbidden</html>"))
                .willSetStateTo("html"));
        server.stubFor(get(urlPathEqualTo(INBOX))
                .atPriority(3)
                .inScenario("outage")
                .whenScenarioStateIs("html")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("content-type", "text/html")
                        .withBody("<html>Service page</html>"))
                .willSetStateTo("unauthorised"));
        server.stubFor(get(urlPathEqualTo(INBOX))
                .atPriority(3)
                .inScenario("outage")
                .whenScenarioStateIs("unauthorised")
                .willReturn(aResponse().withStatus(401))
                .willSetStateTo("garbled"));
        server.stubFor(get(urlPathEqualTo(INBOX))
                .atPriority(3)
                .inScenario("outage")
                .whenScenarioStateIs("garbled")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("content-type", ACCEPT_V2)
                        .withBody("{\"messages\": ["))
                .willSetStateTo("over"));
        List<NhsSdkException> pollFailures = new ArrayList<>();
        List<Duration> waits = new ArrayList<>();
        MeshInboxPoller[] poller = new MeshInboxPoller[1];
        Sleeper sleeper = d -> {
            waits.add(d);
            clock.advance(d);
            if (!handled.isEmpty()) {
                poller[0].stop();
            }
        };
        poller[0] = MeshInboxPoller.builder(builder()
                        .options(options()
                                .sleeper(sleeper)
                                .retry(RetryOptions.none())
                                .build())
                        .build())
                .handler(m -> {
                    m.content().readAllBytes();
                    handled.add(m.messageId());
                })
                .listener(new MeshPollListener() {
                    @Override
                    public void pollFailed(NhsSdkException error) {
                        pollFailures.add(error);
                    }
                })
                .build();

        poller[0].run();

        assertThat(pollFailures).hasSize(4);
        assertThat(pollFailures.get(0)).isInstanceOf(ForbiddenException.class);
        assertThat(pollFailures.get(1)).isInstanceOf(NhsDecodeException.class);
        assertThat(pollFailures.get(2)).isInstanceOf(UnauthorizedException.class);
        assertThat(pollFailures.get(3)).isInstanceOf(NhsDecodeException.class);
        assertThat(handled).containsExactly(A, B);
        assertThat(waits)
                .as("backoff doubles per failure in a row, then the interval after a good poll")
                .containsExactly(
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(20),
                        Duration.ofMinutes(40),
                        Duration.ofMinutes(5));
    }

    @Test
    void theBackoffIsConfigurableAndCapped() {
        server.stubFor(
                get(urlPathEqualTo(INBOX)).atPriority(3).willReturn(aResponse().withStatus(403)));
        List<Duration> waits = new ArrayList<>();
        MeshInboxPoller[] poller = new MeshInboxPoller[1];
        Sleeper sleeper = d -> {
            waits.add(d);
            clock.advance(d);
            if (waits.size() == 4) {
                poller[0].stop();
            }
        };
        poller[0] = MeshInboxPoller.builder(
                        builder().options(options().sleeper(sleeper).build()).build())
                .handler(MeshMessage::accept)
                .handshake(false)
                .backoff(Duration.ofMinutes(10), Duration.ofMinutes(25))
                .build();

        poller[0].run();

        assertThat(waits)
                .containsExactly(
                        Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(25), Duration.ofMinutes(25));
        server.verify(4, getRequestedFor(urlPathEqualTo(INBOX)));
        assertThat(poller[0].backoff(40)).isEqualTo(Duration.ofMinutes(25));
    }

    @Test
    void aHandlerThatKeepsFailingSendsItsMessageToTheDeadLetterHandlerWhichLeavesItUnacknowledged() {
        List<String> deadLettered = new ArrayList<>();
        int[] handlerCalls = {0};
        MeshInboxPoller poller = MeshInboxPoller.builder(client())
                .maxAttempts(3)
                .handler(m -> {
                    m.content().readAllBytes();
                    if (m.messageId().equals(A)) {
                        handlerCalls[0]++;
                        throw new IllegalStateException("cannot parse " + handlerCalls[0]);
                    }
                })
                .deadLetter((m, attempts, last) -> {
                    deadLettered.add(m.messageId() + " after " + attempts + ": " + last.getMessage());
                    return MeshDeadLetterAction.LEAVE_IN_INBOX;
                })
                .build();

        for (int i = 0; i < 3; i++) {
            MeshPollResult r = poller.pollOnce();
            assertThat(r.failures()).containsOnlyKeys(A);
            assertThat(r.deadLettered()).isEmpty();
        }
        MeshPollResult fourth = poller.pollOnce();
        MeshPollResult fifth = poller.pollOnce();

        assertThat(handlerCalls[0]).isEqualTo(3);
        assertThat(fourth.deadLettered()).containsExactly(A);
        assertThat(fourth.acknowledged()).isEmpty();
        assertThat(fourth.failures()).isEmpty();
        assertThat(deadLettered).containsExactly(A + " after 3: cannot parse 3");
        assertThat(fifth.deadLettered())
                .as("left in the inbox and not offered again")
                .isEmpty();
        server.verify(0, putRequestedFor(urlPathEqualTo(ack(A))));
        server.verify(4, getRequestedFor(urlPathEqualTo(INBOX + "/" + A)));
    }

    @Test
    void theDeadLetterHandlerMayHaveTheMessageAcknowledged() {
        List<String> quarantined = new ArrayList<>();
        MeshInboxPoller poller = MeshInboxPoller.builder(client())
                .maxAttempts(1)
                .handler(m -> {
                    if (m.messageId().equals(A)) {
                        throw new IllegalStateException("poison");
                    }
                    m.content().readAllBytes();
                })
                .deadLetter((m, attempts, last) -> {
                    quarantined.add(new String(m.content().readAllBytes(), StandardCharsets.UTF_8));
                    return MeshDeadLetterAction.ACKNOWLEDGE;
                })
                .build();

        MeshPollResult first = poller.pollOnce();
        MeshPollResult second = poller.pollOnce();

        assertThat(first.acknowledged()).containsExactly(B);
        assertThat(second.deadLettered()).containsExactly(A);
        assertThat(second.acknowledged()).containsExactly(A);
        assertThat(quarantined).containsExactly("content of A");
        server.verify(1, putRequestedFor(urlPathEqualTo(ack(A))));
    }

    @Test
    void aDeadLetterHandlerThatFailsLeavesTheMessageAndIsAskedAgain() {
        int[] asked = {0};
        MeshInboxPoller poller = MeshInboxPoller.builder(client())
                .maxAttempts(1)
                .handler(m -> {
                    throw new IllegalStateException("poison");
                })
                .deadLetter((m, attempts, last) -> {
                    if (++asked[0] == 1) {
                        throw new IllegalStateException("quarantine store down");
                    }
                    m.accept();
                    return MeshDeadLetterAction.ACKNOWLEDGE;
                })
                .build();

        poller.pollOnce();
        MeshPollResult second = poller.pollOnce();
        MeshPollResult third = poller.pollOnce();

        assertThat(second.deadLettered()).containsExactly(A, B);
        assertThat(second.failures()).as("A's dead-letter handler failed").containsOnlyKeys(A);
        assertThat(second.acknowledged()).containsExactly(B);
        assertThat(third.deadLettered()).containsExactly(A);
        assertThat(third.acknowledged()).containsExactly(A);
        assertThat(asked[0]).isEqualTo(3);
    }

    @Test
    void byDefaultADeadLetteredMessageIsLoggedWithoutDataAndNotAcknowledged() {
        MeshInboxPoller poller = MeshInboxPoller.builder(client())
                .handler(m -> {
                    throw new IllegalStateException("patient Jane Smithfield could not be matched");
                })
                .build();
        LogGuard.forbid("Smithfield");

        for (int i = 0; i < MeshInboxPoller.DEFAULT_MAX_ATTEMPTS; i++) {
            assertThat(poller.pollOnce().deadLettered()).isEmpty();
        }
        MeshPollResult dead = poller.pollOnce();

        assertThat(dead.deadLettered()).containsExactly(A, B);
        assertThat(dead.acknowledged()).isEmpty();
        server.verify(0, putRequestedFor(urlPathMatching(INBOX + "/.*/status/acknowledged")));
        assertThat(CapturingAppender.lines())
                .anySatisfy(l -> assertThat(l)
                        .contains("WARN")
                        .contains(A + " dead-lettered after 5 failed attempts")
                        .contains(IllegalStateException.class.getName()));
    }

    @Test
    void aHandlerThatReturnsWithoutReadingCountsAsAFailedAttempt() {
        MeshInboxPoller poller = MeshInboxPoller.builder(client())
                .maxAttempts(1)
                .handler(m -> {})
                .deadLetter((m, attempts, last) -> {
                    assertThat(last).isInstanceOf(MeshMessageNotReadException.class);
                    return MeshDeadLetterAction.LEAVE_IN_INBOX;
                })
                .build();

        MeshPollResult first = poller.pollOnce();
        MeshPollResult second = poller.pollOnce();

        assertThat(first.failures().values())
                .allSatisfy(e -> assertThat(e).isInstanceOf(MeshMessageNotReadException.class));
        assertThat(second.deadLettered()).containsExactly(A, B);
        server.verify(0, putRequestedFor(urlPathMatching(INBOX + "/.*/status/acknowledged")));
    }

    @Test
    void stopWakesAPollerThatIsWaiting() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        Sleeper blocksUntilInterrupted = d -> {
            waiting.countDown();
            new CountDownLatch(1).await();
        };
        MeshInboxPoller poller = MeshInboxPoller.builder(builder()
                        .options(options().sleeper(blocksUntilInterrupted).build())
                        .build())
                .handler(this::readAndRecord)
                .build();
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
    void theDeadLetterAndBackoffSettingsAreChecked() {
        MeshInboxPoller.Builder b = MeshInboxPoller.builder(client()).handler(m -> {});
        assertThatThrownBy(() -> b.maxAttempts(0))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageStartingWith("maxAttempts:");
        assertThatThrownBy(() -> b.maxAttempts(101)).isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> b.backoff(Duration.ofMinutes(4), Duration.ofHours(1)))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("5 minutes");
        assertThatThrownBy(() -> b.backoff(Duration.ofMinutes(30), Duration.ofMinutes(10)))
                .isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> b.backoff(Duration.ofMinutes(30), Duration.ofHours(25)))
                .isInstanceOf(NhsValidationException.class);
        MeshInboxPoller defaults = b.build();
        assertThat(defaults.backoff(1)).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.backoff(5)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theIntervalMustBeWithinMeshsGuidance() {
        MeshInboxPoller.Builder b = MeshInboxPoller.builder(client()).handler(m -> {});
        assertThatThrownBy(() -> b.interval(Duration.ofMinutes(4)))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("5 minutes");
        assertThatThrownBy(() -> b.interval(Duration.ofHours(25))).isInstanceOf(NhsValidationException.class);
        assertThat(b.interval(Duration.ofHours(24)).build().interval()).isEqualTo(Duration.ofHours(24));
        assertThat(MeshInboxPoller.builder(client()).handler(m -> {}).build().interval())
                .isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> MeshInboxPoller.builder(client()).build()).isInstanceOf(NhsValidationException.class);
    }
}
