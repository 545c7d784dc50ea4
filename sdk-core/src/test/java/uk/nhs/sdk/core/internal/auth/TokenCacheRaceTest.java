package uk.nhs.sdk.core.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.core.testing.MutableClock;

/**
 * The token cache's lock-free read of a token due for refresh, against the states it must not
 * serve: a token that expired while the refresh was in flight, and a token the server refused
 * (invalidated after a 401) while an early refresh was in flight. Also the cooldown against a
 * clock that steps back.
 */
class TokenCacheRaceTest {
    private static final Duration LIFETIME = Duration.ofSeconds(599);
    private static final Duration MARGIN = Duration.ofSeconds(60);
    private static final Duration COOLDOWN = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final AtomicInteger fetches = new AtomicInteger();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void forbidTokens() {
        LogGuard.forbid("tok-one-1111");
        LogGuard.forbid("tok-two-2222");
    }

    @AfterEach
    void stop() {
        release.countDown();
        pool.shutdownNow();
    }

    private AccessToken token(String value) {
        return AccessToken.of(Secret.of(value), clock.instant(), LIFETIME, MARGIN);
    }

    /** The first fetch returns {@code one}; later ones wait for {@link #release}, then run {@code then}. */
    private TokenCache cache(AccessToken one, Supplier<AccessToken> then) {
        return new TokenCache(
                "test token",
                () -> {
                    if (fetches.getAndIncrement() == 0) {
                        return one;
                    }
                    entered.countDown();
                    try {
                        if (!release.await(10, TimeUnit.SECONDS)) {
                            throw new AssertionError("never released");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError(e);
                    }
                    return then.get();
                },
                clock,
                COOLDOWN,
                Duration.ofSeconds(10));
    }

    /** Runs {@code get()} on a pool thread and waits until it is parked on the cache's condition. */
    private Future<AccessToken> getThatMustWait(TokenCache cache) throws InterruptedException {
        Thread[] runner = new Thread[1];
        CountDownLatch started = new CountDownLatch(1);
        Future<AccessToken> f = pool.submit(() -> {
            runner[0] = Thread.currentThread();
            started.countDown();
            return cache.get();
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(LockSupport.getBlocker(runner[0]) instanceof Condition) && !f.isDone()) {
            assertThat(System.nanoTime()).as("parked in time").isLessThan(until);
            Thread.sleep(2);
        }
        assertThat(f.isDone()).as("the caller waits for the refresh in flight").isFalse();
        return f;
    }

    @Test
    void aTokenThatExpiresWhileItsRefreshIsInFlightIsNotServedTheCallerWaits() throws Exception {
        AccessToken one = token("tok-one-1111");
        TokenCache cache = cache(one, () -> token("tok-two-2222"));
        cache.get();
        clock.advance(Duration.ofSeconds(545)); // due for refresh, valid
        Future<AccessToken> refresher = pool.submit(cache::get);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(cache.get()).as("valid while the refresh is in flight").isSameAs(one);

        clock.advance(Duration.ofSeconds(60)); // 605 s: expired, refresh still in flight
        Future<AccessToken> waiter = getThatMustWait(cache);
        release.countDown();
        assertThat(waiter.get(10, TimeUnit.SECONDS).value().reveal()).isEqualTo("tok-two-2222");
        assertThat(refresher.get(10, TimeUnit.SECONDS).value().reveal()).isEqualTo("tok-two-2222");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aTokenRefusedWhileItsEarlyRefreshIsInFlightIsNotServedToOtherCallers() throws Exception {
        AccessToken one = token("tok-one-1111");
        TokenCache cache = cache(one, () -> token("tok-two-2222"));
        cache.get();
        clock.advance(Duration.ofSeconds(545));
        Future<AccessToken> refresher = pool.submit(cache::get);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        cache.invalidate(one); // a caller got 401 with it
        Future<AccessToken> waiter = getThatMustWait(cache);
        release.countDown();
        assertThat(waiter.get(10, TimeUnit.SECONDS).value().reveal()).isEqualTo("tok-two-2222");
        assertThat(refresher.get(10, TimeUnit.SECONDS).value().reveal()).isEqualTo("tok-two-2222");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void anEarlyRefreshThatFailsAfterItsTokenWasRefusedDoesNotHandTheRefusedTokenBack() throws Exception {
        AccessToken one = token("tok-one-1111");
        NhsSdkException boom = new NhsSdkException("token endpoint 503");
        TokenCache cache = cache(one, () -> {
            throw boom;
        });
        cache.get();
        clock.advance(Duration.ofSeconds(545));
        Future<AccessToken> refresher = pool.submit(cache::get);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        cache.invalidate(one);
        release.countDown();
        assertThatThrownBy(() -> refresher.get(10, TimeUnit.SECONDS))
                .as("the server refused the fallback token: the refresh's failure, not that token")
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isSameAs(boom);
        assertThatThrownBy(cache::get).isSameAs(boom); // cooling down, no token
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aClockThatStepsBackBeforeAFailureDoesNotStretchTheCooldown() {
        NhsSdkException boom = new NhsSdkException("token endpoint 503");
        AtomicInteger calls = new AtomicInteger();
        TokenCache cache = new TokenCache(
                "test token",
                () -> {
                    if (calls.getAndIncrement() == 0) {
                        throw boom;
                    }
                    return token("tok-two-2222");
                },
                clock,
                COOLDOWN,
                Duration.ofSeconds(10));
        assertThatThrownBy(cache::get).isSameAs(boom);
        clock.advance(Duration.ofHours(-1)); // the host's clock is stepped back an hour
        assertThat(cache.get().value().reveal())
                .as("a failure 'in the future' says nothing about now: no hour-long cooldown")
                .isEqualTo("tok-two-2222");
        assertThat(calls).hasValue(2);
    }
}
