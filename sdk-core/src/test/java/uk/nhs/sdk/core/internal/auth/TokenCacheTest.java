package uk.nhs.sdk.core.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.NhsTimeoutException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.testing.CapturingAppender;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.core.testing.MutableClock;

/** The token cache's rules (DESIGN.md §3 "Tokens"), with an injected clock and a scripted fetcher. */
class TokenCacheTest {
    private static final Duration LIFETIME = Duration.ofSeconds(599);
    private static final Duration MARGIN = Duration.ofSeconds(60);
    private static final Duration COOLDOWN = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final AtomicInteger fetches = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @BeforeEach
    void forbidTokens() {
        LogGuard.forbid("tok-one-1111");
        LogGuard.forbid("tok-two-2222");
    }

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    private AccessToken token(String value) {
        return AccessToken.of(Secret.of(value), clock.instant(), LIFETIME, MARGIN);
    }

    /** A fetcher that counts its calls and runs the given steps in turn (the last one repeats). */
    @SafeVarargs
    private final Supplier<AccessToken> script(Supplier<AccessToken>... steps) {
        return () -> {
            int n = fetches.getAndIncrement();
            return steps[Math.min(n, steps.length - 1)].get();
        };
    }

    private TokenCache cache(Supplier<AccessToken> fetcher, Duration cooldown, Duration maxWait) {
        return new TokenCache("test token", fetcher, clock, cooldown, maxWait);
    }

    private static NhsSdkException failure() {
        return new NhsSdkException("token endpoint 503");
    }

    /** Blocks the fetching thread until released, telling the test when it got there. */
    private static final class Gate {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        <T> Supplier<T> then(Supplier<T> result) {
            return () -> {
                entered.countDown();
                try {
                    if (!release.await(10, TimeUnit.SECONDS)) {
                        throw new AssertionError("the gate was never opened");
                    }
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                return result.get();
            };
        }

        void awaitEntered() throws InterruptedException {
            assertThat(entered.await(10, TimeUnit.SECONDS))
                    .as("the fetch started")
                    .isTrue();
        }
    }

