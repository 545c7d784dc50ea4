package uk.nhs.sdk.messaging.notify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.messaging.notify.NotifyMessageStatus;
import uk.nhs.sdk.messaging.notify.NotifySendResult;
import uk.nhs.sdk.testkit.SandboxFault;

/**
 * The Notify client against the Notify fake with the sandbox's faults around it: what gateways and
 * networks do to answers either ends in success after a retry or in a typed exception, never in
 * a raw I/O or JSON error, and a send is never applied twice.
 */
class NotifyClientFaultsTest extends NotifySandboxTestBase {
    private static final String CANNED = "2WL3qFTEFM0qMY8xjRbt1LIKCzM";
    private static final String MESSAGE_PATH = "/comms/v1/messages/.*";

    static Stream<Arguments> retriedFaults() {
        return Stream.of(
                Arguments.of("429 with Retry-After", SandboxFault.status(429).withRetryAfter(Duration.ofSeconds(5))),
                Arguments.of("429 without Retry-After", SandboxFault.status(429)),
                Arguments.of("503", SandboxFault.status(503)),
                Arguments.of("connection reset", SandboxFault.connectionReset()),
                Arguments.of("HTML error page", SandboxFault.htmlErrorPage(502)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("retriedFaults")
    void aStatusReadSucceedsAfterARetry(String name, SandboxFault fault) {
        client.getMessage(CANNED);
        int before = sleeper.sleeps().size();
        sandbox.faults().injectNext("GET", MESSAGE_PATH, fault);

        assertThat(client.getMessage(CANNED).status()).isEqualTo(NotifyMessageStatus.DELIVERED);
        if (fault.statusCode().isPresent()) {
            assertThat(sleeper.sleeps()).hasSize(before + 1);
        }
    }

    @Test
    void aRetryAfterIsHonoured() {
        client.getMessage(CANNED);
        int before = sleeper.sleeps().size();
        sandbox.faults()
                .injectNext("GET", MESSAGE_PATH, SandboxFault.status(429).withRetryAfter(Duration.ofSeconds(5)));

        client.getMessage(CANNED);

        assertThat(sleeper.sleeps().subList(before, sleeper.sleeps().size())).containsExactly(Duration.ofSeconds(5));
    }

    static Stream<Arguments> alteredAnswers() {
        return Stream.of(
                Arguments.of("truncated body", SandboxFault.truncatedBody()),
                Arguments.of("malformed JSON", SandboxFault.malformedJson()),
                Arguments.of("wrong content type", SandboxFault.wrongContentType("text/html")),
                Arguments.of(
                        "oversized body", SandboxFault.oversizedBody(50_000_000).afterProcessing()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alteredAnswers")
    void aBrokenAnswerToAReadEndsInSuccessOrATypedException(String name, SandboxFault fault) {
        client.getMessage(CANNED);
        sandbox.faults().injectNext("GET", MESSAGE_PATH, fault);

        try {
            assertThat(client.getMessage(CANNED).id()).isEqualTo(CANNED);
        } catch (RuntimeException e) {
            assertThat(e).isInstanceOf(NhsSdkException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alteredAnswers")
    void aBrokenAnswerToASendNeverSendsItTwice(String name, SandboxFault fault) {
        client.getMessage(CANNED);
        sandbox.faults().injectNext("POST", "/comms/v1/messages", fault);
        String reference = ref();

        try {
            NotifySendResult sent = client.send(message(reference));
            assertThat(sent.messageReference()).isEqualTo(reference);
        } catch (RuntimeException e) {
            assertThat(e).isInstanceOf(NhsSdkException.class);
        }
        assertThat(notify.messageCount()).isEqualTo(1);
    }

    @Test
    void aSendRefusedUntilTheRetriesRunOutIsATypedException() {
        client.getMessage(CANNED);
        sandbox.faults().inject("POST", "/comms/v1/messages", SandboxFault.status(503), 20);

        assertThatThrownBy(() -> client.send(message(ref()))).isInstanceOf(NhsSdkException.class);
        assertThat(notify.messageCount()).isZero();
    }
}
