package uk.nhs.sdk.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.ServerErrorException;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingAuthRequest;
import uk.nhs.sdk.core.testing.RecordingSleeper;

/**
 * Issue 12's token-provider figure: 200 threads calling {@link SignedJwtAuth#authenticate} while
 * an injected clock runs through 10 minutes, 5 s per round (every caller calls once a round,
 * released together), against a token endpoint that stamps each request with the injected
 * time. The figure is token requests per token lifetime: 1, at the early-refresh point and at the
 * expiry boundary, with a slow endpoint (the others wait on, or keep serving around, the single
 * fetch) and with one failure (one request, one exception shared by every caller).
 */
class SignedJwtAuthUnderLoadTest {
    private static final int CALLERS = 200;
    private static final Duration STEP = Duration.ofSeconds(5);
    private static final int ROUNDS = 121; // rounds at 0, 5, ..., 600 s: 10 minutes of injected time
    private static final String API_KEY = "load-test-api-key-0123";
    private static final URI API_URL = URI.create("https://api.example/personal-demographics/FHIR/R4/Patient/x");
    private static RSAPrivateKey key;

    private MutableClock clock;
    private TokenEndpoint endpoint;
    private ExecutorService pool;

    @BeforeAll
    static void key() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        key = (RSAPrivateKey) g.generateKeyPair().getPrivate();
    }

    @BeforeEach
    void start() throws IOException {
        clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
        endpoint = new TokenEndpoint(clock);
        pool = Executors.newFixedThreadPool(CALLERS);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        endpoint.close();
    }

    private SignedJwtAuth auth(Duration margin) {
        return SignedJwtAuth.builder()
                .apiKey(Secret.of(API_KEY))
                .keyId("load-1")
                .privateKey(key)
                .tokenUrl(endpoint.url())
                .refreshMargin(margin)
                .options(NhsClientOptions.builder()
                        .clock(clock)
                        .sleeper(new RecordingSleeper())
                        .retry(RetryOptions.none())
                        .build())
                .build();
    }

    /** One round: every caller authenticates once, all released together; each result is a token or an exception. */
    private List<Object> round(SignedJwtAuth auth) throws Exception {
        return round(auth, new AtomicInteger());
    }

    /** As {@link #round(SignedJwtAuth)}, counting each caller that is done in {@code finished}. */
    private List<Object> round(SignedJwtAuth auth, AtomicInteger finished) throws Exception {
        CountDownLatch ready = new CountDownLatch(CALLERS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> futures = new ArrayList<>(CALLERS);
        for (int i = 0; i < CALLERS; i++) {
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                RecordingAuthRequest request = new RecordingAuthRequest(API_URL);
                try {
                    auth.authenticate(request);
                    return request.headers.get("Authorization").substring("Bearer ".length());
                } catch (RuntimeException e) {
                    return e;
                } finally {
                    finished.incrementAndGet();
                }
            }));
        }
        assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        List<Object> out = new ArrayList<>(CALLERS);
        for (Future<Object> f : futures) {
            out.add(f.get(30, TimeUnit.SECONDS));
        }
        return out;
    }

    /** Runs {@link #ROUNDS} rounds, the clock {@link #STEP} on after each; asserts every caller got a token valid then. */
    private void tenMinutes(SignedJwtAuth auth) throws Exception {
        for (int r = 0; r < ROUNDS; r++) {
            Instant now = clock.instant();
            for (Object o : round(auth)) {
                assertThat(o).as("round %d", r).isInstanceOf(String.class);
                assertThat(endpoint.expiryOf((String) o))
                        .as("round %d: a token valid now", r)
                        .isAfter(now);
            }
            clock.advance(STEP);
        }
    }

    /** The most requests that fell within any one span of {@code served} (how long a token is served before refresh). */
    private static int mostRequestsWithin(List<Instant> requests, Duration served) {
        int most = 0;
        for (int i = 0; i < requests.size(); i++) {
            Instant end = requests.get(i).plus(served);
            int n = 0;
            for (int j = i; j < requests.size() && requests.get(j).isBefore(end); j++) {
                n++;
            }
            most = Math.max(most, n);
        }
        return most;
    }

    @ParameterizedTest(name = "expires_in \"{0}\", refresh margin {1} s: {2} requests in 10 minutes")
    @CsvSource({
        "599, 60, 2", // refreshed early (round at 540 s) by one caller, the others served the valid token
        "599, 0, 2", // refreshed at expiry (round at 600 s): one caller fetches, 199 wait on it
        "60, 60, 21", // a short token, refreshed half-way: at 0, 30, ..., 600 s
    })
    void twoHundredCallersOverTenMinutesMakeOneTokenRequestPerLifetime(
            String expiresIn, int marginSeconds, int expected) throws Exception {
        endpoint.expiresIn = expiresIn;
        Duration lifetime = Duration.ofSeconds(Long.parseLong(expiresIn));
        Duration margin = Duration.ofSeconds(marginSeconds);
        Duration served = lifetime.minus(margin.compareTo(lifetime.dividedBy(2)) > 0 ? lifetime.dividedBy(2) : margin);
        try (SignedJwtAuth auth = auth(margin)) {
            tenMinutes(auth);
        }
        List<Instant> requests = endpoint.requests();
        assertThat(requests).hasSize(expected);
        assertThat(mostRequestsWithin(requests, served))
                .as("token requests per lifetime")
                .isEqualTo(1);
        System.out.printf(
                "tokencold: expires_in %s, margin %d s, %d callers x %d rounds: %d token requests, "
                        + "at most %d per lifetime%n",
                expiresIn, marginSeconds, CALLERS, ROUNDS, requests.size(), mostRequestsWithin(requests, served));
    }

    @Test
    void atExpiryWithASlowEndpointTheOtherCallersWaitOnTheOneRequestInFlight() throws Exception {
        try (SignedJwtAuth auth = auth(Duration.ZERO)) {
            round(auth);
            clock.advance(Duration.ofSeconds(599)); // expired: no valid token to serve
            CountDownLatch release = endpoint.holdNext();
            Future<List<Object>> r = Executors.newSingleThreadExecutor().submit(() -> round(auth));
            endpoint.awaitHeld();
            awaitWaitingOnTheFetch(CALLERS - 1);
            assertThat(endpoint.requests())
                    .as("one request in flight for 200 callers")
                    .hasSize(2);
            release.countDown();
            List<Object> results = r.get(30, TimeUnit.SECONDS);
            assertThat(results).allSatisfy(o -> assertThat(o).isEqualTo("tok-2"));
            assertThat(endpoint.requests()).hasSize(2);
        }
    }

    @Test
    void atTheEarlyRefreshWithASlowEndpointNoOtherCallerWaits() throws Exception {
        try (SignedJwtAuth auth = auth(Duration.ofSeconds(60))) {
            round(auth);
            clock.advance(Duration.ofSeconds(539)); // due for refresh, still valid
            CountDownLatch release = endpoint.holdNext();
            AtomicInteger finished = new AtomicInteger();
            Future<List<Object>> r = Executors.newSingleThreadExecutor().submit(() -> round(auth, finished));
            endpoint.awaitHeld();
            // the refreshing caller is held inside the request; the other 199 are served the valid token
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (finished.get() < CALLERS - 1 && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertThat(finished.get())
                    .as("callers done while the refresh is held")
                    .isEqualTo(CALLERS - 1);
            release.countDown();
            List<Object> results = r.get(30, TimeUnit.SECONDS);
            assertThat(results).filteredOn("tok-1"::equals).hasSize(CALLERS - 1);
            assertThat(results).filteredOn("tok-2"::equals).hasSize(1);
            assertThat(endpoint.requests()).hasSize(2);
        }
    }

    @Test
    void aFailureAtExpiryIsOneRequestAndOneExceptionSharedByEveryCaller() throws Exception {
        try (SignedJwtAuth auth = auth(Duration.ZERO)) {
            round(auth);
            clock.advance(Duration.ofSeconds(599));
            endpoint.failNext();
            Set<Object> failures = Collections.newSetFromMap(new IdentityHashMap<>());
            List<Object> results = round(auth);
            assertThat(results).allSatisfy(o -> assertThat(o).isInstanceOf(ServerErrorException.class));
            failures.addAll(results);
            assertThat(failures).as("one exception instance for 200 callers").hasSize(1);
            assertThat(endpoint.requests()).as("one failed request, not 200").hasSize(2);

            // within the 30 s cooldown: the same failure, no request; after it, one request
            for (int s = 1; s < 30; s++) {
                clock.advance(Duration.ofSeconds(1));
                failures.addAll(round(auth));
            }
            assertThat(failures).hasSize(1);
            assertThat(endpoint.requests()).hasSize(2);
            clock.advance(Duration.ofSeconds(1));
            assertThat(round(auth)).containsOnly("tok-2"); // tok-1, a failure, then tok-2
            assertThat(endpoint.requests()).hasSize(3);
        }
    }

    /** Waits until exactly {@code n} pool threads are parked inside the token cache, waiting for the fetch in flight. */
    private static void awaitWaitingOnTheFetch(int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int waiting = -1;
        int stable = 0;
        while (System.nanoTime() < until) {
            waiting = 0;
            for (Map.Entry<Thread, StackTraceElement[]> e :
                    Thread.getAllStackTraces().entrySet()) {
                if (Arrays.stream(e.getValue())
                                .anyMatch(f -> f.getClassName().endsWith("TokenCache")
                                        && f.getMethodName().equals("await"))
                        && e.getKey().getState() == Thread.State.TIMED_WAITING) {
                    waiting++;
                }
            }
            stable = waiting == n ? stable + 1 : 0;
            if (stable == 5) {
                return;
            }
            Thread.sleep(5);
        }
        assertThat(waiting).as("callers waiting on the fetch in flight").isEqualTo(n);
    }

    /**
     * A token endpoint on loopback that answers {@code expires_in} as a string, names its tokens
     * tok-1, tok-2, ..., and records each request's injected time.
     */
    private static final class TokenEndpoint implements AutoCloseable {
        private final MutableClock clock;
        private final HttpServer server;
        private final List<Instant> requests = new CopyOnWriteArrayList<>();
        private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
        private final AtomicInteger issued = new AtomicInteger();
        private final CountDownLatch held = new CountDownLatch(1);
        volatile String expiresIn = "599";
        private volatile CountDownLatch hold;
        private volatile boolean failNext;

        TokenEndpoint(MutableClock clock) throws IOException {
            this.clock = clock;
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/oauth2/token", exchange -> {
                Instant now = clock.instant();
                requests.add(now);
                exchange.getRequestBody().readAllBytes();
                CountDownLatch h = hold;
                if (h != null) {
                    hold = null;
                    held.countDown();
                    try {
                        h.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] body;
                int status;
                if (failNext) {
                    failNext = false;
                    status = 503;
                    body = "{\"error\":\"temporarily_unavailable\"}".getBytes(StandardCharsets.UTF_8);
                } else {
                    String token = "tok-" + issued.incrementAndGet();
                    expiries.put(token, now.plusSeconds(Long.parseLong(expiresIn)));
                    status = 200;
                    body = ("{\"access_token\":\"" + token + "\",\"expires_in\":\"" + expiresIn
                                    + "\",\"token_type\":\"Bearer\"}")
                            .getBytes(StandardCharsets.UTF_8);
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/token");
        }

        List<Instant> requests() {
            return List.copyOf(requests);
        }

        Instant expiryOf(String token) {
            return expiries.getOrDefault(token, Instant.MIN);
        }

        CountDownLatch holdNext() {
            CountDownLatch release = new CountDownLatch(1);
            hold = release;
            return release;
        }

        void awaitHeld() throws InterruptedException {
            assertThat(held.await(30, TimeUnit.SECONDS))
                    .as("the token request arrived")
                    .isTrue();
        }

        void failNext() {
            failNext = true;
        }

        @Override
        public void close() {
            server.stop(0);
            ((ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
