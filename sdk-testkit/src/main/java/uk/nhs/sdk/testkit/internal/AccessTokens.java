package uk.nhs.sdk.testkit.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access tokens a sandbox issued and when each expires. API fakes ask it whether a bearer
 * token is valid, so a client that skips or botches the token flow is refused as it would be by
 * the real API Platform.
 */
public final class AccessTokens {
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();

    /** When a token expires and how it may be used. */
    private record Issued(Instant expiry, AccessMode mode) {}

    AccessTokens(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Issues a new opaque application-restricted token (28 characters, like the platform's).
     *
     * @param lifetime how long it is valid
     * @return the token
     */
    public String issue(Duration lifetime) {
        return issue(lifetime, AccessMode.applicationRestricted());
    }

    /**
     * Issues a new opaque token (28 characters, like the platform's) that remembers its access mode.
     *
     * @param lifetime how long it is valid
     * @param mode how the token may be used
     * @return the token
     */
    public String issue(Duration lifetime, AccessMode mode) {
        Objects.requireNonNull(mode, "mode");
        char[] c = new char[28];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        String token = new String(c);
        issued.put(token, new Issued(clock.instant().plus(lifetime), mode));
        return token;
    }

    /**
     * The access mode of a valid token.
     *
     * @param token the token, without the {@code Bearer } prefix
     * @return its mode, empty when the token was not issued here or has expired
     */
    public Optional<AccessMode> mode(String token) {
        Issued i = token == null ? null : issued.get(token);
        return i != null && clock.instant().isBefore(i.expiry()) ? Optional.of(i.mode()) : Optional.empty();
    }

    /**
     * The access mode of the token in an {@code Authorization} header.
     *
     * @param authorization the header value, or {@code null} when absent
     * @return its mode, empty unless the header is {@code Bearer <valid token>}
     */
    public Optional<AccessMode> modeOfBearer(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Optional.empty();
        }
        return mode(authorization.substring("Bearer ".length()).strip());
    }

    /**
     * Whether a token was issued here and has not expired.
     *
     * @param token the token, without the {@code Bearer } prefix
     * @return {@code true} when valid
     */
    public boolean isValid(String token) {
        return mode(token).isPresent();
    }

    /**
     * Checks an {@code Authorization} header value.
     *
     * @param authorization the header value, or {@code null} when absent
     * @return {@code true} when it is {@code Bearer <valid token>}
     */
    public boolean isValidBearer(String authorization) {
        return authorization != null
                && authorization.startsWith("Bearer ")
                && isValid(authorization.substring("Bearer ".length()).strip());
    }

    /**
     * How many tokens were issued since the last reset.
     *
     * @return the count
     */
    public int issuedCount() {
        return issued.size();
    }

    /**
     * Forgets every token.
     */
    public void clear() {
        issued.clear();
    }
}
