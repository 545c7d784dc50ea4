package uk.nhs.sdk.testkit.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access tokens a sandbox issued and when each expires. API fakes ask it whether a bearer
 * token is valid, so a client that skips or botches the token flow is refused as it would be by
 * the real API Platform.
 */
public final class AccessTokens {
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

    AccessTokens(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Issues a new opaque token (28 characters, like the platform's).
     *
     * @param lifetime how long it is valid
     * @return the token
     */
    public String issue(Duration lifetime) {
        char[] c = new char[28];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        String token = new String(c);
        expiries.put(token, clock.instant().plus(lifetime));
        return token;
    }

    /**
     * Whether a token was issued here and has not expired.
     *
     * @param token the token, without the {@code Bearer } prefix
     * @return {@code true} when valid
     */
    public boolean isValid(String token) {
        Instant expiry = token == null ? null : expiries.get(token);
        return expiry != null && clock.instant().isBefore(expiry);
    }

    /**
     * Checks an {@code Authorization} header value.
     *
     * @param authorization the header value, or {@code null} when absent
     * @return {@code true} when it is {@code Bearer <valid token>}
     */
    public boolean isValidBearer(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ")
                && isValid(authorization.substring("Bearer ".length()).strip());
    }

    /**
     * How many tokens were issued since the last reset.
     *
     * @return the count
     */
    public int issuedCount() {
        return expiries.size();
    }

    /**
     * Forgets every token.
     */
    public void clear() {
        expiries.clear();
    }
}
