package uk.nhs.sdk.testkit.internal.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import uk.nhs.sdk.testkit.internal.AccessMode;
import uk.nhs.sdk.testkit.internal.oidc.IdentityProviders;
import uk.nhs.sdk.testkit.internal.oidc.Jws;
import uk.nhs.sdk.testkit.internal.oidc.OidcProvider;

/**
 * The API Platform's checks of a token exchange's {@code subject_token}, the ID token of CIS2 or
 * NHS login (identity.md §C4; identity-service-api {@code validate-subject-token-claims.js}): the
 * JOSE header ({@code kid}, {@code typ} JWT, {@code alg}), {@code exp} an unexpired integer,
 * {@code iss} and {@code aud} present, then the signature against the issuing provider's JWKS,
 * the issuer a provider the sandbox hosts, the audience a client registered with it, and the
 * {@code jti} never exchanged before. A good token gives the access mode the platform's token
 * carries: a healthcare worker at the CIS2 {@code acr}'s level, or a patient at the NHS login
 * {@code vot}'s proofing level with the {@code nhs_number}.
 */
final class SubjectTokenRules {
    private final IdentityProviders providers;
    private final Set<String> usedJtis = ConcurrentHashMap.newKeySet();

    SubjectTokenRules(IdentityProviders providers) {
        this.providers = providers;
    }

    void reset() {
        usedJtis.clear();
    }

    /** The outcome: a refusal's catalogue description, or the mode and provider of a good token. */
    record Outcome(Optional<String> refusal, AccessMode mode, String provider) {
        static Outcome refused(String description) {
            return new Outcome(Optional.of(description), AccessMode.applicationRestricted(), "");
        }
    }

    Outcome check(String subjectToken, Instant now) {
        Optional<Jws.Parsed> parsed = Jws.parse(subjectToken);
        if (parsed.isEmpty()) {
            return Outcome.refused("Malformed JWT in subject_token");
        }
        JsonNode header = parsed.get().header();
        JsonNode claims = parsed.get().claims();
        String kid = header.path("kid").asText("");
        if (kid.isEmpty()) {
            return Outcome.refused("Missing 'kid' header in subject_token JWT");
        }
        if (!"jwt".equals(header.path("typ").asText("").toLowerCase(Locale.ROOT))) {
            return Outcome.refused("Invalid 'typ' header in subject_token JWT - must be 'JWT'");
        }
        if (header.path("alg").asText("").isEmpty()) {
            return Outcome.refused("Missing 'alg' header in subject_token JWT");
        }
        JsonNode exp = claims.path("exp");
        if (exp.isMissingNode() || exp.isNull()) {
            return Outcome.refused("Missing 'exp' claim in subject_token JWT");
        }
        if (!exp.isNumber()) {
            return Outcome.refused("Invalid 'exp' claim in subject_token JWT - must be an integer");
        }
        if (now.getEpochSecond() > exp.asLong()) {
            return Outcome.refused("Invalid 'exp' claim in subject_token JWT - JWT has expired");
        }
        String iss = claims.path("iss").asText("");
        if (iss.isEmpty()) {
            return Outcome.refused("Missing 'iss' claim in subject_token JWT");
        }
        JsonNode aud = claims.path("aud");
        if (aud.isMissingNode() || aud.isNull() || aud.asText("").isEmpty() && !aud.isArray()) {
            return Outcome.refused("Missing 'aud' claim in subject_token JWT");
        }
        Optional<OidcProvider> provider = providers.byIssuer(iss);
        if (provider.isEmpty()) {
            return Outcome.refused("subject_token is invalid");
        }
        Optional<RSAPublicKey> key = provider.get().keys().publicKey(kid);
        if (key.isEmpty()) {
            return Outcome.refused("Invalid 'kid' header in subject_token JWT - no matching public key");
        }
        if (!header.path("alg").asText("").startsWith("RS")
                || !parsed.get().verifiesWith(key.get())
                || !audienceRegistered(aud, provider.get())) {
            return Outcome.refused("subject_token is invalid");
        }
        String jti = claims.path("jti").asText("");
        if (!jti.isEmpty() && !usedJtis.add(iss + "\n" + jti)) {
            return Outcome.refused("Non-unique jti claim in JWT");
        }
        return new Outcome(
                Optional.empty(), mode(provider.get(), claims), provider.get().name());
    }

    private static boolean audienceRegistered(JsonNode aud, OidcProvider provider) {
        if (aud.isArray()) {
            for (JsonNode a : aud) {
                if (provider.isClient(a.asText())) {
                    return true;
                }
            }
            return false;
        }
        return provider.isClient(aud.asText());
    }

    /**
     * The access mode an ID token gives.
     *
     * @param provider the issuing provider
     * @param claims the ID token's claims
     * @return the mode
     */
    static AccessMode mode(OidcProvider provider, JsonNode claims) {
        if (provider.isCis2()) {
            String acr = claims.path("acr").asText("");
            return AccessMode.healthcareWorker(acr.length() >= 4 ? acr.substring(0, 4) : acr);
        }
        String vot = claims.path("vot").asText("");
        String level = vot.length() >= 2
                ? vot.substring(0, 2)
                : claims.path("identity_proofing_level").asText("P0");
        return AccessMode.patient(level, claims.path("nhs_number").asText(""));
    }
}
