package uk.nhs.sdk.testkit.internal.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import uk.nhs.sdk.testkit.internal.Json;

/**
 * Compact JWS for the fakes, with the JDK's {@link Signature} only: RS256, RS384 and RS512
 * signatures made and checked, and a token split into its JSON header, claims and signature.
 */
public final class Jws {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Jws() {}

    /** A token split into its parts, not yet verified. */
    public static final class Parsed {
        private final JsonNode header;
        private final JsonNode claims;
        private final String signingInput;
        private final byte[] signature;

        Parsed(JsonNode header, JsonNode claims, String signingInput, byte[] signature) {
            this.header = header;
            this.claims = claims;
            this.signingInput = signingInput;
            this.signature = signature.clone();
        }

        /**
         * The JOSE header.
         *
         * @return the header object
         */
        public JsonNode header() {
            return header;
        }

        /**
         * The claims.
         *
         * @return the claims object
         */
        public JsonNode claims() {
            return claims;
        }

        /**
         * Whether the signature verifies with the key under the header's {@code alg}.
         *
         * @param key the public key
         * @return {@code true} when it verifies with an RSA algorithm
         */
        public boolean verifiesWith(PublicKey key) {
            Optional<String> jca = jcaName(header.path("alg").asText(""));
            if (jca.isEmpty()) {
                return false;
            }
            try {
                Signature s = Signature.getInstance(jca.get());
                s.initVerify(key);
                s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
                return s.verify(signature);
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
    }

    /**
     * Splits a compact JWS.
     *
     * @param compact the token
     * @return its parts, empty when it is not three base64url parts whose first two are JSON objects
     */
    public static Optional<Parsed> parse(String compact) {
        if (compact == null) {
            return Optional.empty();
        }
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            Base64.Decoder d = Base64.getUrlDecoder();
            JsonNode header = Json.tree(d.decode(parts[0]));
            JsonNode claims = Json.tree(d.decode(parts[1]));
            byte[] signature = d.decode(parts[2]);
            if (header == null || claims == null || !header.isObject() || !claims.isObject()) {
                return Optional.empty();
            }
            return Optional.of(new Parsed(header, claims, parts[0] + "." + parts[1], signature));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Signs claims with RS512 and the header {@code {"alg":"RS512","typ":"JWT","kid":...}}.
     *
     * @param keyId the {@code kid}
     * @param key the private key
     * @param claims the claims
     * @return the compact JWS
     */
    public static String signRs512(String keyId, PrivateKey key, Map<String, ?> claims) {
        return sign("RS512", keyId, key, claims);
    }

    /**
     * Signs claims with an RSA algorithm and the header {@code {"alg":...,"typ":"JWT","kid":...}}.
     *
     * @param alg {@code RS256}, {@code RS384} or {@code RS512}
     * @param keyId the {@code kid}
     * @param key the private key
     * @param claims the claims
     * @return the compact JWS
     */
    public static String sign(String alg, String keyId, PrivateKey key, Map<String, ?> claims) {
        String header = ENCODER.encodeToString(
                Json.write(Map.of("alg", alg, "typ", "JWT", "kid", keyId)).getBytes(StandardCharsets.UTF_8));
        String payload = ENCODER.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        String input = header + "." + payload;
        try {
            Signature s = Signature.getInstance(
                    jcaName(alg).orElseThrow(() -> new IllegalArgumentException("not an RSA algorithm")));
            s.initSign(key);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + ENCODER.encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + alg, e);
        }
    }

    private static Optional<String> jcaName(String alg) {
        switch (alg) {
            case "RS256":
                return Optional.of("SHA256withRSA");
            case "RS384":
                return Optional.of("SHA384withRSA");
            case "RS512":
                return Optional.of("SHA512withRSA");
            default:
                return Optional.empty();
        }
    }
}
