package uk.nhs.sdk.examples;

import java.util.Optional;

/**
 * Reads credentials from environment variables.
 */
public final class Env {
    private Env() {}

    /**
     * An environment variable, when set and not blank.
     *
     * @param name the variable
     * @return its value
     */
    public static Optional<String> get(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }
}
