package uk.nhs.sdk.core.auth;

import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import uk.nhs.sdk.core.internal.json.Json;

/**
 * Prints the JSON Web Key Set an application registers with the API Platform (hosted at its
 * JWKS URL or pasted into the developer portal) so the platform can verify its client
 * assertions.
 */
public final class Jwks {
    private Jwks() {}

    /**
     * The JWKS holding one RSA public key.
     *
     * @param publicKey the public key
     * @param keyId the {@code kid} the client assertions will carry
     * @return {@code {"keys":[{"kty":"RSA","n":...,"e":...,"alg":"RS512","kid":...,"use":"sig"}]}}
     */
    public static String toJson(RSAPublicKey publicKey, String keyId) {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(keyId, "keyId");
        Map<String, String> key = new LinkedHashMap<>();
        key.put("kty", "RSA");
        key.put("n", base64Url(publicKey.getModulus()));
        key.put("e", base64Url(publicKey.getPublicExponent()));
        key.put("alg", "RS512");
        key.put("kid", keyId);
        key.put("use", "sig");
        return Json.write(Map.of("keys", List.of(key)));
    }

    static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
