package uk.nhs.sdk.core.internal.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.sdk.core.auth.AuthRequest;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.NhsTimeoutException;
import uk.nhs.sdk.core.error.NhsTransportException;

/**
 * A thread-safe cache of one access token, in the spirit of Azure's {@code AccessTokenCache}.
 * Internal.
 *
 * <ul>
 *   <li><b>Fresh token</b> (before {@link AccessToken#refreshAt()}): served without locking.</li>
 *   <li><b>Due for refresh but still valid</b>: the first caller to notice fetches a new token on
 *       its own thread; every other caller keeps getting the valid token meanwhile, without
 *       locking, and never waits. If that refresh fails, the failure is logged at DEBUG (the
 *       exception's type and message, never a token) and the valid token is served until it
 *       expires (or is {@link #invalidate invalidated}), also without locking while the cooldown
 *       lasts.</li>
 *   <li><b>No valid token</b> (none yet, expired, or dropped by {@link #invalidate}): one caller
 *       fetches (single flight) and the others wait for its result, each wait bounded by
 *       {@code maxWait} of real time, or less when the caller's deadline comes sooner
 *       ({@link #getWithin(Instant)}): an {@link NhsTimeoutException} when it runs out, an
 *       {@link NhsTransportException} (with the thread's interrupt flag set again) when the
 *       waiting thread is interrupted. When that fetch fails, the waiters get the same
 *       exception instance (one fetch, one failure).</li>
 *   <li><b>Cancelled fetch</b>: a fetch that fails because its caller's thread was interrupted
 *       ends that caller's call only; it starts no cooldown and one of the waiters fetches anew.</li>
 *   <li><b>Cooldown</b>: after a failed fetch no new fetch starts until {@code cooldown} has
 *       passed on the clock. Meanwhile a valid token is still served; without one, callers get
 *       the last failure again at once, without a request. After the cooldown the next caller
 *       starts a new single-flight fetch. A failing token endpoint therefore sees at most one
 *       fetch (and that fetch's own retries) per cooldown, however many threads call.</li>
 * </ul>
 *
 * <p>Token instants and the cooldown use the injected {@link Clock}; only the bound on a wait
 * uses real time, so a wait ends even when a test's clock stands still.
 */
public final class TokenCache {
    private static final Logger LOG = LoggerFactory.getLogger("uk.nhs.sdk.auth");

    private final String name;
    private final Supplier<AccessToken> fetcher;
    private final Clock clock;
    private final Duration cooldown;
    private final Duration maxWait;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition fetchDone = lock.newCondition();
    private volatile AccessToken token;
    // written under lock; volatile so that a caller holding a valid token can see, without the
    // lock, that a refresh is in flight or cooling down and keep serving the token
    private volatile boolean fetching;
    private volatile Instant lastFailureAt;
    // guarded by lock
    private long completedFetches;
    private RuntimeException lastFailure;

    /**
     * Creates an empty cache.
     *
     * @param name what the token is for, in log lines and messages (no secret)
     * @param fetcher fetches a new token, throwing an unchecked exception on failure
     * @param clock the clock for expiry and cooldown
     * @param cooldown the minimum time between a failed fetch and the next one, zero or positive
     * @param maxWait the longest a caller waits for another caller's fetch, positive
     */
    public TokenCache(String name, Supplier<AccessToken> fetcher, Clock clock, Duration cooldown, Duration maxWait) {
        this.name = Objects.requireNonNull(name, "name");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cooldown = Objects.requireNonNull(cooldown, "cooldown");
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
    }

    /**
     * A valid token, fetching one as described in the class comment.
     *
     * @return the token, valid now
     * @throws NhsTimeoutException when another caller's fetch took longer than the wait bound
     * @throws NhsTransportException when the thread was interrupted while waiting
     * @throws RuntimeException the fetch's failure (the fetcher's own exception)
     */
    public AccessToken get() {
        return getWithin(null);
    }

    /**
     * A valid token, as {@link #get()}, waiting for another caller's fetch no longer than the
     * caller's own deadline either.
     *
     * @param callerDeadline when the caller's call must end (on the cache's clock), or {@code null}
     * @return the token, valid now
     * @throws NhsTimeoutException when another caller's fetch outlasted the wait bound
     * @throws NhsTransportException when the thread was interrupted while waiting
     * @throws RuntimeException the fetch's failure (the fetcher's own exception)
     */
    public AccessToken getWithin(Instant callerDeadline) {
        return getWithin(callerDeadline, null);
    }

    /**
     * A valid token, as {@link #getWithin(Instant)}, telling {@code reportTo} about a fetch this
     * caller ran itself (not one it waited for), for the client's token-fetch metrics.
     *
     * @param callerDeadline when the caller's call must end (on the cache's clock), or {@code null}
     * @param reportTo the attempt being authenticated, or {@code null}
     * @return the token, valid now
     * @throws NhsTimeoutException when another caller's fetch outlasted the wait bound
     * @throws NhsTransportException when the thread was interrupted while waiting
     * @throws RuntimeException the fetch's failure (the fetcher's own exception)
     */
    public AccessToken getWithin(Instant callerDeadline, AuthRequest reportTo) {
        AccessToken t = token;
        // clock.millis(), not clock.instant(): with 200 threads calling, the Instant was not
        // always scalar-replaced (24 B a call); the exact check runs in the slow path
        if (t != null && t.freshAtMillis(clock.millis())) {
            return t;
        }
        if (t != null) {
            // due for refresh but valid, and another caller is refreshing (or a failed refresh is
            // cooling down): serve it without the lock, as the slow path would. Without this, all
            // 200 callers queued on the lock for as long as the refresh took.
            Instant now = clock.instant();
            if (t.valid(now) && (fetching || coolingDown(now))) {
                return t;
            }
        }
        return slowPath(waitBound(callerDeadline), reportTo);
    }

