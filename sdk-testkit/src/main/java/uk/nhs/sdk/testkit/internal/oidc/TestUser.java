package uk.nhs.sdk.testkit.internal.oidc;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A test user a fake identity provider signs in: its id (what a test chooses it by), its
 * {@code sub}, its level (a CIS2 {@code acr} such as {@code AAL3_ANY}, an NHS login proofing level
 * such as {@code P9}), its NHS number when it has one and the profile claims its tokens carry.
 * {@link #toString()} names the id only.
 */
public final class TestUser {
    private final String id;
    private final String sub;
    private final String level;
    private final String nhsNumber;
    private final Map<String, Object> claims;

    TestUser(String id, String sub, String level, String nhsNumber, Map<String, Object> claims) {
        this.id = Objects.requireNonNull(id, "id");
        this.sub = Objects.requireNonNull(sub, "sub");
        this.level = Objects.requireNonNull(level, "level");
        this.nhsNumber = nhsNumber == null ? "" : nhsNumber;
        this.claims = Map.copyOf(claims);
    }

    /**
     * The id a test chooses the user by.
     *
     * @return for example {@code p9} or {@code 555254240100}
     */
    public String id() {
        return id;
    }

    /**
     * The subject identifier in the user's tokens.
     *
     * @return the {@code sub}
     */
    public String sub() {
        return sub;
    }

    /**
     * The user's level: the {@code acr} a CIS2 user authenticates at, the proofing level of an NHS
     * login user.
     *
     * @return the level
     */
    public String level() {
        return level;
    }

    /**
     * The user's NHS number.
     *
     * @return the number, when the user has one
     */
    public Optional<String> nhsNumber() {
        return nhsNumber.isEmpty() ? Optional.empty() : Optional.of(nhsNumber);
    }

    /**
     * The profile claims the user's ID token and UserInfo carry, besides the protocol's own.
     *
     * @return the claims; unmodifiable
     */
    public Map<String, Object> claims() {
        return claims;
    }

    @Override
    public String toString() {
        return "TestUser[" + id + "]";
    }
}
