package uk.nhs.sdk.testkit.internal.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import uk.nhs.sdk.testkit.internal.Json;

/**
 * The API Platform's rules for a token request's signed JWT ({@code client_credentials} and token
 * exchange), in
 * the order its proxy applies them (identity-service-api {@code validate-client-assertion-claims.js},
 * {@code VerifyJWT.ClientCredentials.xml}): the assertion's form fields, JOSE header ({@code alg} RS512,
 * {@code kid}, {@code typ} JWT), claims ({@code iss = sub}, {@code jti} unique, {@code exp} an
 * integer no more than 310 s ahead and not past, with 10 s skew), the API key known, {@code aud}
 * exactly the token URL, then the signature against the application's registered key.
 */
final class ClientAssertionRules {
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final long MAX_AHEAD_SECONDS = 310;
    private static final long SKEW_SECONDS = 10;

    private final RegisteredApplications applications;
    private final Set<String> usedJtis = ConcurrentHashMap.newKeySet();

    ClientAssertionRules(RegisteredApplications applications) {
        this.applications = applications;
    }

    void reset() {
        usedJtis.clear();
    }

    /**
     * Checks a token request's client assertion (the grant type is the caller's to check).
     *
     * @param form the decoded form fields
     * @param tokenUrl the exact URL the request was posted to
     * @param now the sandbox time
     * @return the refusal's catalogue description, or empty when the request is good
     */
    Optional<String> check(Map<String, String> form, String tokenUrl, Instant now) {
        if (!ASSERTION_TYPE.equals(form.get("client_assertion_type"))) {
            return Optional.of("Missing or invalid client_assertion_type - must be "
                    + "'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'");
        }
        String jwt = form.get("client_assertion");
        if (jwt == null || jwt.isEmpty()) {
            return Optional.of("Missing client_assertion");
        }
        String[] parts = jwt.split("\\.", -1);
        JsonNode header;
        JsonNode claims;
        byte[] signature;
        try {
            if (parts.length != 3) {
                throw new IllegalArgumentException("not three parts");
            }
            Base64.Decoder d = Base64.getUrlDecoder();
            header = Json.tree(d.decode(parts[0]));
            claims = Json.tree(d.decode(parts[1]));
            signature = d.decode(parts[2]);
            if (!header.isObject() || !claims.isObject()) {
                throw new IllegalArgumentException("not JSON objects");
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            return Optional.of("Malformed JWT in client_assertion");
        }
        if (!"RS512".equals(header.path("alg").asText(null))) {
            return Optional.of(
                    "Invalid 'alg' header in client_assertion JWT - unsupported JWT algorithm - must be 'RS512'");
        }
        String kid = header.path("kid").asText(null);
        if (kid == null || kid.isEmpty()) {
            return Optional.of("Missing 'kid' header in client_assertion JWT");
        }
        String typ = header.path("typ").asText("");
        if (!"jwt".equals(typ.toLowerCase(Locale.ROOT))) {
            return Optional.of("Invalid 'typ' header in client_assertion JWT - must be 'JWT'");
        }
        JsonNode exp = claims.get("exp");
        if (exp == null || exp.isNull()) {
            return Optional.of("Missing 'exp' claim in client_assertion JWT");
        }
        if (!exp.isIntegralNumber()) {
            return Optional.of("Invalid 'exp' claim in client_assertion JWT - must be an integer");
        }
        long nowSeconds = now.getEpochSecond();
        if (exp.asLong() < nowSeconds - SKEW_SECONDS) {
            return Optional.of("Invalid 'exp' claim in client_assertion JWT - JWT has expired");
        }
        if (exp.asLong() - nowSeconds > MAX_AHEAD_SECONDS) {
            return Optional.of("Invalid 'exp' claim in client_assertion JWT - more than 5 minutes in future");
        }
        String iss = claims.path("iss").asText(null);
        String sub = claims.path("sub").asText(null);
        if (iss == null || sub == null || !iss.equals(sub)) {
            return Optional.of("Missing or non-matching 'iss'/'sub' claims in client_assertion JWT");
        }
        JsonNode jti = claims.get("jti");
        if (jti == null || jti.isNull()) {
            return Optional.of("Missing 'jti' claim in client_assertion JWT");
        }
        if (!jti.isTextual()) {
            return Optional.of(
                    "Invalid 'jti' claim in client_assertion JWT - must be a unique string value such as a GUID");
        }
        if (!usedJtis.add(iss + "\n" + jti.asText())) {
            return Optional.of("Non-unique 'jti' claim in client_assertion JWT");
        }
        if (!applications.isKnown(iss)) {
            return Optional.of("Invalid 'iss'/'sub' claims in client_assertion JWT");
        }
        if (!tokenUrl.equals(claims.path("aud").asText(null))) {
            return Optional.of("Missing or invalid 'aud' claim in client_assertion JWT");
        }
        if (!applications.hasKeys(iss)) {
            return Optional.of("You need to register a public key to use this authentication method - "
                    + "please contact support to configure");
        }
        Optional<RSAPublicKey> key = applications.key(iss, kid);
        if (key.isEmpty()) {
            return Optional.of("Invalid 'kid' header in client_assertion JWT - no matching public key");
        }
        if (!verifies(key.get(), parts[0] + "." + parts[1], signature)) {
            return Optional.of("JWT signature verification failed");
        }
        return Optional.empty();
    }

    private static boolean verifies(RSAPublicKey key, String signingInput, byte[] signature) {
        try {
            Signature s = Signature.getInstance("SHA512withRSA");
            s.initVerify(key);
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