    /**
     * Waits (briefly, in real time) until every thread is parked on the cache's condition: it is
     * waiting for the fetch in flight, not fetching and not about to take the lock.
     */
    private static void awaitParked(List<Thread> threads) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Thread t : threads) {
            while (!(LockSupport.getBlocker(t) instanceof Condition)) {
                assertThat(System.nanoTime()).as("thread parked in time").isLessThan(until);
                Thread.sleep(2);
            }
        }
    }

    @Test
    void aFreshTokenIsServedWithoutFetchingAgain() {
        AccessToken one = token("tok-one-1111");
        TokenCache cache = cache(script(() -> one), COOLDOWN, WAIT);

        assertThat(cache.get()).isSameAs(one);
        clock.advance(Duration.ofSeconds(538));
        assertThat(cache.get()).isSameAs(one);
        assertThat(fetches).hasValue(1);
    }

    @Test
    void anEarlyRefreshIsMadeByOneCallerWhileTheOthersKeepTheValidTokenWithoutWaiting() throws Exception {
        AccessToken one = token("tok-one-1111");
        Gate gate = new Gate();
        AtomicReference<AccessToken> two = new AtomicReference<>();
        TokenCache cache = cache(
                script(() -> one, gate.then(() -> {
                    two.set(token("tok-two-2222"));
                    return two.get();
                })),
                COOLDOWN,
                WAIT);
        cache.get();
        clock.advance(Duration.ofSeconds(545)); // inside the 60 s refresh margin, still valid

        Future<AccessToken> refresher = pool.submit(cache::get);
        gate.awaitEntered();
        for (int i = 0; i < 5; i++) {
            assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), cache::get))
                    .isSameAs(one);
        }
        assertThat(fetches).hasValue(2);

        gate.release.countDown();
        assertThat(refresher.get(10, TimeUnit.SECONDS)).isSameAs(two.get());
        assertThat(cache.get()).isSameAs(two.get());
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aFailedEarlyRefreshKeepsServingTheValidTokenLogsAtDebugAndCoolsDown() {
        AccessToken one = token("tok-one-1111");
        TokenCache cache = cache(
                script(() -> one, () -> {
                    throw failure();
                }),
                COOLDOWN,
                WAIT);
        cache.get();
        clock.advance(Duration.ofSeconds(540));

        assertThat(cache.get()).isSameAs(one);
        assertThat(fetches).hasValue(2);
        assertThat(CapturingAppender.lines())
                .anyMatch(l -> l.startsWith("uk.nhs.sdk.auth DEBUG")
                        && l.contains("early token refresh failed")
                        && l.contains("token endpoint 503"));

        clock.advance(Duration.ofSeconds(29)); // within the cooldown: no new request
        assertThat(cache.get()).isSameAs(one);
        assertThat(fetches).hasValue(2);

        clock.advance(Duration.ofSeconds(1)); // cooldown over: one new try, still failing
        assertThat(cache.get()).isSameAs(one);
        assertThat(fetches).hasValue(3);
    }

    @Test
    void withoutAValidTokenOneCallerFetchesAndTheOthersWaitForIt() throws Exception {
        Gate gate = new Gate();
        AccessToken one = token("tok-one-1111");
        TokenCache cache = cache(script(gate.then(() -> one)), COOLDOWN, WAIT);

        List<Future<AccessToken>> results = new ArrayList<>();
        results.add(pool.submit(cache::get));
        gate.awaitEntered();
        List<Thread> waiters = new ArrayList<>();
        List<AtomicReference<Object>> outcomes = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread t = new Thread(() -> outcome.set(cache.get()));
            outcomes.add(outcome);
            waiters.add(t);
            t.start();
        }
        awaitParked(waiters);
        assertThat(fetches).hasValue(1);

        gate.release.countDown();
        assertThat(results.get(0).get(10, TimeUnit.SECONDS)).isSameAs(one);
        for (Thread t : waiters) {
            t.join(10_000);
        }
        assertThat(outcomes).allSatisfy(o -> assertThat(o.get()).isSameAs(one));
        assertThat(fetches).hasValue(1);
    }

    @Test
    void whenTheFetchFailsItsWaitersGetThatFailureAndNoFetchOfTheirOwnEvenWithoutACooldown() throws Exception {
        Gate gate = new Gate();
        NhsSdkException boom = failure();
        TokenCache cache = cache(
                script(gate.then(() -> {
                    throw boom;
                })),
                Duration.ZERO,
                WAIT);

        Future<AccessToken> first = pool.submit(cache::get);
        gate.awaitEntered();
        List<Thread> waiters = new ArrayList<>();
        List<AtomicReference<Object>> outcomes = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    outcome.set(cache.get());
                } catch (RuntimeException e) {
                    outcome.set(e);
                }
            });
            outcomes.add(outcome);
            waiters.add(t);
            t.start();
        }
        awaitParked(waiters);
        gate.release.countDown();
        for (Thread t : waiters) {
            t.join(10_000);
        }

        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).cause().isSameAs(boom);
        assertThat(outcomes).allSatisfy(o -> assertThat(o.get()).isSameAs(boom));
        assertThat(fetches).hasValue(1);
    }

    @Test
    void withinTheCooldownTheLastFailureIsThrownAgainWithoutARequestAndAfterItOneNewFetchIsMade() {
        AccessToken one = token("tok-one-1111");
        NhsSdkException boom = failure();
        TokenCache cache = cache(
                script(
                        () -> {
                            throw boom;
                        },
                        () -> one),
                COOLDOWN,
                WAIT);

        assertThatThrownBy(cache::get).isSameAs(boom);
        clock.advance(Duration.ofSeconds(29));
        for (int i = 0; i < 8; i++) {
            assertThatThrownBy(cache::get).isSameAs(boom);
        }
        assertThat(fetches).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get()).isSameAs(one);
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aTokenThatExpiredAfterAFailedEarlyRefreshIsNotServed() {
        AccessToken one = token("tok-one-1111");
        NhsSdkException boom = failure();
        TokenCache cache = cache(
                script(() -> one, () -> {
                    throw boom;
                }),
                COOLDOWN,
                WAIT);
        cache.get();
        clock.advance(Duration.ofSeconds(580));
        assertThat(cache.get()).isSameAs(one); // refresh failed at 580 s, token still valid

        clock.advance(Duration.ofSeconds(19)); // 599 s: expired, still cooling down
        assertThatThrownBy(cache::get).isSameAs(boom);
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aWaitThatOutlastsTheBoundEndsInATimeoutException() throws Exception {
        Gate gate = new Gate();
        TokenCache cache = cache(script(gate.then(() -> token("tok-one-1111"))), COOLDOWN, Duration.ofMillis(50));
        Future<AccessToken> fetcher = pool.submit(cache::get);
        gate.awaitEntered();

        assertThatThrownBy(cache::get).isInstanceOf(NhsTimeoutException.class).hasMessageContaining("gave up waiting");

        gate.release.countDown();
        fetcher.get(10, TimeUnit.SECONDS);
        assertThat(fetches).hasValue(1);
    }

    @Test
    void anInterruptedWaitEndsInATypedExceptionAndKeepsTheInterruptFlag() throws Exception {
        Gate gate = new Gate();
        TokenCache cache = cache(script(gate.then(() -> token("tok-one-1111"))), COOLDOWN, WAIT);
        Future<AccessToken> fetcher = pool.submit(cache::get);
        gate.awaitEntered();
        AtomicReference<Object> outcome = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                outcome.set(cache.get());
            } catch (RuntimeException e) {
                outcome.set(e);
            }
            flag.set(Thread.currentThread().isInterrupted());
        });
        waiter.start();
        awaitParked(List.of(waiter));

        waiter.interrupt();
        waiter.join(10_000);

        assertThat(outcome.get()).isInstanceOf(NhsTransportException.class);
        assertThat(flag.get()).isTrue();
        gate.release.countDown();
        fetcher.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFetchEndedByItsCallersInterruptStartsNoCooldownAndAWaiterFetchesInstead() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        AccessToken one = token("tok-one-1111");
        TokenCache cache = cache(
                script(
                        () -> {
                            entered.countDown();
                            try {
                                new CountDownLatch(1).await(10, TimeUnit.SECONDS); // a token request that hangs
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            throw new NhsTransportException(
                                    "interrupted", uk.nhs.sdk.core.error.CallDetails.none(), false, null, null);
                        },
                        () -> one),
                COOLDOWN,
                WAIT);
        AtomicReference<Object> cancelled = new AtomicReference<>();
        Thread fetcher = new Thread(() -> {
            try {
                cancelled.set(cache.get());
            } catch (RuntimeException e) {
                cancelled.set(e);
            }
        });
        fetcher.start();
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicReference<Object> waited = new AtomicReference<>();
        Thread waiter = new Thread(() -> waited.set(cache.get()));
        waiter.start();
        awaitParked(List.of(waiter));

        fetcher.interrupt();
        fetcher.join(10_000);
        waiter.join(10_000);

        assertThat(cancelled.get()).isInstanceOf(NhsTransportException.class);
        assertThat(waited.get()).isSameAs(one);
        assertThat(cache.get()).isSameAs(one);
        assertThat(fetches).hasValue(2);
    }

    @Test
    void invalidateDropsOnlyTheRefusedToken() {
        AccessToken one = token("tok-one-1111");
        AccessToken two = token("tok-two-2222");
        TokenCache cache = cache(script(() -> one, () -> two), COOLDOWN, WAIT);
        cache.get();

        cache.invalidate(one);
        assertThat(cache.get()).isSameAs(two);
        cache.invalidate(one); // a late caller refused with the old token
        assertThat(cache.get()).isSameAs(two);
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aShortLivedTokenIsRefreshedHalfWayRatherThanOnEveryCall() {
        AccessToken shortLived =
                AccessToken.of(Secret.of("tok-one-1111"), clock.instant(), Duration.ofSeconds(60), MARGIN);
        TokenCache cache = cache(script(() -> shortLived), COOLDOWN, WAIT);
        cache.get();
        clock.advance(Duration.ofSeconds(29));
        cache.get();
        assertThat(fetches).hasValue(1);
        assertThat(shortLived.refreshAt()).isEqualTo(clock.instant().plusSeconds(1));
    }

    @Test
    void toStringsNeverShowTheToken() {
        AccessToken one = token("tok-one-1111");
        TokenCache cache = cache(script(() -> one), COOLDOWN, WAIT);
        cache.get();
        assertThat(cache.toString()).doesNotContain("tok-one-1111").contains("expiresAt=");
        assertThat(one.toString()).doesNotContain("tok-one-1111");
    }
}
