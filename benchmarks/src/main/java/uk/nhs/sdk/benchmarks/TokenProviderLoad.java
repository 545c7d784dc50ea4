package uk.nhs.sdk.benchmarks;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.auth.AuthRequest;
import uk.nhs.sdk.core.auth.SignedJwtAuth;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.SandboxApplication;
import uk.nhs.sdk.testkit.SandboxFault;

/**
 * A measurement, not a JMH benchmark: {@code callers} threads share one {@link SignedJwtAuth}
 * against the embedded sandbox's OAuth2 token fake (tokens live 599 s, {@code expires_in} a
 * string) while an injected clock, shared by the client and the fake, runs through
 * {@code minutes} of time one second a round; in each round every caller calls
 * {@code authenticate} once, all released together. Four scenarios:
 *
 * <ul>
 *   <li>{@code early-refresh}: the default 60 s margin, so one caller refreshes at 539 s while the
 *       others keep the valid token;</li>
 *   <li>{@code at-expiry}: margin 0, so at 599 s no valid token exists and every caller needs the
 *       one fetch;</li>
 *   <li>{@code slow-at-expiry}: as {@code at-expiry}, the fake holding each token response
 *       {@code slowMillis} of real time;</li>
 *   <li>{@code fails-once-at-expiry}: as {@code at-expiry}, the first refresh answered 503 (no
 *       retries): the callers then get the failure until the 30 s cooldown ends.</li>
 * </ul>
 *
 * <p>Printed per scenario: token requests (issued and failed) and the most made within any one
 * token's served life (the figure, goal 1); calls; the callers' time in {@code authenticate} in
 * the rounds that fetched (real time: the longest and the mean, which is how long the others
 * waited on the single fetch) and in the rounds that did not; distinct exception instances seen.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar uk.nhs.sdk.benchmarks.TokenProviderLoad [callers] [minutes] [slowMillis]
 * </pre>
 */
public final class TokenProviderLoad {
    private static final URI API_URL = URI.create("https://api.example/personal-demographics/FHIR/R4/Patient/x");

    private TokenProviderLoad() {}

