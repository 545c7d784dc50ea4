package uk.nhs.sdk.core.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.CallOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.NhsTimeoutException;
import uk.nhs.sdk.core.error.ServerErrorException;
import uk.nhs.sdk.core.http.NhsHttpClient;
import uk.nhs.sdk.core.http.NhsHttpTransport;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.core.testing.CapturingAppender;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingAuthRequest;
import uk.nhs.sdk.core.testing.RecordingSleeper;

/**
 * SignedJwtAuth's token cache against a WireMock token endpoint, with real threads (DESIGN.md §3
 * "Tokens"): single flight, early refresh, cooldown, 401 bursts, and what close releases.
 */
class SignedJwtAuthTokenCacheTest {
    private static final String API_KEY = "cache-test-api-key-0123";
    private static final String TOKEN_PATH = "/oauth2/token";
    private static final String TOKEN_BODY = "{\"access_token\":\"%s\",\"expires_in\":\"599\","
            + "\"token_type\":\"Bearer\",\"issued_at\":\"1650000000000\"}";
    private static final int CALLERS = 8;
    private static WireMockServer server;
    private static RSAPrivateKey key;

    private MutableClock clock;

    @BeforeAll
    static void start() throws Exception {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        key = (RSAPrivateKey) g.generateKeyPair().getPrivate();
        LogGuard.forbid(API_KEY);
        LogGuard.forbid("tok-CCC333");
        LogGuard.forbid("tok-DDD444");
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
        tokenEndpointAnswers("tok-CCC333", 0);
    }

