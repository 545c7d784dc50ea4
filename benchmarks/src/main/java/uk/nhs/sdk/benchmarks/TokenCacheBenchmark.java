package uk.nhs.sdk.benchmarks;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.AuthRequest;
import uk.nhs.sdk.core.auth.RefreshingTokenAuth;
import uk.nhs.sdk.core.internal.auth.AccessToken;
import uk.nhs.sdk.core.internal.auth.TokenCache;

/**
 * The cost of reading a cached, fresh token: what every API call pays on its way out when 200
 * threads share one auth provider. {@code cachedRead} is the token cache's own read
 * ({@code TokenCache.getWithin}); {@code authenticate} is an auth provider's
 * {@code authenticate(request)} (the cache read plus the {@code Authorization} header), through
 * {@link RefreshingTokenAuth}, whose path is the one {@code SignedJwtAuth} takes. The token is
 * fetched once in setup and stays fresh for the run (system clock, 1 hour); setup checks it.
 * {@code readDuringRefresh} is the read of a token that is due for refresh but valid while
 * another thread's refresh is in flight (a fetch that never returns during the run): what the
 * 200 callers do for as long as a refresh takes.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar TokenCacheBenchmark -t 200 -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TokenCacheBenchmark {
    private static final URI URL = URI.create("https://api.example/personal-demographics/FHIR/R4/Patient/x");

    private TokenCache cache;
    private TokenCache refreshing;
    private final java.util.concurrent.CountDownLatch endOfRun = new java.util.concurrent.CountDownLatch(1);
    private RefreshingTokenAuth auth;
    private final AtomicInteger fetches = new AtomicInteger();

    /** Builds the cache and the provider and fetches their one token. */
    @Setup(Level.Trial)
    public void setUp() {
        Clock clock = Clock.systemUTC();
        cache = new TokenCache(
                "benchmark token",
                () -> {
                    fetches.incrementAndGet();
                    return AccessToken.of(
                            Secret.of("tok-benchmark-0123456789abcdef"),
                            clock.instant(),
                            Duration.ofHours(1),
                            Duration.ofSeconds(60));
                },
                clock,
                Duration.ofSeconds(30),
                Duration.ofSeconds(30));
        auth = RefreshingTokenAuth.builder("benchmark token", () -> {
                    fetches.incrementAndGet();
                    return RefreshingTokenAuth.Token.of(
                            Secret.of("tok-benchmark-0123456789abcdef"), clock.instant(), Duration.ofHours(1));
                })
                .build();
        cache.get();
        auth.accessToken();
        refreshing = new TokenCache(
                "benchmark token, refreshing",
                () -> {
                    if (fetches.incrementAndGet() == 3) {
                        // due for refresh (at -10 min) and valid for 10 more minutes
                        return AccessToken.of(
                                Secret.of("tok-benchmark-0123456789abcdef"),
                                clock.instant().minus(Duration.ofMinutes(50)),
                                Duration.ofHours(1),
                                Duration.ofMinutes(20));
                    }
                    try {
                        endOfRun.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("the run ended");
                },
                clock,
                Duration.ofSeconds(30),
                Duration.ofSeconds(30));
        refreshing.get();
        Thread refresher = new Thread(refreshing::get, "refresher");
        refresher.setDaemon(true);
        refresher.start();
        while (fetches.get() < 4) {
            Thread.onSpinWait();
        }
    }

    /** Ends the refresh in flight and checks that the run made no fetch beyond the four in setup. */
    @TearDown(Level.Trial)
    public void check() {
        endOfRun.countDown();
        if (fetches.get() != 4) {
            throw new IllegalStateException("expected 4 token fetches, saw " + fetches.get());
        }
    }

    /**
     * The cache's read of a fresh token.
     *
     * @return the token
     */
    @Benchmark
    public AccessToken cachedRead() {
        return cache.getWithin(null);
    }

    /**
     * The read of a valid token due for refresh while another thread refreshes it.
     *
     * @return the token
     */
    @Benchmark
    public AccessToken readDuringRefresh() {
        return refreshing.getWithin(null);
    }

    /**
     * An auth provider's {@code authenticate} with a fresh cached token.
     *
     * @param request the attempt's headers, one per thread
     * @return the attempt, its header set
     */
    @Benchmark
    public Attempt authenticate(Attempt request) {
        auth.authenticate(request);
        return request;
    }

    /** A minimal attempt that keeps the last {@code Authorization} value, one per thread. */
    @State(Scope.Thread)
    public static class Attempt implements AuthRequest {
        /** The last header value set. */
        public String authorization;

        /** An attempt. */
        public Attempt() {}

        @Override
        public String method() {
            return "GET";
        }

        @Override
        public URI url() {
            return URL;
        }

        @Override
        public String requestId() {
            return "benchmark";
        }

        @Override
        public int attempt() {
            return 1;
        }

        @Override
        public void header(String name, String value) {
            authorization = value;
        }

        @Override
        public java.util.Optional<Instant> deadline() {
            return java.util.Optional.empty();
        }
    }
}