    /**
     * Runs the four scenarios.
     *
     * @param args callers (default 200), minutes of injected time (default 10), the slow
     *     endpoint's delay in ms (default 200)
     * @throws Exception when a run fails
     */
    public static void main(String[] args) throws Exception {
        int callers = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int slowMillis = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        System.out.printf(
                "callers %d, %d minutes of injected time, 1 s a round; %d cores, %s %s%n",
                callers,
                minutes,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        run("early-refresh", callers, minutes, Duration.ofSeconds(60), null, 0);
        run("at-expiry", callers, minutes, Duration.ZERO, null, 0);
        run(
                "slow-at-expiry",
                callers,
                minutes,
                Duration.ZERO,
                SandboxFault.slowHeaders(Duration.ofMillis(slowMillis)),
                minutes * 60 / 599 + 1);
        run("fails-once-at-expiry", callers, minutes, Duration.ZERO, SandboxFault.status(503), 1);
    }

    private static void run(String label, int callers, int minutes, Duration margin, SandboxFault fault, int faults)
            throws Exception {
        InjectedClock clock = new InjectedClock(Instant.parse("2026-11-29T10:00:00Z"));
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try (NhsSandbox sandbox = NhsSandbox.builder().clock(clock).start()) {
            SandboxApplication app = sandbox.application();
            try (SignedJwtAuth auth = SignedJwtAuth.builder()
                    .tokenUrl(sandbox.oauthTokenUrl())
                    .apiKey(app.apiKey())
                    .keyId(app.keyId())
                    .privateKey(app.privateKey())
                    .refreshMargin(margin)
                    .options(NhsClientOptions.builder()
                            .clock(clock)
                            .retry(RetryOptions.none())
                            .build())
                    .build()) {
                auth.accessToken(); // the first token, before the clock starts
                if (fault != null) {
                    sandbox.faults().inject("POST", "/oauth2/token", fault, faults);
                }
                List<Instant> requests = new ArrayList<>();
                requests.add(clock.instant());
                Set<Object> failures = Collections.newSetFromMap(new IdentityHashMap<>());
                long calls = 0;
                long quietMaxNanos = 0;
                long fetchMaxNanos = 0;
                long fetchSumNanos = 0;
                long fetchCalls = 0;
                int failedRequests = 0;
                int seenIssued = sandbox.issuedTokenCount();
                for (int s = 0; s < minutes * 60; s++) {
                    clock.advance(Duration.ofSeconds(1));
                    Object before = auth.tokenExpiry().orElse(null);
                    int failuresBefore = failures.size();
                    List<long[]> times = new ArrayList<>();
                    for (Object o : round(pool, callers, auth, times)) {
                        calls++;
                        if (o instanceof RuntimeException) {
                            failures.add(o);
                        }
                    }
                    boolean fetched = sandbox.issuedTokenCount() != seenIssued
                            || failures.size() != failuresBefore
                            || !java.util.Objects.equals(
                                    before, auth.tokenExpiry().orElse(null));
                    // every request of the round, not one per round: a stampede (several fetches
                    // in one round) is what the figure must show
                    for (int k = failuresBefore; k < failures.size(); k++) {
                        failedRequests++;
                        requests.add(clock.instant());
                    }
                    int issued = sandbox.issuedTokenCount();
                    for (int k = seenIssued; k < issued; k++) {
                        requests.add(clock.instant());
                    }
                    seenIssued = issued;
                    for (long[] t : times) {
                        if (fetched) {
                            fetchMaxNanos = Math.max(fetchMaxNanos, t[0]);
                            fetchSumNanos += t[0];
                            fetchCalls++;
                        } else {
                            quietMaxNanos = Math.max(quietMaxNanos, t[0]);
                        }
                    }
                }
                Duration served = Duration.ofSeconds(599).minus(margin);
                System.out.printf(
                        "%-21s token requests %d (%d issued, %d failed), at most %d per token lifetime; "
                                + "%,d calls; in fetching rounds: longest %.1f ms, mean %.2f ms over %d calls; "
                                + "other rounds: longest %.2f ms; distinct exceptions %d%n",
                        label,
                        requests.size(),
                        requests.size() - failedRequests,
                        failedRequests,
                        mostWithin(requests, served),
                        calls,
                        fetchMaxNanos / 1e6,
                        fetchCalls == 0 ? 0 : fetchSumNanos / 1e6 / fetchCalls,
                        fetchCalls,
                        quietMaxNanos / 1e6,
                        failures.size());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One round: every caller authenticates once, released together; each result is the header or the exception. */
    private static List<Object> round(ExecutorService pool, int callers, SignedJwtAuth auth, List<long[]> times)
            throws Exception {
        CountDownLatch ready = new CountDownLatch(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> futures = new ArrayList<>(callers);
        long[][] took = new long[callers][1];
        for (int i = 0; i < callers; i++) {
            long[] mine = took[i];
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                Attempt a = new Attempt();
                long t0 = System.nanoTime();
                try {
                    auth.authenticate(a);
                    return a.authorization.get();
                } catch (RuntimeException e) {
                    return e;
                } finally {
                    mine[0] = System.nanoTime() - t0;
                }
            }));
        }
        if (!ready.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("callers did not start");
        }
        go.countDown();
        List<Object> out = new ArrayList<>(callers);
        for (Future<Object> f : futures) {
            out.add(f.get(60, TimeUnit.SECONDS));
        }
        Collections.addAll(times, took);
        return out;
    }

    private static int mostWithin(List<Instant> requests, Duration served) {
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

    /** An attempt that keeps its {@code Authorization} header. */
    private static final class Attempt implements AuthRequest {
        final AtomicReference<String> authorization = new AtomicReference<>();

        @Override
        public String method() {
            return "GET";
        }

        @Override
        public URI url() {
            return API_URL;
        }

        @Override
        public String requestId() {
            return "load";
        }

        @Override
        public int attempt() {
            return 1;
        }

        @Override
        public void header(String name, String value) {
            authorization.set(value);
        }
    }

    /** A clock the run moves by hand, shared by the client and the sandbox. */
    private static final class InjectedClock extends Clock {
        private final AtomicReference<Instant> now;

        InjectedClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
