package uk.nhs.sdk.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.internal.auth.AccessToken;
import uk.nhs.sdk.core.internal.auth.TokenCache;

/**
 * A bearer-token {@link AuthProvider} for token flows that live outside sdk-core (such as the API
 * Platform's token exchange in sdk-identity): it caches the token a {@link Fetcher} obtains and
 * refreshes it exactly as {@link SignedJwtAuth} does. The token is served while fresh without
 * locking; a margin before expiry one caller refreshes while the others keep the valid token;
 * without a valid token one caller fetches and the others wait, bounded by their call's deadline
 * and by {@link Builder#maxWait(Duration)}; a failed fetch starts a cooldown; a 401 drops the
 * token the refused attempt sent.
 *
 * <p>Thread-safe. No token appears in a log line, an exception message or {@link #toString()}.
 */
public final class RefreshingTokenAuth implements AuthProvider {
    private final String name;
    private final Duration refreshMargin;
    private final TokenCache cache;

    private RefreshingTokenAuth(Builder b) {
        this.name = b.name;
        this.refreshMargin = b.refreshMargin;
        Fetcher fetcher = b.fetcher;
        this.cache = new TokenCache(
                b.name,
                () -> {
                    Token t = Objects.requireNonNull(fetcher.fetch(), "the token fetcher returned null");
                    return AccessToken.of(t.value, t.obtainedAt, t.lifetime, refreshMargin);
                },
                b.clock,
                b.refreshCooldown,
                b.maxWait);
    }

    /**
     * Starts a builder.
     *
     * @param name what the token is for, shown in log lines and messages (no secret)
     * @param fetcher obtains a new token; throws an unchecked exception when it cannot
     * @return the builder
     */
    public static Builder builder(String name, Fetcher fetcher) {
        return new Builder(Objects.requireNonNull(name, "name"), Objects.requireNonNull(fetcher, "fetcher"));
    }

    /**
     * Sets {@code Authorization: Bearer <token>} on the attempt, waiting for another thread's
     * fetch no longer than the attempt's {@link AuthRequest#deadline() deadline}.
     *
     * @param request the attempt
     */
    @Override
    public void authenticate(AuthRequest request) {
        AccessToken t = cache.getWithin(request.deadline().orElse(null), request);
        request.header("Authorization", t.bearerHeader());
    }

    /**
     * Drops the cached token if it is the one the refused attempt sent.
     *
     * @param request the refused attempt
     * @return {@code true}: one fresh attempt may succeed
     */
    @Override
    public boolean refreshAfterUnauthorized(AuthRequest request) {
        AccessToken cached = cache.peek().orElse(null);
        if (cached == null) {
            return true;
        }
        Optional<String> sent = request.header("Authorization");
        if (sent.isEmpty() || sent.get().equals(cached.bearerHeader())) {
            cache.invalidate(cached);
        }
        return true;
    }

    /**
     * The current token, from the cache or fetched.
     *
     * @return the token
     * @throws RuntimeException the fetcher's failure
     */
    public Secret accessToken() {
        return cache.get().value();
    }

    /**
     * When the cached token expires.
     *
     * @return the expiry, when a token is cached
     */
    public Optional<Instant> tokenExpiry() {
        return cache.peek().map(AccessToken::expiresAt);
    }

    /**
     * Drops the cached token whatever it is, so the next call fetches.
     */
    public void invalidate() {
        cache.peek().ifPresent(cache::invalidate);
    }

    @Override
    public String toString() {
        return "RefreshingTokenAuth[" + name + "]";
    }

    /**
     * Obtains a new token (one HTTP exchange, with its own retries).
     */
    @FunctionalInterface
    public interface Fetcher {
        /**
         * Obtains a token.
         *
         * @return the token, never {@code null}
         */
        Token fetch();
    }

    /**
     * A token a {@link Fetcher} obtained and how long it lives.
     */
    public static final class Token {
        private final Secret value;
        private final Instant obtainedAt;
        private final Duration lifetime;

        private Token(Secret value, Instant obtainedAt, Duration lifetime) {
            this.value = value;
            this.obtainedAt = obtainedAt;
            this.lifetime = lifetime;
        }

        /**
         * A token.
         *
         * @param value the token
         * @param obtainedAt when it was requested (its lifetime counts from here, so expiry errs early)
         * @param lifetime how long it lives, positive
         * @return the token
         * @throws NhsValidationException when the lifetime is not positive
         */
        public static Token of(Secret value, Instant obtainedAt, Duration lifetime) {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(obtainedAt, "obtainedAt");
            if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
                throw new NhsValidationException("lifetime", "must be positive");
            }
            return new Token(value, obtainedAt, lifetime);
        }

        @Override
        public String toString() {
            return "Token[***, lifetime=" + lifetime + "]";
        }
    }

    /**
     * Builds {@link RefreshingTokenAuth}.
     */
    public static final class Builder {
        private final String name;
        private final Fetcher fetcher;
        private Clock clock = Clock.systemUTC();
        private Duration refreshMargin = Duration.ofSeconds(60);
        private Duration refreshCooldown = Duration.ofSeconds(30);
        private Duration maxWait = Duration.ofSeconds(30);

        private Builder(String name, Fetcher fetcher) {
            this.name = name;
            this.fetcher = fetcher;
        }

        /**
         * Sets the clock for expiry and cooldown (default: the system UTC clock).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Sets how long before expiry the token is refreshed (default 60 s; a token living less
         * than twice the margin is refreshed half-way through its life).
         *
         * @param value zero or positive
         * @return this builder
         */
        public Builder refreshMargin(Duration value) {
            this.refreshMargin = nonNegative("refreshMargin", value);
            return this;
        }

        /**
         * Sets how long after a failed fetch no new fetch starts (default 30 s).
         *
         * @param value zero or positive
         * @return this builder
         */
        public Builder refreshCooldown(Duration value) {
            this.refreshCooldown = nonNegative("refreshCooldown", value);
            return this;
        }

        /**
         * Sets the longest a caller waits for another caller's fetch (default 30 s).
         *
         * @param value positive
         * @return this builder
         */
        public Builder maxWait(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new NhsValidationException("maxWait", "must be positive");
            }
            this.maxWait = value;
            return this;
        }

        /**
         * Builds the provider.
         *
         * @return the provider
         */
        public RefreshingTokenAuth build() {
            return new RefreshingTokenAuth(this);
        }

        private static Duration nonNegative(String field, Duration value) {
            if (value == null || value.isNegative()) {
                throw new NhsValidationException(field, "must be zero or positive");
            }
            return value;
        }
    }
}
