package uk.nhs.sdk.testkit;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;
import java.util.UUID;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.Jwks;

/**
 * An API Platform application registered with an {@link NhsSandbox}: its API key, its secret
 * and the RSA key pair whose public half is in its JWKS. The sandbox makes one at start ({@link
 * NhsSandbox#application()}); {@link #generate(String)} makes more.
 */
public final class SandboxApplication {
    private final Secret apiKey;
    private final Secret clientSecret;
    private final String keyId;
    private final RSAPrivateKey privateKey;
    private final RSAPublicKey publicKey;

    private SandboxApplication(Secret apiKey, String keyId, RSAPrivateKey privateKey, RSAPublicKey publicKey) {
        this.apiKey = apiKey;
        this.clientSecret =
                Secret.of(UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        this.keyId = keyId;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /**
     * Makes an application with a random API key and a fresh 2048-bit RSA key pair. Register it
     * with {@link NhsSandbox#register(SandboxApplication)}.
     *
     * @param keyId the {@code kid} of its key
     * @return the application
     */
    public static SandboxApplication generate(String keyId) {
        Objects.requireNonNull(keyId, "keyId");
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair kp = g.generateKeyPair();
            return new SandboxApplication(
                    Secret.of(UUID.randomUUID().toString().replace("-", "")),
                    keyId,
                    (RSAPrivateKey) kp.getPrivate(),
                    (RSAPublicKey) kp.getPublic());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available in this JVM", e);
        }
    }

    /**
     * The API key: the client assertion's {@code iss} and {@code sub}.
     *
     * @return the key
     */
    public Secret apiKey() {
        return apiKey;
    }

    /**
     * The application's secret, which the combined flow's {@code authorization_code} and
     * {@code refresh_token} grants send with the API key as {@code client_id}.
     *
     * @return the secret
     */
    public Secret clientSecret() {
        return clientSecret;
    }

    /**
     * The {@code kid} of the signing key.
     *
     * @return the key id
     */
    public String keyId() {
        return keyId;
    }

    /**
     * The private signing key.
     *
     * @return the key
     */
    public RSAPrivateKey privateKey() {
        return privateKey;
    }

    /**
     * The public key registered in the application's JWKS.
     *
     * @return the key
     */
    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /**
     * The application's JWKS, as registered with the platform.
     *
     * @return the JWKS JSON
     */
    public String jwksJson() {
        return Jwks.toJson(publicKey, keyId);
    }

    @Override
    public String toString() {
        return "SandboxApplication[kid=" + keyId + "]";
    }
}
