package uk.nhs.sdk.testkit.internal.oidc;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An identity provider's signing keys: the JWKS publishes every key made so far and tokens are
 * signed with the newest. {@link #rotate()} adds a key with a new {@code kid}, as a provider does
 * when it rotates. The first key is made on first use, so a sandbox that never signs anyone in
 * pays for no key generation.
 */
public final class ProviderKeys {
    private final String kidPrefix;
    private final List<Key> keys = new ArrayList<>();

    /** One key pair and its {@code kid}. */
    record Key(String kid, RSAPrivateKey privateKey, RSAPublicKey publicKey) {}

    ProviderKeys(String kidPrefix) {
        this.kidPrefix = kidPrefix;
    }

    /**
     * The key tokens are signed with now.
     *
     * @return the newest key
     */
    synchronized Key current() {
        if (keys.isEmpty()) {
            keys.add(generate(kidPrefix + "-1"));
        }
        return keys.get(keys.size() - 1);
    }

    /**
     * Publishes a new key and signs with it from now on; the old keys stay published.
     *
     * @return the new key's {@code kid}
     */
    public synchronized String rotate() {
        current();
        Key k = generate(kidPrefix + "-" + (keys.size() + 1));
        keys.add(k);
        return k.kid();
    }

    /**
     * A published key.
     *
     * @param kid the {@code kid}
     * @return the key, when published
     */
    public synchronized Optional<RSAPublicKey> publicKey(String kid) {
        current();
        return keys.stream()
                .filter(k -> k.kid().equals(kid))
                .map(Key::publicKey)
                .findFirst();
    }

    /**
     * The JWKS document.
     *
     * @return {@code {"keys":[...]}} with every published key
     */
    synchronized Map<String, Object> jwks() {
        current();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Key k : keys) {
            Map<String, Object> jwk = new LinkedHashMap<>();
            jwk.put("kty", "RSA");
            jwk.put("kid", k.kid());
            jwk.put("use", "sig");
            jwk.put("alg", "RS512");
            jwk.put("n", base64url(k.publicKey().getModulus()));
            jwk.put("e", base64url(k.publicKey().getPublicExponent()));
            out.add(jwk);
        }
        return Map.of("keys", out);
    }

    private static String base64url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static Key generate(String kid) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair kp = g.generateKeyPair();
            return new Key(kid, (RSAPrivateKey) kp.getPrivate(), (RSAPublicKey) kp.getPublic());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available in this JVM", e);
        }
    }
}
