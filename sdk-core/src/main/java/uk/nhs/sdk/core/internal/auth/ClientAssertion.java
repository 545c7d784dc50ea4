package uk.nhs.sdk.core.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.internal.json.Json;

/**
 * Builds the API Platform client assertion: a JWS signed RS512 with header
 * {@code {"alg":"RS512","typ":"JWT","kid":...}} and claims {@code iss = sub = API key},
 * {@code aud} = the exact token URL, a fresh {@code jti} and {@code exp = now +}
 * {@value #LIFETIME_SECONDS} s. Internal.
 */
public final class ClientAssertion {
    /**
     * The assertion lifetime in seconds. The platform refuses an {@code exp} more than 5 minutes
     * (plus 10 s of allowance) ahead of its own clock (identity.md §C2), and it reads {@code exp}
     * against its clock, not ours: with {@code exp = now + 300 s} a client clock only a few
     * seconds fast is refused. 240 s leaves a minute of slack for a fast client clock while the
     * assertion, which is used at once, stays valid for minutes against a slow one.
     */
    public static final long LIFETIME_SECONDS = 240;

    private ClientAssertion() {}

    /**
     * Signs a new assertion.
     *
     * @param apiKey the application's API key
     * @param keyId the key id registered in the application's JWKS
     * @param key the private key
     * @param audience the exact token URL
     * @param now the current time
     * @return the compact JWS
     */
    public static String sign(String apiKey, String keyId, RSAPrivateKey key, String audience, Instant now) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS512");
        header.put("typ", "JWT");
        header.put("kid", keyId);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", apiKey);
        claims.put("sub", apiKey);
        claims.put("aud", audience);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("exp", now.getEpochSecond() + LIFETIME_SECONDS);
        String signingInput = b64(Json.write(header).getBytes(StandardCharsets.UTF_8)) + "."
                + b64(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance("SHA512withRSA");
            s.initSign(key);
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(s.sign());
        } catch (GeneralSecurityException e) {
            throw new NhsConfigurationException("cannot sign the client assertion with the private key", e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
