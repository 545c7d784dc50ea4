package uk.nhs.sdk.testkit.internal.oauth;

import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The applications registered with the sandbox's OAuth2 server: API key to the public keys of the
 * application's JWKS, by {@code kid}.
 */
public final class RegisteredApplications {
    private final Map<String, Map<String, RSAPublicKey>> keysByApiKey = new ConcurrentHashMap<>();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    /**
     * Registers an application's secret, which the authorization-code and refresh grants of the
     * combined flow check with its API key.
     *
     * @param apiKey the application's API key
     * @param secret the secret
     */
    public void registerSecret(String apiKey, String secret) {
        registerWithoutKeys(apiKey);
        secrets.put(apiKey, Objects.requireNonNull(secret, "secret"));
    }

    boolean secretMatches(String apiKey, String secret) {
        return apiKey != null && secret != null && secret.equals(secrets.get(apiKey));
    }

    /**
     * Registers an application's public key (adds to its JWKS).
     *
     * @param apiKey the application's API key
     * @param keyId the key's {@code kid}
     * @param publicKey the key
     */
    public void register(String apiKey, String keyId, RSAPublicKey publicKey) {
        Objects.requireNonNull(publicKey, "publicKey");
        keysByApiKey
                .computeIfAbsent(Objects.requireNonNull(apiKey, "apiKey"), k -> new ConcurrentHashMap<>())
                .put(Objects.requireNonNull(keyId, "keyId"), publicKey);
    }

    /**
     * Registers an application with no public key (token requests get the 403 the platform sends).
     *
     * @param apiKey the API key
     */
    public void registerWithoutKeys(String apiKey) {
        keysByApiKey.computeIfAbsent(Objects.requireNonNull(apiKey, "apiKey"), k -> new ConcurrentHashMap<>());
    }

    /**
     * Whether an API key belongs to a registered application (API fakes that take the
     * {@code apikey} header check it here).
     *
     * @param apiKey the key
     * @return {@code true} when registered
     */
    public boolean isKnown(String apiKey) {
        return keysByApiKey.containsKey(apiKey);
    }

    boolean hasKeys(String apiKey) {
        Map<String, RSAPublicKey> keys = keysByApiKey.get(apiKey);
        return keys != null && !keys.isEmpty();
    }

    Optional<RSAPublicKey> key(String apiKey, String keyId) {
        Map<String, RSAPublicKey> keys = keysByApiKey.get(apiKey);
        return keys == null ? Optional.empty() : Optional.ofNullable(keys.get(keyId));
    }
}
