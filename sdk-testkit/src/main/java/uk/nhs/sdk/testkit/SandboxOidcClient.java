package uk.nhs.sdk.testkit;

import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;

/**
 * A relying party registered with one of the sandbox's identity providers (CIS2 or NHS login):
 * its client id and the RSA key pair whose public half the provider checks its
 * {@code private_key_jwt} client assertions with. This is the identity a service registers with
 * CIS2 or NHS login, not its API Platform application ({@link SandboxApplication}).
 */
public final class SandboxOidcClient {
    private final String clientId;
    private final String keyId;
    private final RSAPrivateKey privateKey;
    private final RSAPublicKey publicKey;

    SandboxOidcClient(String clientId, String keyId, RSAPrivateKey privateKey, RSAPublicKey publicKey) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    }

    /**
     * The client id: the client assertion's {@code iss} and {@code sub}, and the ID token's
     * {@code aud}.
     *
     * @return the client id
     */
    public String clientId() {
        return clientId;
    }

    /**
     * The {@code kid} of the client's signing key.
     *
     * @return the key id
     */
    public String keyId() {
        return keyId;
    }

    /**
     * The client's private signing key.
     *
     * @return the key
     */
    public RSAPrivateKey privateKey() {
        return privateKey;
    }

    /**
     * The public key the provider has registered for the client.
     *
     * @return the key
     */
    public RSAPublicKey publicKey() {
        return publicKey;
    }

    @Override
    public String toString() {
        return "SandboxOidcClient[" + clientId + ", kid=" + keyId + "]";
    }
}
