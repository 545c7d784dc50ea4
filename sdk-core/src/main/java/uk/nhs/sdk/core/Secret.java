package uk.nhs.sdk.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * A secret value (API key, password, shared key, access token) that never prints itself.
 *
 * <p>{@link #toString()} is {@code ***}; only {@link #reveal()} gives the value, so every use is
 * deliberate and easy to find in review.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * Wraps a secret value.
     *
     * @param value the secret; must not be empty
     * @return the secret
     * @throws NhsValidationException when the value is empty
     */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new NhsValidationException("secret", "must not be empty");
        }
        return new Secret(value);
    }

    /**
     * The secret value. Never log it.
     *
     * @return the value
     */
    public String reveal() {
        return value;
    }

    /**
     * The secret as UTF-8 bytes (a fresh copy).
     *
     * @return the bytes
     */
    public byte[] revealBytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Constant-time comparison with another secret.
     *
     * @param o the other object
     * @return whether both hold the same value
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Secret && MessageDigest.isEqual(revealBytes(), ((Secret) o).revealBytes());
    }

    @Override
    public int hashCode() {
        return 0x5ec7e7;
    }

    /**
     * Never the value.
     *
     * @return {@code ***}
     */
    @Override
    public String toString() {
        return "***";
    }
}
