package uk.nhs.sdk.core.internal.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import uk.nhs.sdk.core.Secret;

/**
 * An access token and the two instants that matter to a cache: when it should be refreshed and
 * when it expires. Immutable; {@link #toString()} never shows the token. Internal.
 */
public final class AccessToken {
    private final Secret value;
    private final Instant refreshAt;
    private final Instant expiresAt;
    /** {@code Bearer <token>}, built once: every API call sends it, and 200 threads building it allocate. */
    private final String bearerHeader;
    /** {@link #refreshAt} in epoch milliseconds, rounded down, for the cache's allocation-free check. */
    private final long refreshAtMillis;

    private AccessToken(Secret value, Instant refreshAt, Instant expiresAt) {
        this.value = value;
        this.refreshAtMillis = epochMillisFloor(refreshAt);
        this.bearerHeader = "Bearer " + value.reveal();
        this.refreshAt = refreshAt;
        this.expiresAt = expiresAt;
    }

    /**
     * A token obtained at {@code obtainedAt} that lives {@code lifetime}, to be refreshed
     * {@code refreshMargin} before it expires. A token whose lifetime is shorter than twice the
     * margin is refreshed half-way through its life instead, so a short-lived token is still
     * served from the cache for a while.
     *
     * @param value the token
     * @param obtainedAt when it was requested (the start of the request, so expiry errs early)
     * @param lifetime how long it lives, positive
     * @param refreshMargin how long before expiry to refresh, zero or positive
     * @return the token
     */
    public static AccessToken of(Secret value, Instant obtainedAt, Duration lifetime, Duration refreshMargin) {
        Objects.requireNonNull(value, "value");
        Instant expiresAt = obtainedAt.plus(lifetime);
        Duration half = lifetime.dividedBy(2);
        Duration margin = refreshMargin.compareTo(half) > 0 ? half : refreshMargin;
        return new AccessToken(value, expiresAt.minus(margin), expiresAt);
    }

    /**
     * The token.
     *
     * @return the secret token
     */
    public Secret value() {
        return value;
    }

    /**
     * The {@code Authorization} header value that carries the token: {@code Bearer <token>}. A
     * secret, like {@link #value()}.
     *
     * @return the header value, the same instance on every call
     */
    public String bearerHeader() {
        return bearerHeader;
    }

    /**
     * When the token expires.
     *
     * @return the expiry
     */
    public Instant expiresAt() {
        return expiresAt;
    }

    /**
     * When a refresh should start.
     *
     * @return the refresh instant, before the expiry
     */
    public Instant refreshAt() {
        return refreshAt;
    }

    /**
     * Whether the token is valid and not yet due for a refresh.
     *
     * @param now the current time
     * @return {@code true} before {@link #refreshAt()}
     */
    public boolean fresh(Instant now) {
        return now.isBefore(refreshAt);
    }

    /**
     * Whether the token is certainly fresh at {@code nowMillis} (a clock's {@link java.time.Clock#millis()}):
     * {@code true} only when {@link #fresh(Instant)} is true for every instant within that
     * millisecond. It reads no {@link Instant}, so the cache's hot path allocates nothing; a
     * {@code false} within the millisecond before {@link #refreshAt()} sends the caller to the
     * exact check.
     *
     * @param nowMillis the current time in epoch milliseconds
     * @return {@code true} when the token is fresh throughout that millisecond
     */
    public boolean freshAtMillis(long nowMillis) {
        return nowMillis < refreshAtMillis;
    }

    private static long epochMillisFloor(Instant i) {
        if (i.getEpochSecond() >= Long.MAX_VALUE / 1000) {
            return Long.MAX_VALUE;
        }
        if (i.getEpochSecond() <= Long.MIN_VALUE / 1000) {
            return Long.MIN_VALUE;
        }
        return i.getEpochSecond() * 1000 + i.getNano() / 1_000_000;
    }

    /**
     * Whether the token is still valid (it may be due for a refresh).
     *
     * @param now the current time
     * @return {@code true} before {@link #expiresAt()}
     */
    public boolean valid(Instant now) {
        return now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "AccessToken[refreshAt=" + refreshAt + ", expiresAt=" + expiresAt + "]";
    }
}