    private static void tokenEndpointAnswers(String token, int delayMillis) {
        server.stubFor(post(urlPathEqualTo(TOKEN_PATH))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withFixedDelay(delayMillis)
                        .withHeader("Content-Type", "application/json")
                        .withBody(String.format(TOKEN_BODY, token))));
    }

    private static void tokenEndpointFails(int delayMillis) {
        server.stubFor(post(urlPathEqualTo(TOKEN_PATH))
                .willReturn(aResponse()
                        .withStatus(503)
                        .withFixedDelay(delayMillis)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"temporarily_unavailable\",\"message_id\":\"m-1\"}")));
    }

    private static int tokenRequests() {
        return server.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH))).size();
    }

    private NhsClientOptions options() {
        return NhsClientOptions.builder()
                .clock(clock)
                .sleeper(new RecordingSleeper())
                .retry(RetryOptions.builder().maxAttempts(3).build())
                .build();
    }

    private SignedJwtAuth.Builder builder() {
        return SignedJwtAuth.builder()
                .apiKey(Secret.of(API_KEY))
                .keyId("test-1")
                .privateKey(key)
                .tokenUrl(URI.create(server.baseUrl() + TOKEN_PATH))
                .options(options());
    }

    /** Runs the task on {@code n} real threads released together by a start gate; returns each result or failure. */
    private static List<Object> together(int n, java.util.concurrent.Callable<Object> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        return task.call();
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Object> out = new ArrayList<>();
            for (Future<Object> f : futures) {
                out.add(f.get(30, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eightCallersAgainstAFailingTokenEndpointCauseOneFetchWithItsOwnRetriesNotOneEach() throws Exception {
        tokenEndpointFails(100);
        try (SignedJwtAuth auth = builder().build()) {
            List<Object> results = together(CALLERS, () -> auth.accessToken());

            assertThat(results)
                    .hasSize(CALLERS)
                    .allSatisfy(r -> assertThat(r).isInstanceOf(ServerErrorException.class));
            assertThat(tokenRequests()).isEqualTo(3); // one fetch of 3 attempts
            assertThat(((ServerErrorException) results.get(0)).getMessage())
                    .doesNotContain(API_KEY)
                    .doesNotContain("client_assertion");

            // within the 30 s cooldown: the failure again, without a request
            clock.advance(Duration.ofSeconds(29));
            assertThatThrownBy(auth::accessToken).isInstanceOf(ServerErrorException.class);
            assertThat(tokenRequests()).isEqualTo(3);

            // after it: one new single-flight fetch
            clock.advance(Duration.ofSeconds(1));
            tokenEndpointAnswers("tok-CCC333", 100);
            results = together(CALLERS, () -> auth.accessToken().reveal());
            assertThat(results).containsOnly("tok-CCC333");
            assertThat(tokenRequests()).isEqualTo(4);
        }
    }

    @Test
    void aFailedEarlyRefreshKeepsServingTheValidTokenAndDoesNotHammerTheEndpoint() {
        try (SignedJwtAuth auth = builder().build()) {
            assertThat(auth.accessToken().reveal()).isEqualTo("tok-CCC333");
            tokenEndpointFails(0);

            clock.advance(Duration.ofSeconds(540)); // inside the 60 s refresh margin
            assertThat(auth.accessToken().reveal()).isEqualTo("tok-CCC333");
            assertThat(tokenRequests()).isEqualTo(1 + 3);
            assertThat(CapturingAppender.lines())
                    .anyMatch(l -> l.contains(" DEBUG ")
                            && l.contains("early token refresh failed")
                            && l.contains("ServerErrorException"));

            clock.advance(Duration.ofSeconds(20)); // cooling down
            assertThat(auth.accessToken().reveal()).isEqualTo("tok-CCC333");
            assertThat(tokenRequests()).isEqualTo(4);

            clock.advance(Duration.ofSeconds(11)); // 571 s: cooldown over, one more try
            assertThat(auth.accessToken().reveal()).isEqualTo("tok-CCC333");
            assertThat(tokenRequests()).isEqualTo(7);

            clock.advance(Duration.ofSeconds(29)); // 600 s: expired, and the last failure is 29 s old
            assertThatThrownBy(auth::accessToken).isInstanceOf(ServerErrorException.class);
            assertThat(tokenRequests()).isEqualTo(7);

            clock.advance(Duration.ofSeconds(1)); // cooldown over: a new token
            tokenEndpointAnswers("tok-DDD444", 0);
            assertThat(auth.accessToken().reveal()).isEqualTo("tok-DDD444");
            assertThat(tokenRequests()).isEqualTo(8);
        }
    }

    /** An attempt of a call to the API, as the pipeline hands it to the provider. */
    private static class Attempt extends RecordingAuthRequest {
        Attempt() {
            super(URI.create("https://api.example.test/thing"));
        }
    }

    @Test
    void aCallerStuckInsideAuthenticateHoldsUpNoOtherCaller() throws Exception {
        try (SignedJwtAuth auth = builder().build()) {
            auth.accessToken();
            CountDownLatch release = new CountDownLatch(1);
            Attempt stuck = new Attempt() {
                @Override
                public int hashCode() { // anything the provider does with the attempt blocks here
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return 1;
                }

                @Override
                public boolean equals(Object o) {
                    return this == o;
                }
            };
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<?> first = pool.submit(() -> auth.authenticate(stuck));
                Thread.sleep(200); // let the first caller get inside authenticate
                Attempt other = new Attempt();

                Future<?> second = pool.submit(() -> auth.authenticate(other));

                second.get(2, TimeUnit.SECONDS);
                assertThat(other.headers).containsEntry("Authorization", "Bearer tok-CCC333");
                release.countDown();
                first.get(10, TimeUnit.SECONDS);
            } finally {
                release.countDown();
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aBurstOf401sForTheSameStaleTokenCausesOneRefresh() {
        try (SignedJwtAuth auth = builder().build()) {
            List<Attempt> refused = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                Attempt a = new Attempt();
                auth.authenticate(a);
                refused.add(a);
            }
            tokenEndpointAnswers("tok-DDD444", 0);

            for (Attempt a : refused) { // each refused caller refreshes, then retries
                assertThat(auth.refreshAfterUnauthorized(a)).isTrue();
                Attempt retry = new Attempt();
                auth.authenticate(retry);
                assertThat(retry.headers).containsEntry("Authorization", "Bearer tok-DDD444");
            }

            assertThat(tokenRequests()).isEqualTo(2);
        }
    }

    @Test
    void concurrentCallsRefusedWithTheSameTokenShareOneRefresh() throws Exception {
        server.stubFor(get(urlPathEqualTo("/api/thing"))
                .withHeader("Authorization", equalTo("Bearer tok-CCC333"))
                .willReturn(aResponse().withStatus(401)));
        server.stubFor(get(urlPathEqualTo("/api/thing"))
                .withHeader("Authorization", equalTo("Bearer tok-DDD444"))
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        try (SignedJwtAuth auth = builder().build()) {
            auth.accessToken();
            tokenEndpointAnswers("tok-DDD444", 100);
            NhsHttpClient api = NhsHttpClient.builder()
                    .serviceName("API")
                    .baseUrl(URI.create(server.baseUrl() + "/api"))
                    .options(options())
                    .auth(auth)
                    .build();

            List<Object> statuses = together(CALLERS, () -> {
                try (NhsResponse r =
                        api.execute(NhsRequest.builder("GET", "/thing").build())) {
                    return r.status();
                }
            });

            assertThat(statuses).containsOnly(200);
            assertThat(tokenRequests()).isEqualTo(2);
        }
    }

    @Test
    void aCallWaitingForAnotherThreadsTokenRequestWaitsNoLongerThanItsOwnDeadline() throws Exception {
        tokenEndpointAnswers("tok-CCC333", 3_000);
        server.stubFor(get(urlPathEqualTo("/api/thing"))
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        try (SignedJwtAuth auth = builder().build()) { // the token client's own deadline: 2 minutes
            NhsHttpClient api = NhsHttpClient.builder()
                    .serviceName("API")
                    .baseUrl(URI.create(server.baseUrl() + "/api"))
                    .options(options())
                    .auth(auth)
                    .build()
                    .withCallOptions(CallOptions.builder()
                            .deadline(Duration.ofMillis(300))
                            .build());
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<Secret> fetcher = pool.submit(auth::accessToken); // a token request taking 3 s
                Thread.sleep(300);

                long start = System.nanoTime();
                NhsTimeoutException e = catchThrowableOfType(
                        NhsTimeoutException.class,
                        () -> api.execute(NhsRequest.builder("GET", "/thing").build()));
                long waitedMs = (System.nanoTime() - start) / 1_000_000;

                assertThat(e).isNotNull();
                assertThat(e.getMessage()).contains("token");
                assertThat(waitedMs).isLessThan(2_000);
                assertThat(fetcher.get(10, TimeUnit.SECONDS).reveal()).isEqualTo("tok-CCC333");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void closeReleasesTheTransportItCreated() {
        SignedJwtAuth auth = builder().build();
        auth.accessToken();
        NhsHttpTransport own = auth.ownedTransport().orElseThrow();
        assertThat(own.toString()).contains("connections=1");

        auth.close();

        assertThat(own.toString()).contains("connections=0");
        assertThatThrownBy(auth::accessToken)
                .isInstanceOf(NhsSdkException.class)
                .hasMessageContaining("closed");
        auth.close(); // idempotent
    }

    @Test
    void closeLeavesAGivenTransportOpenForItsOtherClients() {
        server.stubFor(get(urlPathEqualTo("/api/ping"))
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        try (NhsHttpTransport shared = NhsHttpTransport.create(options())) {
            SignedJwtAuth auth = builder().transport(shared).build();
            assertThat(auth.ownedTransport()).isEmpty();
            auth.accessToken();

            auth.close();

            assertThat(shared.toString()).contains("connections=1"); // its pooled connection survives
            NhsHttpClient other = NhsHttpClient.builder()
                    .serviceName("API")
                    .baseUrl(URI.create(server.baseUrl() + "/api"))
                    .options(options())
                    .transport(shared)
                    .build();
            try (NhsResponse r =
                    other.execute(NhsRequest.builder("GET", "/ping").build())) {
                assertThat(r.status()).isEqualTo(200);
            }
            assertThat(shared.toString()).contains("connections=1"); // the same connection, reused
        }
    }

    @Test
    void noTokenOrKeyInToString() {
        try (SignedJwtAuth auth = builder().build()) {
            auth.accessToken();
            assertThat(auth.toString())
                    .doesNotContain("tok-CCC333")
                    .doesNotContain(API_KEY)
                    .doesNotContain("BEGIN");
        }
    }
}
