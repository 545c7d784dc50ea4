package uk.nhs.sdk.messaging.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.RetryOptions;

/**
 * Sends are KEYED by the message reference: retried with the same bytes, a duplicate answer to a
 * retry is success, and 425/429 are waited out within the call's limits or thrown with when to try
 * again. No test waits: the sleeper records the waits and moves the clock.
 */
class NotifyClientRetryTest extends NotifyWireMockTestBase {
    private static final UUID PLAN = UUID.fromString("b838b13c-f98c-4def-93f0-515d4e4f4ee1");
    private static final String PATH = "/comms/v1/messages";

    private NotifyMessage message() {
        return NotifyMessage.builder(PATIENT)
                .routingPlanId(PLAN)
                .messageReference("ref-under-test")
                .build();
    }

    private void sequence(ResponseDefinitionBuilder... answers) {
        String state = STARTED;
        for (int i = 0; i < answers.length; i++) {
            String next = "attempt-" + (i + 2);
            server.stubFor(post(urlEqualTo(PATH))
                    .inScenario("retry")
                    .whenScenarioStateIs(state)
                    .willSetStateTo(next)
                    .willReturn(answers[i]));
            state = next;
        }
    }

    private static ResponseDefinitionBuilder created() {
        return jsonApi(201, resource("responses/send-201.json"));
    }

    @Test
    void aDuplicateAnswerToARetryMeansTheFirstAttemptWasAccepted() {
        sequence(
                jsonApi(503, resource("errors/send-503-CM_SERVICE_UNAVAILABLE.json")),
                jsonApi(422, resource("errors/send-422-CM_DUPLICATE_REQUEST.json")));
        try (NotifyClient notify = client()) {
            NotifySendResult r = notify.send(message());
            assertThat(r.alreadyAccepted()).isTrue();
            assertThat(r.messageId()).isEmpty();
            assertThat(r.messageReference()).isEqualTo("ref-under-test");
            assertThat(r.toString()).contains("already accepted", "id=unknown");
        }
        assertThat(requests()).hasSize(2);
        assertThat(requests().get(0).getBody()).isEqualTo(requests().get(1).getBody());
        assertThat(requests().get(0).getHeader("X-Request-ID"))
                .isEqualTo(requests().get(1).getHeader("X-Request-ID"));
        assertThat(sleeper.sleeps()).hasSize(1);
        assertRequestsConform();
    }

