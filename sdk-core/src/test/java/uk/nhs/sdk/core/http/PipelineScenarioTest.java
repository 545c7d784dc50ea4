package uk.nhs.sdk.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.auth.AuthProvider;
import uk.nhs.sdk.core.auth.AuthRequest;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsServiceUnavailableException;
import uk.nhs.sdk.core.error.NhsTimeoutException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.error.RateLimitedException;
import uk.nhs.sdk.core.error.ResourceNotFoundException;
import uk.nhs.sdk.core.error.ServerErrorException;
import uk.nhs.sdk.core.fhir.OperationOutcome;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingSleeper;

/** The pipeline against a real HTTP server (WireMock), one scenario per rule of DESIGN.md §3. */
class PipelineScenarioTest {
    private static final String OK_JSON = "{\"resourceType\":\"OperationOutcome\",\"issue\":[]}";
    private static WireMockServer server;

    private RecordingSleeper sleeper;
    private MutableClock clock;

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
    void reset() {
        server.resetAll();
        clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
        sleeper = new RecordingSleeper(clock);
    }

    private NhsHttpClient client(NhsClientOptions.Builder options, AuthProvider auth) {
        return NhsHttpClient.builder()
                .serviceName("TEST")
                .baseUrl(URI.create(server.baseUrl() + "/api/R4"))
                .options(options.clock(clock)
                        .sleeper(sleeper)
                        .circuitBreaker(CircuitBreakerOptions.disabled())
                        .build())
                .auth(auth)
                .build();
    }

    private NhsHttpClient client() {
        return client(NhsClientOptions.builder(), AuthProvider.none());
    }

    private static NhsRequest request(String path) {
        return NhsRequest.builder("GET", path).build();
    }

    private void sequence(String path, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... responses) {
        String state = Scenario.STARTED;
        for (int i = 0; i < responses.length; i++) {
            String next = i == responses.length - 1 ? "done" : "step" + (i + 1);
            server.stubFor(get(urlPathEqualTo(path))
                    .inScenario(path)
                    .whenScenarioStateIs(state)
                    .willReturn(responses[i])
                    .willSetStateTo(next));
            state = next;
        }
    }

