package uk.nhs.sdk.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.auth.AuthProvider;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.testing.RecordingSleeper;

/**
 * {@code replayOnConnectionFailure(false)}: a connection reset becomes a counted pipeline retry,
 * signed afresh by the auth provider, instead of a silent re-send of the same request.
 */
class ReplayOnConnectionFailureTest {
    private static WireMockServer server;
    private final AtomicInteger signatures = new AtomicInteger();
    private final AuthProvider auth = r -> r.header("Authorization", "token-" + signatures.incrementAndGet());
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @BeforeAll
    static void start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void resetOnceThenAccept() {
        server.resetAll();
        server.stubFor(post(urlPathEqualTo("/chunk"))
                .inScenario("r")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("ok"));
        server.stubFor(post(urlPathEqualTo("/chunk"))
                .inScenario("r")
                .whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(202)));
        server.stubFor(post(urlPathEqualTo("/warm-up")).willReturn(aResponse().withStatus(200)));
    }

    private NhsResponse send(boolean replay) {
        NhsHttpClient client = NhsHttpClient.builder()
                .serviceName("TEST")
                .baseUrl(URI.create(server.baseUrl()))
                .options(NhsClientOptions.builder()
                        .sleeper(sleeper)
                        .circuitBreaker(CircuitBreakerOptions.disabled())
                        .build())
                .auth(auth)
                .replayOnConnectionFailure(replay)
                .build();
        // a first call leaves a pooled connection, which the reset then breaks (OkHttp's replay
        // case: a pooled connection that turns out to be dead)
        client.execute(NhsRequest.builder("POST", "/warm-up")
                        .idempotency(Idempotency.KEYED)
                        .build())
                .close();
        signatures.set(0);
        return client.execute(NhsRequest.builder("POST", "/chunk")
                .idempotency(Idempotency.KEYED)
                .body(NhsRequestBody.ofString("chunk", "application/octet-stream"))
                .build());
    }

    @Test
    void withoutReplayTheResetIsARetryWithFreshCredentials() {
        NhsResponse r = send(false);

        assertThat(r.status()).isEqualTo(202);
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(sleeper.sleeps()).hasSize(1);
        assertThat(sent()).extracting(q -> q.getHeader("Authorization")).containsExactly("token-1", "token-2");
    }

    @Test
    void byDefaultTheHttpLayerResendsTheSameRequestWithinOneAttempt() {
        NhsResponse r = send(true);

        assertThat(r.status()).isEqualTo(202);
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(sent()).extracting(q -> q.getHeader("Authorization")).containsExactly("token-1", "token-1");
    }

    @Test
    void evenWithReplayOnTheHttpLayerNeverResendsANoneRequestOrABodyThatCannotBeReplayed() {
        NhsHttpClient client = NhsHttpClient.builder()
                .serviceName("TEST")
                .baseUrl(URI.create(server.baseUrl()))
                .options(NhsClientOptions.builder()
                        .sleeper(sleeper)
                        .circuitBreaker(CircuitBreakerOptions.disabled())
                        .build())
                .auth(auth)
                .replayOnConnectionFailure(true)
                .build();
        NhsRequest none = NhsRequest.builder("POST", "/chunk")
                .idempotency(Idempotency.NONE)
                .body(NhsRequestBody.ofString("chunk", "application/octet-stream"))
                .build();
        NhsRequest oneShot = NhsRequest.builder("POST", "/chunk")
                .idempotency(Idempotency.KEYED)
                .body(NhsRequestBody.ofStream(
                        () -> new java.io.ByteArrayInputStream(new byte[5]), 5, "application/octet-stream", false))
                .build();

        for (NhsRequest request : List.of(none, oneShot)) {
            resetOnceThenAccept();
            client.execute(NhsRequest.builder("POST", "/warm-up")
                            .idempotency(Idempotency.KEYED)
                            .build())
                    .close();

            NhsTransportException e = catchThrowableOfType(NhsTransportException.class, () -> client.execute(request));

            assertThat(e).as(request.idempotency().name()).isNotNull();
            assertThat(e.outcomeUnknown()).isTrue();
            assertThat(sent()).as(request.idempotency().name()).hasSize(1);
        }
    }

    private static List<LoggedRequest> sent() {
        return server.findAll(postRequestedFor(urlPathEqualTo("/chunk")));
    }
}
