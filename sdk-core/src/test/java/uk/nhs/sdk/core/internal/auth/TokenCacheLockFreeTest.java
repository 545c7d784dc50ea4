package uk.nhs.sdk.core.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.testing.MutableClock;

/**
 * While a token is due for refresh but valid, and another caller is refreshing it (or a failed
 * refresh is cooling down), a caller is served that token without taking the cache's lock: with
 * 200 threads calling, each of them otherwise queued on the lock for as long as the refresh took.
 * The test holds the lock itself and checks that the caller neither queues on it nor waits.
 */
class TokenCacheLockFreeTest {
    private static final Duration LIFETIME = Duration.ofSeconds(599);
    private static final Duration MARGIN = Duration.ofSeconds(60);
    private static final Duration COOLDOWN = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final AtomicInteger fetches = new AtomicInteger();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private AccessToken token(String value) {
        return AccessToken.of(Secret.of(value), clock.instant(), LIFETIME, MARGIN);
    }

    private static ReentrantLock lockOf(TokenCache cache) throws ReflectiveOperationException {
        Field f = TokenCache.class.getDeclaredField("lock");
        f.setAccessible(true);
        return (ReentrantLock) f.get(cache);
    }

    /** Calls {@code get()} on another thread while the test holds the cache's lock; the token it got, or null if it queued. */
    private AccessToken getWhileTheLockIsHeld(TokenCache cache) throws Exception {
        ReentrantLock lock = lockOf(cache);
        lock.lock();
        try {
            Future<AccessToken> f = pool.submit(cache::get);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!f.isDone() && !lock.hasQueuedThreads() && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            if (lock.hasQueuedThreads()) {
                return null;
            }
            return f.get(10, TimeUnit.SECONDS);
        } finally {
            lock.unlock();
        }
    }

    @Test
    void whileAnotherCallerRefreshesTheValidTokenIsServedWithoutTheLock() throws Exception {
        AccessToken one = token("tok-one-1111");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Supplier<AccessToken> fetcher = () -> {
            if (fetches.getAndIncrement() == 0) {
                return one;
            }
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return token("tok-two-2222");
        };
        TokenCache cache = new TokenCache("test token", fetcher, clock, COOLDOWN, Duration.ofSeconds(10));
        cache.get();
        clock.advance(Duration.ofSeconds(545)); // due for refresh, still valid
        Future<AccessToken> refresher = pool.submit(cache::get);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(getWhileTheLockIsHeld(cache))
                .as("served without queuing on the lock")
                .isSameAs(one);

        release.countDown();
        assertThat(refresher.get(10, TimeUnit.SECONDS).value().reveal()).isEqualTo("tok-two-2222");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void whileAFailedRefreshCoolsDownTheValidTokenIsServedWithoutTheLock() throws Exception {
        AccessToken one = token("tok-one-1111");
        TokenCache cache = new TokenCache(
                "test token",
                () -> {
                    if (fetches.getAndIncrement() == 0) {
                        return one;
                    }
                    throw new NhsSdkException("token endpoint 503");
                },
                clock,
                COOLDOWN,
                Duration.ofSeconds(10));
        cache.get();
        clock.advance(Duration.ofSeconds(545));
        assertThat(cache.get()).isSameAs(one); // the refresh fails; the valid token is served
        clock.advance(Duration.ofSeconds(10)); // inside the cooldown

        assertThat(getWhileTheLockIsHeld(cache))
                .as("served without queuing on the lock")
                .isSameAs(one);
        assertThat(fetches).hasValue(2);
    }

    @Test
    void anExpiredTokenStillGoesThroughTheLock() throws Exception {
        TokenCache cache = new TokenCache(
                "test token",
                () -> {
                    fetches.incrementAndGet();
                    return token("tok-one-1111");
                },
                clock,
                COOLDOWN,
                Duration.ofSeconds(10));
        cache.get();
        clock.advance(LIFETIME);
        assertThat(getWhileTheLockIsHeld(cache))
                .as("an expired token needs the single flight")
                .isNull();
    }
}