    @Test
    void honoursRetryAfterSecondsThenSucceeds() {
        sequence(
                "/api/R4/thing",
                aResponse().withStatus(429).withHeader("Retry-After", "1"),
                aResponse().withStatus(200).withBody(OK_JSON));

        try (NhsResponse r = client().execute(request("/thing"))) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.attempts()).isEqualTo(2);
        }
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void honoursRetryAfterAsAnHttpDate() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                clock.instant().plusSeconds(3).atOffset(ZoneOffset.UTC));
        sequence(
                "/api/R4/thing",
                aResponse().withStatus(503).withHeader("Retry-After", date),
                aResponse().withStatus(200).withBody(OK_JSON));

        client().execute(request("/thing"));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void usesExponentialBackoffWithJitterWithoutRetryAfter() {
        sequence(
                "/api/R4/thing",
                aResponse().withStatus(429),
                aResponse().withStatus(429),
                aResponse().withStatus(200).withBody(OK_JSON));

        NhsResponse r = client().execute(request("/thing"));

        assertThat(r.attempts()).isEqualTo(3);
        List<Duration> s = sleeper.sleeps();
        assertThat(s).hasSize(2);
        assertThat(s.get(0)).isBetween(Duration.ofMillis(375), Duration.ofMillis(500));
        assertThat(s.get(1)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1000));
    }

    @Test
    void a503ThreeTimesExhaustsRetriesWithATypedError() {
        server.stubFor(get(urlPathEqualTo("/api/R4/thing"))
                .willReturn(aResponse()
                        .withStatus(503)
                        .withHeader("Content-Type", "application/fhir+json")
                        .withBody("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                                + "\"code\":\"transient\",\"details\":{\"coding\":[{\"code\":\"SERVICE_UNAVAILABLE\"}]},"
                                + "\"diagnostics\":\"patient 9000000009 lookup failed\"}]}")));

        ServerErrorException e =
                catchThrowableOfType(ServerErrorException.class, () -> client().execute(request("/thing")));

        assertThat(e.status()).isEqualTo(503);
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.errorCode()).contains("SERVICE_UNAVAILABLE");
        assertThat(e.requestId()).isPresent();
        assertThat(e.getMessage())
                .contains("TEST 503 SERVICE_UNAVAILABLE")
                .doesNotContain("9000000009")
                .doesNotContain("diagnostics");
        assertThat(e.operationOutcome())
                .map(OperationOutcome::toString)
                .get()
                .asString()
                .doesNotContain("9000000009");
        server.verify(3, getRequestedFor(urlPathEqualTo("/api/R4/thing")));
    }

    @Test
    void aRetryAfterBeyondTheCapFailsAtOnceWithTheWait() {
        server.stubFor(get(urlPathEqualTo("/api/R4/thing"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

        RateLimitedException e =
                catchThrowableOfType(RateLimitedException.class, () -> client().execute(request("/thing")));

        assertThat(e.retryAfter()).contains(Duration.ofHours(1));
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void notFoundIsNotRetried() {
        server.stubFor(
                get(urlPathEqualTo("/api/R4/thing")).willReturn(aResponse().withStatus(404)));

        assertThatThrownBy(() -> client().execute(request("/thing"))).isInstanceOf(ResourceNotFoundException.class);
        server.verify(1, getRequestedFor(urlPathEqualTo("/api/R4/thing")));
    }

    @Test
    void theSameRequestIdIsSentOnEveryAttempt() {
        sequence(
                "/api/R4/thing",
                aResponse().withStatus(502),
                aResponse().withStatus(504),
                aResponse().withStatus(200).withBody(OK_JSON));

        NhsResponse r = client().execute(request("/thing"));

        List<LoggedRequest> requests = server.findAll(getRequestedFor(urlPathEqualTo("/api/R4/thing")));
        assertThat(requests).hasSize(3);
        assertThat(requests).extracting(q -> q.getHeader("X-Request-ID")).containsOnly(r.requestId());
        assertThat(r.requestId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(requests.get(0).getHeader("User-Agent")).startsWith("nhs-sdk-java/");
    }

    @Test
    void sendsCorrelationIdAndApplicationIdWhenGiven() {
        server.stubFor(
                get(urlPathEqualTo("/api/R4/thing")).willReturn(aResponse().withBody(OK_JSON)));
        NhsHttpClient c = client(NhsClientOptions.builder().applicationId("my-app"), AuthProvider.none());

        c.execute(NhsRequest.builder("GET", "/thing").correlationId("corr-1").build());

        LoggedRequest q =
                server.findAll(getRequestedFor(urlPathEqualTo("/api/R4/thing"))).get(0);
        assertThat(q.getHeader("X-Correlation-ID")).isEqualTo("corr-1");
        assertThat(q.getHeader("User-Agent")).endsWith(" my-app");
    }

    @Test
    void aConnectionResetOnASafeCallIsRetried() {
        sequence(
                "/api/R4/thing",
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                aResponse().withStatus(200).withBody(OK_JSON));

        NhsResponse r = client().execute(request("/thing"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.attempts()).isEqualTo(2);
    }

    @Test
    void aConnectionResetAfterANoneBodyWasSentIsNotRetriedAndTheOutcomeIsUnknown() {
        server.stubFor(
                post(urlPathEqualTo("/api/R4/send")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        NhsRequest send = NhsRequest.builder("POST", "/send")
                .body(NhsRequestBody.ofString("payload", "application/octet-stream"))
                .idempotency(Idempotency.NONE)
                .reconcileId("local-42")
                .build();

        NhsTransportException e = catchThrowableOfType(NhsTransportException.class, () -> client().execute(send));

        assertThat(e.outcomeUnknown()).isTrue();
        assertThat(e.reconcileId()).contains("local-42");
        assertThat(e.attempts()).isEqualTo(1);
        server.verify(1, postRequestedFor(urlPathEqualTo("/api/R4/send")));
    }

    @Test
    void aServerErrorOnANoneCallIsNotRetried() {
        server.stubFor(
                post(urlPathEqualTo("/api/R4/send")).willReturn(aResponse().withStatus(503)));
        NhsRequest send = NhsRequest.builder("POST", "/send")
                .body(NhsRequestBody.ofString("payload", "text/plain"))
                .idempotency(Idempotency.NONE)
                .build();

        assertThatThrownBy(() -> client().execute(send)).isInstanceOf(ServerErrorException.class);
        server.verify(1, postRequestedFor(urlPathEqualTo("/api/R4/send")));
    }

    @Test
    void aKeyedCallIsRetriedWithTheSameKey() {
        server.stubFor(post(urlPathEqualTo("/api/R4/patch"))
                .inScenario("k")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "2"))
                .willSetStateTo("ok"));
        server.stubFor(post(urlPathEqualTo("/api/R4/patch"))
                .inScenario("k")
                .whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody(OK_JSON)));
        NhsRequest patch = NhsRequest.builder("POST", "/patch")
                .body(NhsRequestBody.ofJson("{}", "application/json"))
                .idempotency(Idempotency.KEYED)
                .build();

        client().execute(patch);

        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlPathEqualTo("/api/R4/patch")));
        assertThat(requests)
                .hasSize(2)
                .extracting(q -> q.getHeader("X-Request-ID"))
                .containsOnly(patch.requestId());
        assertThat(requests).extracting(LoggedRequest::getBodyAsString).containsOnly("{}");
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void aSlowBodyBeyondTheAttemptTimeoutTimesOut() {
        server.stubFor(get(urlPathEqualTo("/api/R4/slow"))
                .willReturn(aResponse().withStatus(200).withBody(OK_JSON).withChunkedDribbleDelay(5, 2000)));
        NhsHttpClient c = client(
                NhsClientOptions.builder()
                        .attemptTimeout(Duration.ofMillis(300))
                        .retry(RetryOptions.builder().maxAttempts(2).build()),
                AuthProvider.none());

        NhsTimeoutException e = catchThrowableOfType(NhsTimeoutException.class, () -> c.execute(request("/slow")));

        assertThat(e.attempts()).isEqualTo(2);
        assertThat(e.outcomeUnknown()).isFalse();
        assertThat(sleeper.sleeps()).hasSize(1);
    }

    @Test
    void malformedJsonOnA200IsADecodeException() {
        server.stubFor(get(urlPathEqualTo("/api/R4/thing"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/fhir+json")
                        .withBody("{\"resourceType\": \"Patient\", ")));

        NhsResponse r = client().execute(request("/thing"));

        assertThatThrownBy(() -> r.decodeJson(OperationOutcome.class))
                .isInstanceOf(NhsDecodeException.class)
                .hasMessageContaining("X-Request-ID=" + r.requestId());
    }

    @Test
    void a401RefreshesTheCredentialsOnceAndRetriesOnce() {
        server.stubFor(get(urlPathEqualTo("/api/R4/thing"))
                .withHeader("Authorization", matching("Bearer t1"))
                .willReturn(aResponse().withStatus(401)));
        server.stubFor(get(urlPathEqualTo("/api/R4/thing"))
                .withHeader("Authorization", matching("Bearer t2"))
                .willReturn(aResponse().withStatus(200).withBody(OK_JSON)));
        AtomicInteger refreshes = new AtomicInteger();
        AuthProvider auth = new AuthProvider() {
            @Override
            public void authenticate(AuthRequest request) {
                request.header("Authorization", "Bearer t" + (refreshes.get() + 1));
            }

            @Override
            public boolean refreshAfterUnauthorized(AuthRequest request) {
                refreshes.incrementAndGet();
                return true;
            }
        };

        NhsResponse r = client(NhsClientOptions.builder(), auth).execute(request("/thing"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(refreshes.get()).isEqualTo(1);
        server.verify(2, getRequestedFor(urlPathEqualTo("/api/R4/thing")));
    }

    @Test
    void a401AfterTheRefreshIsFinal() {
        server.stubFor(
                get(urlPathEqualTo("/api/R4/thing")).willReturn(aResponse().withStatus(401)));
        AtomicInteger refreshes = new AtomicInteger();
        AuthProvider auth = new AuthProvider() {
            @Override
            public void authenticate(AuthRequest request) {
                request.header("Authorization", "Bearer token");
            }

            @Override
            public boolean refreshAfterUnauthorized(AuthRequest request) {
                refreshes.incrementAndGet();
                return true;
            }
        };

        assertThatThrownBy(() -> client(NhsClientOptions.builder(), auth).execute(request("/thing")))
                .isInstanceOf(uk.nhs.sdk.core.error.UnauthorizedException.class);
        assertThat(refreshes.get()).isEqualTo(1);
        server.verify(2, getRequestedFor(urlPathEqualTo("/api/R4/thing")));
    }

    @Test
    void pathParametersAreEncodedAndQueryValuesSent() {
        server.stubFor(get(urlPathEqualTo("/api/R4/Patient/a%20b"))
                .willReturn(aResponse().withBody(OK_JSON)));

        client().execute(NhsRequest.builder("GET", "/Patient/{id}")
                .pathParam("id", "a b")
                .query("family", "Smith")
                .query("given", "Jane")
                .query("given", "Ann")
                .build());

        LoggedRequest q = server.findAll(getRequestedFor(urlPathEqualTo("/api/R4/Patient/a%20b")))
                .get(0);
        assertThat(q.getUrl()).isEqualTo("/api/R4/Patient/a%20b?family=Smith&given=Jane&given=Ann");
    }

    @Test
    void queryValuesAreStrictlyPercentEncodedSoAWildcardIsPercent2A() {
        server.stubFor(
                get(urlPathEqualTo("/api/R4/Patient")).willReturn(aResponse().withBody(OK_JSON)));

        client().execute(NhsRequest.builder("GET", "/Patient")
                .query("family", "Sm*")
                .query("given", "John Paul")
                .query("birthdate", "ge2010-01-01")
                .query("x", "a+b&c=é")
                .build());

        LoggedRequest q = server.findAll(getRequestedFor(urlPathEqualTo("/api/R4/Patient")))
                .get(0);
        assertThat(q.getUrl())
                .isEqualTo(
                        "/api/R4/Patient?family=Sm%2A&given=John%20Paul&birthdate=ge2010-01-01&x=a%2Bb%26c%3D%C3%A9");
    }

    @Test
    void theCircuitOpensAfterServerFailuresAndIgnores4xx() {
        server.stubFor(
                get(urlPathEqualTo("/api/R4/missing")).willReturn(aResponse().withStatus(404)));
        server.stubFor(
                get(urlPathEqualTo("/api/R4/broken")).willReturn(aResponse().withStatus(500)));
        NhsHttpClient c = NhsHttpClient.builder()
                .serviceName("TEST")
                .baseUrl(URI.create(server.baseUrl() + "/api/R4"))
                .options(NhsClientOptions.builder()
                        .clock(clock)
                        .sleeper(sleeper)
                        .retry(RetryOptions.none())
                        .circuitBreaker(CircuitBreakerOptions.of(50, 4, 4, Duration.ofMinutes(1)))
                        .build())
                .build();

        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> c.execute(request("/missing"))).isInstanceOf(ResourceNotFoundException.class);
        }
        // the four 404s count as successes: two 500s make the last four calls 50% failures
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> c.execute(request("/broken"))).isInstanceOf(ServerErrorException.class);
        }
        assertThatThrownBy(() -> c.execute(request("/broken"))).isInstanceOf(NhsServiceUnavailableException.class);
        server.verify(2, getRequestedFor(urlPathEqualTo("/api/R4/broken")));
    }

    @Test
    void logsOneDebugLinePerAttemptWithThePathTemplateAndNoValues() {
        sequence(
                "/api/R4/Patient/9000000009",
                aResponse().withStatus(503),
                aResponse().withStatus(200).withHeader("ETag", "W/\"2\"").withBody(OK_JSON));
        uk.nhs.sdk.core.testing.CapturingAppender.clear();

        client().execute(NhsRequest.builder("GET", "/Patient/{id}")
                .pathParam("id", "9000000009")
                .query("family", "Smith")
                .build());

        List<String> lines = uk.nhs.sdk.core.testing.CapturingAppender.lines().stream()
                .filter(l -> l.startsWith("uk.nhs.sdk.http DEBUG") && l.contains(" -> "))
                .toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0))
                .contains("TEST GET /Patient/{id}?family=*** -> 503")
                .contains("attempt 1/3");
        assertThat(lines.get(1)).contains("-> 200").contains("attempt 2/3");
        assertThat(uk.nhs.sdk.core.testing.CapturingAppender.lines())
                .noneMatch(l -> l.contains("Smith"))
                .anyMatch(l -> l.contains("etag=W/\"2"));
    }

    @Test
    void aWaitBeyondTheDeadlineEndsTheCallWithTheLastResponse() {
        server.stubFor(get(urlPathEqualTo("/api/R4/thing"))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "50")));
        NhsHttpClient c = client(NhsClientOptions.builder().deadline(Duration.ofSeconds(30)), AuthProvider.none());

        ServerErrorException e = catchThrowableOfType(ServerErrorException.class, () -> c.execute(request("/thing")));

        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(50));
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void theClientSideRateLimitRefusesWhenNoPermitComesInTime() {
        server.stubFor(
                get(urlPathEqualTo("/api/R4/thing")).willReturn(aResponse().withBody(OK_JSON)));
        NhsHttpClient c = client(
                NhsClientOptions.builder().rateLimit(uk.nhs.sdk.core.RateLimitOptions.perSecond(1, Duration.ZERO)),
                AuthProvider.none());

        c.execute(request("/thing"));

        assertThatThrownBy(() -> c.execute(request("/thing")))
                .isInstanceOf(NhsServiceUnavailableException.class)
                .hasMessageContaining("rate limit");
        server.verify(1, getRequestedFor(urlPathEqualTo("/api/R4/thing")));
    }

    @Test
    void streamedBodiesAreHandedOverUnread() throws Exception {
        server.stubFor(get(urlPathEqualTo("/api/R4/big")).willReturn(aResponse().withBody(new byte[1 << 20])));

        try (NhsResponse r = client().execute(NhsRequest.builder("GET", "/big")
                .streamingResponse(true)
                .build())) {
            assertThat(r.bodyStream().readAllBytes()).hasSize(1 << 20);
        }
    }
}