    /** How long this caller may wait: {@code maxWait}, or less when its deadline comes sooner. */
    private long waitBound(Instant callerDeadline) {
        if (callerDeadline == null) {
            return maxWait.toNanos();
        }
        Duration left = Duration.between(clock.instant(), callerDeadline);
        if (left.isNegative()) {
            return 0;
        }
        return left.compareTo(maxWait) < 0 ? left.toNanos() : maxWait.toNanos();
    }

    /**
     * The cached token, valid or not, without fetching.
     *
     * @return the token, when one is cached
     */
    public Optional<AccessToken> peek() {
        return Optional.ofNullable(token);
    }

    /**
     * Drops the cached token if it is {@code refused}, so the next {@link #get()} fetches a new
     * one; does nothing when the cache already holds another token (a caller that was refused
     * with a stale token must not discard the fresh one another caller just fetched).
     *
     * @param refused the token the server refused
     */
    public void invalidate(AccessToken refused) {
        lock.lock();
        try {
            if (refused != null && token == refused) {
                token = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private AccessToken slowPath(long waitNanos, AuthRequest reportTo) {
        long deadline = System.nanoTime() + waitNanos;
        AccessToken fallback;
        lock.lock();
        try {
            long seen = completedFetches;
            while (true) {
                Instant now = clock.instant();
                AccessToken cur = token;
                if (cur != null && cur.fresh(now)) {
                    return cur;
                }
                boolean valid = cur != null && cur.valid(now);
                if (valid && (fetching || coolingDown(now))) {
                    return cur;
                }
                if (!valid && fetching) {
                    await(deadline, waitNanos);
                    continue;
                }
                if (!valid && lastFailure != null && (completedFetches != seen || coolingDown(now))) {
                    throw lastFailure;
                }
                fetching = true;
                fallback = valid ? cur : null;
                break;
            }
        } finally {
            lock.unlock();
        }
        return fetch(fallback, reportTo);
    }

    /**
     * Whether a failed fetch is cooling down. A clock now before the failure (the host's clock was
     * stepped back) ends the cooldown: otherwise it would last as long as the step, an hour for an
     * hour, with every caller without a token refused.
     */
    private boolean coolingDown(Instant now) {
        Instant failedAt = lastFailureAt;
        return failedAt != null && !now.isBefore(failedAt) && now.isBefore(failedAt.plus(cooldown));
    }

    private void await(long deadline, long waitNanos) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new NhsTimeoutException(
                    name + ": gave up waiting for the token request in flight after "
                            + TimeUnit.NANOSECONDS.toMillis(waitNanos) + " ms",
                    CallDetails.none(),
                    false,
                    null,
                    null);
        }
        try {
            fetchDone.awaitNanos(remaining);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NhsTransportException(
                    name + ": interrupted while waiting for the token request in flight",
                    CallDetails.none(),
                    false,
                    null,
                    e);
        }
    }

    /**
     * Runs the one fetch in flight; {@code proactive} is the still-valid token of an early refresh,
     * served when the refresh fails unless it was {@link #invalidate invalidated} meanwhile.
     */
    private AccessToken fetch(AccessToken proactive, AuthRequest reportTo) {
        AccessToken fallback = proactive;
        AccessToken fresh = null;
        RuntimeException failure = null;
        long started = System.nanoTime();
        try {
            fresh = Objects.requireNonNull(fetcher.get(), "fetcher returned null");
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            if (reportTo != null) {
                reportTo.reportTokenFetch(name, fresh != null, Duration.ofNanos(System.nanoTime() - started));
            }
            // a fetch that failed because its caller was interrupted says nothing about the token
            // endpoint: no cooldown, and the waiters start a fetch of their own
            boolean cancelled = fresh == null && Thread.currentThread().isInterrupted();
            lock.lock();
            try {
                fetching = false;
                if (!cancelled) {
                    completedFetches++;
                }
                if (fresh != null) {
                    token = fresh;
                    lastFailure = null;
                    lastFailureAt = null;
                } else if (failure != null && !cancelled) {
                    lastFailure = failure;
                    lastFailureAt = clock.instant();
                }
                if (token != fallback) {
                    // invalidated while the refresh was in flight: the server refused it (401)
                    fallback = null;
                }
                fetchDone.signalAll();
            } finally {
                lock.unlock();
            }
        }
        if (fresh != null) {
            return fresh;
        }
        if (fallback != null && fallback.valid(clock.instant())) {
            if (LOG.isDebugEnabled()) {
                LOG.debug(
                        "{}: early token refresh failed ({}); serving the cached token until {}, next try after {}",
                        name,
                        describe(failure),
                        fallback.expiresAt(),
                        clock.instant().plus(cooldown));
            }
            return fallback;
        }
        throw failure;
    }

    /** The exception's type, and its message when it is the SDK's own (those carry no secrets). */
    private static String describe(RuntimeException e) {
        return e instanceof NhsSdkException
                ? e.getClass().getSimpleName() + ": " + e.getMessage()
                : e.getClass().getSimpleName();
    }

    @Override
    public String toString() {
        AccessToken t = token;
        return "TokenCache[" + name + ", expiresAt=" + (t == null ? "-" : t.expiresAt()) + "]";
    }
}
