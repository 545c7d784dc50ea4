package uk.nhs.sdk.testkit.internal.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An identity provider's {@code private_key_jwt} client authentication (RFC 7523; NHS login EIS
 * §3.5; CIS2): the assertion type, a JWS signed with an accepted RSA algorithm by a key registered
 * for the client, {@code iss = sub = client_id}, {@code aud} exactly the token endpoint as
 * discovery gives it, {@code exp} not passed (10 s skew) and a {@code jti} never seen before.
 */
final class ClientAssertions {
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final long SKEW_SECONDS = 10;

    private final Set<String> algorithms;
    private final Map<String, Map<String, RSAPublicKey>> clients;
    private final Set<String> usedJtis = ConcurrentHashMap.newKeySet();

    ClientAssertions(Set<String> algorithms, Map<String, Map<String, RSAPublicKey>> clients) {
        this.algorithms = algorithms;
        this.clients = clients;
    }

    void reset() {
        usedJtis.clear();
    }

    /**
     * Authenticates a token request's client.
     *
     * @param form the form fields
     * @param tokenEndpoint the token endpoint as the discovery document names it
     * @param now the sandbox time
     * @return the authenticated client id
     * @throws OAuthRefusal when a rule is broken
     */
    String authenticate(Map<String, String> form, String tokenEndpoint, Instant now) {
        if (!ASSERTION_TYPE.equals(form.get("client_assertion_type"))) {
            throw OAuthRefusal.invalidClient("client_assertion_type must be " + ASSERTION_TYPE);
        }
        Jws.Parsed jwt = Jws.parse(form.get("client_assertion"))
                .orElseThrow(() -> OAuthRefusal.invalidClient("client_assertion is not a signed JWT"));
        String alg = jwt.header().path("alg").asText("");
        if (!algorithms.contains(alg)) {
            throw OAuthRefusal.invalidClient("client_assertion alg is not one the provider accepts");
        }
        JsonNode claims = jwt.claims();
        String iss = claims.path("iss").asText(null);
        String sub = claims.path("sub").asText(null);
        if (iss == null || !iss.equals(sub)) {
            throw OAuthRefusal.invalidClient("client_assertion iss and sub must both be the client_id");
        }
        String clientId = form.get("client_id");
        if (clientId != null && !clientId.equals(iss)) {
            throw OAuthRefusal.invalidClient("client_assertion iss is not the client_id sent");
        }
        Map<String, RSAPublicKey> keys = clients.get(iss);
        if (keys == null) {
            throw OAuthRefusal.invalidClient("client_id is not registered with the provider");
        }
        if (!audienceIs(claims.path("aud"), tokenEndpoint)) {
            throw OAuthRefusal.invalidClient("client_assertion aud must be the token endpoint exactly");
        }
        JsonNode exp = claims.path("exp");
        if (!exp.isIntegralNumber()) {
            throw OAuthRefusal.invalidClient("client_assertion exp is missing or not an integer");
        }
        if (exp.asLong() < now.getEpochSecond() - SKEW_SECONDS) {
            throw OAuthRefusal.invalidClient("client_assertion has expired");
        }
        String jti = claims.path("jti").asText("");
        if (jti.isEmpty()) {
            throw OAuthRefusal.invalidClient("client_assertion jti is missing");
        }
        Optional<RSAPublicKey> key =
                Optional.ofNullable(keys.get(jwt.header().path("kid").asText("")));
        if (key.isEmpty()) {
            throw OAuthRefusal.invalidClient("client_assertion kid is not a key registered for the client");
        }
        if (!jwt.verifiesWith(key.get())) {
            throw OAuthRefusal.invalidClient("client_assertion signature does not verify");
        }
        if (!usedJtis.add(iss + "\n" + jti)) {
            throw OAuthRefusal.invalidClient("client_assertion jti was used before");
        }
        return iss;
    }

    private static boolean audienceIs(JsonNode aud, String tokenEndpoint) {
        if (aud.isTextual()) {
            return aud.asText().equals(tokenEndpoint);
        }
        if (aud.isArray() && aud.size() > 0) {
            for (JsonNode a : aud) {
                if (!a.asText().equals(tokenEndpoint)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
