package uk.nhs.sdk.identity.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.nhs.sdk.identity.oidc.IdTokenValidationException.Reason;

/**
 * Validates ID tokens, OIDC Core §3.1.3.7 plus the NHS providers' rules; each rule fails with its
 * own {@link Reason}. Messages name the rule, never a value. Internal.
 */
final class IdTokenVerifier {
    private final OidcProvider provider;
    private final ProviderMetadata metadata;
    private final String clientId;
    private final Set<JwsAlgorithm> allowed;
    private final Duration leeway;
    private final Clock clock;

    IdTokenVerifier(
            OidcProvider provider,
            ProviderMetadata metadata,
            String clientId,
            Set<JwsAlgorithm> allowed,
            Duration leeway,
            Clock clock) {
        this.provider = provider;
        this.metadata = metadata;
        this.clientId = clientId;
        this.allowed = allowed;
        this.leeway = leeway;
        this.clock = clock;
    }

    /**
     * Validates a token.
     *
     * @param token the token
     * @param nonce the request's nonce, or {@code null} when none is expected (refresh)
     * @param vtr NHS login: the requested vectors (empty: no {@code vot} check)
     * @param minimum CIS2: the required level, or {@code null}
     */
    IdTokenClaims validate(IdToken token, String nonce, List<VectorOfTrust> vtr, AssuranceLevel minimum) {
        SignedJWT jwt = parse(token.value().reveal());
        JWSHeader header = jwt.getHeader();
        JwsAlgorithm alg = JwsAlgorithm.fromName(header.getAlgorithm().getName())
                .filter(allowed::contains)
                .orElseThrow(() -> fail(
                        Reason.ALGORITHM_NOT_ALLOWED,
                        "the signing algorithm is not on the allow-list" + " (none and HMAC are never accepted)"));
        JWK key = metadata.key(header.getKeyID())
                .orElseThrow(() -> fail(Reason.UNKNOWN_KEY, "no key in the provider's JWKS matches the token's kid"));
        verifySignature(jwt, alg, key);
        Map<String, Object> claims;
        try {
            claims = jwt.getJWTClaimsSet().toJSONObject();
        } catch (ParseException e) {
            throw fail(Reason.MALFORMED, "the claims are not a JSON object");
        }
        checkClaims(claims, nonce, vtr, minimum);
        return new IdTokenClaims(claims);
    }

    private static SignedJWT parse(String compact) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(compact);
        } catch (ParseException | RuntimeException e) {
            throw fail(Reason.MALFORMED, "not a compact JWS with JSON header and claims");
        }
        if (jwt instanceof PlainJWT) {
            throw fail(Reason.ALGORITHM_NOT_ALLOWED, "unsigned (alg none)");
        }
        if (!(jwt instanceof SignedJWT)) {
            throw fail(Reason.MALFORMED, "not a signed JWT");
        }
        return (SignedJWT) jwt;
    }

    private static void verifySignature(SignedJWT jwt, JwsAlgorithm alg, JWK key) {
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            throw fail(Reason.UNKNOWN_KEY, "the key with the token's kid is not a signing key");
        }
        if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(alg.name())) {
            throw fail(Reason.ALGORITHM_NOT_ALLOWED, "the token's algorithm differs from its key's");
        }
        JWSVerifier verifier;
        try {
            if (alg.rsa() && key instanceof RSAKey) {
                verifier = new RSASSAVerifier(((RSAKey) key).toRSAPublicKey());
            } else if (!alg.rsa() && key instanceof ECKey) {
                verifier = new ECDSAVerifier(((ECKey) key).toECPublicKey());
            } else {
                throw fail(Reason.ALGORITHM_NOT_ALLOWED, "the token's algorithm does not fit its key's type");
            }
            if (!JWSAlgorithm.parse(alg.name()).equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                throw fail(Reason.SIGNATURE_INVALID, "the signature does not verify against the provider's key");
            }
        } catch (JOSEException | IllegalStateException e) {
            throw fail(Reason.SIGNATURE_INVALID, "the signature cannot be verified with the provider's key");
        }
    }

    private void checkClaims(Map<String, Object> c, String nonce, List<VectorOfTrust> vtr, AssuranceLevel minimum) {
        String iss = Claims.string(c.get("iss"));
        if (iss == null || !iss.equals(metadata.discovery().issuer)) {
            throw fail(
                    Reason.ISSUER_MISMATCH,
                    "iss is not exactly the issuer of " + provider.name() + "'s discovery document");
        }
        List<String> aud = Claims.strings(c.get("aud"));
        if (!aud.contains(clientId)) {
            throw fail(Reason.AUDIENCE_MISMATCH, "aud does not contain the client id");
        }
        Object azp = c.get("azp");
        if (azp != null && !clientId.equals(azp) || azp == null && aud.size() > 1) {
            throw fail(
                    Reason.AUTHORIZED_PARTY_MISMATCH,
                    aud.size() > 1 && azp == null ? "several audiences and no azp" : "azp is not the client id");
        }
        if (Claims.string(c.get("sub")) == null || Claims.string(c.get("sub")).isEmpty()) {
            throw fail(Reason.MISSING_CLAIM, "no sub");
        }
        Instant now = clock.instant();
        Instant exp = Claims.instant(c.get("exp"));
        Instant iat = Claims.instant(c.get("iat"));
        if (exp == null || iat == null) {
            throw fail(Reason.MISSING_CLAIM, "exp and iat must be numeric dates");
        }
        if (!now.isBefore(exp.plus(leeway))) {
            throw fail(Reason.EXPIRED, "exp has passed (leeway " + leeway.toSeconds() + " s)");
        }
        if (iat.isAfter(now.plus(leeway))) {
            throw fail(Reason.NOT_YET_VALID, "iat lies in the future (leeway " + leeway.toSeconds() + " s)");
        }
        Instant nbf = Claims.instant(c.get("nbf"));
        if (nbf != null && nbf.isAfter(now.plus(leeway))) {
            throw fail(Reason.NOT_YET_VALID, "nbf lies in the future (leeway " + leeway.toSeconds() + " s)");
        }
        if (nonce != null) {
            String got = Claims.string(c.get("nonce"));
            if (got == null
                    || !MessageDigest.isEqual(
                            got.getBytes(StandardCharsets.UTF_8), nonce.getBytes(StandardCharsets.UTF_8))) {
                throw fail(Reason.NONCE_MISMATCH, "nonce is missing or not the authorization request's");
            }
        }
        if (provider.kind() == OidcProvider.Kind.NHS_LOGIN && !vtr.isEmpty()) {
            Optional<VectorOfTrust> vot = VectorOfTrust.fromValue(Claims.string(c.get("vot")));
            if (vot.isEmpty() || !vtr.contains(vot.get())) {
                throw fail(Reason.VOT_NOT_REQUESTED, "vot is missing or not one of the requested vtr");
            }
        }
        if (minimum != null) {
            Optional<AssuranceLevel> level = AssuranceLevel.fromAcr(Claims.string(c.get("acr")));
            if (level.isEmpty() || !level.get().meets(minimum)) {
                throw fail(Reason.ACR_TOO_WEAK, "acr is missing or below " + minimum);
            }
        }
    }

    static IdTokenValidationException fail(Reason reason, String message) {
        return new IdTokenValidationException(reason, message);
    }
}