    @Test
    void aDuplicateAnswerToAFirstAttemptIsATypedError() {
        sequence(jsonApi(422, resource("errors/send-422-CM_DUPLICATE_REQUEST.json")));
        try (NotifyClient notify = client()) {
            NotifyDuplicateRequestException e =
                    catchThrowableOfType(NotifyDuplicateRequestException.class, () -> notify.send(message()));
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.errorCode()).contains("CM_DUPLICATE_REQUEST");
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.errors()).singleElement().satisfies(err -> {
                assertThat(err.pointer()).contains("/data/attributes/messageReference");
                assertThat(err.title()).isEqualTo("Duplicate message request");
            });
            assertThat(e.getMessage())
                    .contains("NHS Notify 422 CM_DUPLICATE_REQUEST")
                    .doesNotContain("identical messageReference");
        }
        assertThat(requests()).hasSize(1);
    }

    @Test
    void tooEarlyWithAWaitBeyondTheRetryCapIsThrownWithWhenToTryAgain() {
        sequence(jsonApi(425, resource("errors/send-425-CM_RETRY_TOO_EARLY.json"))
                .withHeader("Retry-After", "300"));
        try (NotifyClient notify = client()) {
            NotifyRetryLaterException e =
                    catchThrowableOfType(NotifyRetryLaterException.class, () -> notify.send(message()));
            assertThat(e.status()).isEqualTo(425);
            assertThat(e.errorCode()).contains("CM_RETRY_TOO_EARLY");
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(300));
        }
        assertThat(requests()).hasSize(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void tooEarlyIsWaitedOutWhenTheCallAllowsIt() {
        sequence(
                jsonApi(425, resource("errors/send-425-CM_RETRY_TOO_EARLY.json"))
                        .withHeader("Retry-After", "300"),
                created());
        try (NotifyClient notify = builder()
                .options(options()
                        .retry(RetryOptions.builder()
                                .maxRetryAfter(Duration.ofMinutes(6))
                                .build())
                        .deadline(Duration.ofMinutes(10))
                        .build())
                .build()) {
            assertThat(notify.send(message()).messageId()).contains("2WL3qFTEFM0qMY8xjRbt1LIKCzM");
        }
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(300));
        assertThat(requests()).hasSize(2);
        assertRequestsConform();
    }

    @Test
    void tooManyRequestsWithRetryAfterIsHonoured() {
        sequence(jsonApi(429, resource("errors/send-429-CM_QUOTA.json")).withHeader("Retry-After", "5"), created());
        try (NotifyClient notify = client()) {
            assertThat(notify.send(message()).messageId()).isPresent();
        }
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void tooManyRequestsWithoutRetryAfterBacksOffExponentially() {
        sequence(
                jsonApi(429, resource("errors/send-429-CM_QUOTA.json")),
                jsonApi(429, resource("errors/send-429-CM_QUOTA.json")),
                created());
        try (NotifyClient notify = client()) {
            assertThat(notify.send(message()).messageId()).isPresent();
        }
        List<Duration> waits = sleeper.sleeps();
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(375), Duration.ofMillis(500));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1000));
    }

    @Test
    void tooManyRequestsToTheEndIsThrownWithNoWaitWhenNoneWasGiven() {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(jsonApi(429, resource("errors/send-429-CM_QUOTA.json"))));
        try (NotifyClient notify = client()) {
            NotifyRetryLaterException e =
                    catchThrowableOfType(NotifyRetryLaterException.class, () -> notify.send(message()));
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retryAfter()).isEmpty();
            assertThat(e.attempts()).isEqualTo(RetryOptions.defaults().maxAttempts());
        }
    }

    @Test
    void aRetryAfterBeyondTheDeadlineIsThrownAtOnce() {
        sequence(jsonApi(429, resource("errors/send-429-CM_QUOTA.json")).withHeader("Retry-After", "50"), created());
        try (NotifyClient notify = builder()
                .options(options()
                        .deadline(Duration.ofSeconds(30))
                        .attemptTimeout(Duration.ofSeconds(10))
                        .build())
                .build()) {
            NotifyRetryLaterException e =
                    catchThrowableOfType(NotifyRetryLaterException.class, () -> notify.send(message()));
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(50));
        }
        assertThat(requests()).hasSize(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void aDuplicateAfterAnAttemptNhsNotifyRefusedIsStillADuplicateError() {
        // a 429 or 425 proves the first attempt was not taken: the reference was held before this call
        sequence(
                jsonApi(429, resource("errors/send-429-CM_QUOTA.json")).withHeader("Retry-After", "5"),
                jsonApi(422, resource("errors/send-422-CM_DUPLICATE_REQUEST.json")));
        try (NotifyClient notify = client()) {
            NotifyDuplicateRequestException e =
                    catchThrowableOfType(NotifyDuplicateRequestException.class, () -> notify.send(message()));
            assertThat(e.attempts()).isEqualTo(2);
        }
        assertThat(requests()).hasSize(2);
    }

    @Test
    void aDuplicateAfterARefreshedUnauthorisedAttemptIsStillADuplicateError() {
        sequence(
                jsonApi(401, resource("errors/send-401-CM_DENIED.json")),
                jsonApi(422, resource("errors/send-422-CM_DUPLICATE_REQUEST.json")));
        uk.nhs.sdk.core.auth.AuthProvider refreshing = new uk.nhs.sdk.core.auth.AuthProvider() {
            @Override
            public void authenticate(uk.nhs.sdk.core.auth.AuthRequest request) {}

            @Override
            public boolean refreshAfterUnauthorized(uk.nhs.sdk.core.auth.AuthRequest request) {
                return true;
            }
        };
        try (NotifyClient notify = builder().auth(refreshing).build()) {
            assertThatThrownByDuplicate(notify);
        }
        assertThat(requests()).hasSize(2);
    }

    @Test
    void aDuplicateAfterAnUnansweredAttemptOfTheSameBatchPartIsAccepted() {
        server.stubFor(post(urlEqualTo("/comms/v1/message-batches"))
                .inScenario("b")
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("2")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        server.stubFor(post(urlEqualTo("/comms/v1/message-batches"))
                .inScenario("b")
                .whenScenarioStateIs("2")
                .willReturn(jsonApi(422, resource("errors/batch-422-CM_DUPLICATE_REQUEST.json"))));
        try (NotifyClient notify = client()) {
            NotifyBatchResult r = notify.sendBatch(PLAN, "b", List.of(message()));
            assertThat(r.parts())
                    .singleElement()
                    .satisfies(p -> assertThat(p.alreadyAccepted()).isTrue());
        }
        assertThat(requests()).hasSize(2);
    }

    private void assertThatThrownByDuplicate(NotifyClient notify) {
        NotifyDuplicateRequestException e =
                catchThrowableOfType(NotifyDuplicateRequestException.class, () -> notify.send(message()));
        assertThat(e).isNotNull();
        assertThat(e.errorCode()).contains("CM_DUPLICATE_REQUEST");
    }
}
