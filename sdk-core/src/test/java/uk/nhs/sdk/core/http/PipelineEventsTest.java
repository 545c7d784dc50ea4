package uk.nhs.sdk.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.RateLimitOptions;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.AuthProvider;
import uk.nhs.sdk.core.auth.RefreshingTokenAuth;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.error.NhsServiceUnavailableException;

/** What {@link PipelineEvents} listeners are told, through the public API only. */
class PipelineEventsTest extends WireMockTestBase {
    final List<String> events = new CopyOnWriteArrayList<>();

    final PipelineEvents recorder = new PipelineEvents() {
        @Override
        public void retryScheduled(PipelineCall call, int nextAttempt, Duration wait) {
            events.add("retry " + call.service() + " " + call.request().pathTemplate() + " after attempt "
                    + call.attempt() + " -> " + nextAttempt + " in " + wait.toMillis() + "ms");
        }

        @Override
        public void rateLimited(PipelineCall call, Duration wait, boolean granted) {
            events.add("rate-limited " + call.service() + " granted=" + granted);
        }

        @Override
        public void circuitBreakerStateChanged(String service, String from, String to) {
            events.add("breaker " + service + " " + from + "->" + to);
        }

        @Override
        public void tokenFetched(String service, String provider, boolean success, Duration took) {
            events.add("token " + service + " " + provider + " success=" + success);
        }
    };

    private NhsHttpClient client(NhsClientOptions.Builder options, AuthProvider auth) {
        return NhsHttpClient.builder()
                .serviceName("TEST")
                .baseUrl(URI.create(server.baseUrl() + "/api"))
                .auth(auth)
                .options(options.clock(clock).sleeper(sleeper).build())
                .build();
    }

    private NhsHttpClient client(NhsClientOptions.Builder options) {
        return client(options, AuthProvider.none());
    }

    @Test
    void aRetryIsReportedWithTheAttemptToComeAndItsWait() {
        server.stubFor(get(urlPathEqualTo("/api/thing"))
                .inScenario("s")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "2"))
                .willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo("/api/thing"))
                .inScenario("s")
                .whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("{}")));

        client(NhsClientOptions.builder().addEvents(recorder))
                .execute(NhsRequest.builder("GET", "/thing").build());

        assertThat(events).containsExactly("retry TEST /thing after attempt 1 -> 2 in 2000ms");
    }

    @Test
    void aWaitForARateLimitPermitIsReportedAndACallWithoutWaitIsNot() {
        server.stubFor(get(urlPathEqualTo("/api/thing"))
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        NhsHttpClient c = client(NhsClientOptions.builder()
                .addEvents(recorder)
                .rateLimit(RateLimitOptions.perSecond(1, Duration.ofSeconds(5))));

        c.execute(NhsRequest.builder("GET", "/thing").build());
        assertThat(events).isEmpty();
        c.execute(NhsRequest.builder("GET", "/thing").build());
        assertThat(events).containsExactly("rate-limited TEST granted=true");
    }

    @Test
    void circuitBreakerTransitionsAreReportedWithFixedStateNames() {
        server.stubFor(get(urlPathEqualTo("/api/down")).willReturn(aResponse().withStatus(500)));
        NhsHttpClient c = client(NhsClientOptions.builder()
                .addEvents(recorder)
                .retry(RetryOptions.none())
                .circuitBreaker(CircuitBreakerOptions.of(50f, 2, 2, Duration.ofSeconds(30))));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(
                            () -> c.execute(NhsRequest.builder("GET", "/down").build()))
                    .isInstanceOf(NhsServiceException.class);
        }
        assertThatThrownBy(() -> c.execute(NhsRequest.builder("GET", "/down").build()))
                .isInstanceOf(NhsServiceUnavailableException.class);
        assertThat(events).containsExactly("breaker TEST closed->open");
    }

    @Test
    void aTokenFetchIsReportedOnceByTheCallThatRanIt() {
        server.stubFor(get(urlPathEqualTo("/api/thing"))
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        AtomicInteger fetches = new AtomicInteger();
        RefreshingTokenAuth auth = RefreshingTokenAuth.builder(
                        "test token",
                        () -> RefreshingTokenAuth.Token.of(
                                Secret.of("t" + fetches.incrementAndGet()), clock.instant(), Duration.ofMinutes(10)))
                .clock(clock)
                .build();
        NhsHttpClient c = client(NhsClientOptions.builder().addEvents(recorder), auth);

        c.execute(NhsRequest.builder("GET", "/thing").build());
        c.execute(NhsRequest.builder("GET", "/thing").build());

        assertThat(events).containsExactly("token TEST test token success=true");
        assertThat(fetches).hasValue(1);
    }

    @Test
    void aListenerThatThrowsNeverFailsTheCallAndTheOthersAreStillTold() {
        server.stubFor(get(urlPathEqualTo("/api/thing"))
                .inScenario("s")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo("/api/thing"))
                .inScenario("s")
                .whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        PipelineEvents broken = new PipelineEvents() {
            @Override
            public void retryScheduled(PipelineCall call, int nextAttempt, Duration wait) {
                throw new IllegalStateException("listener bug");
            }
        };

        NhsResponse r = client(NhsClientOptions.builder().addEvents(broken).addEvents(recorder))
                .execute(NhsRequest.builder("GET", "/thing").build());

        assertThat(r.status()).isEqualTo(200);
        assertThat(events).hasSize(1).first().asString().startsWith("retry TEST /thing");
    }

    @Test
    void policiesSeeTheServerButNeverThePath() {
        server.stubFor(get(urlPathEqualTo("/api/Patient/9000000009"))
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        List<String> seen = new CopyOnWriteArrayList<>();
        client(NhsClientOptions.builder().addPolicy(PipelinePosition.PER_ATTEMPT, (call, next) -> {
                    seen.add(call.serverScheme() + " " + call.serverAddress() + " " + call.serverPort() + " "
                            + call.request().pathTemplate());
                    return next.process();
                }))
                .execute(NhsRequest.builder("GET", "/Patient/{id}")
                        .pathParam("id", "9000000009")
                        .build());

        assertThat(seen)
                .containsExactly(
                        "http " + URI.create(server.baseUrl()).getHost() + " " + server.port() + " /Patient/{id}");
    }

    @Test
    void theOptionsKeepTheirListenersInOrderThroughToBuilder() {
        PipelineEvents other = new PipelineEvents() {};
        NhsClientOptions o =
                NhsClientOptions.builder().addEvents(recorder).addEvents(other).build();
        assertThat(o.events()).containsExactly(recorder, other);
        assertThat(o.toBuilder().build().events()).containsExactly(recorder, other);
        assertThat(PipelineEvents.none()).isNotNull();
    }
}
