package uk.nhs.sdk.identity.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import uk.nhs.sdk.core.error.NhsConfigurationException;

/**
 * RFC 7523 {@code private_key_jwt} client assertions: {@code iss = sub =} the client id,
 * {@code aud} = the token endpoint verbatim, a fresh {@code jti}, {@code iat} and a short
 * {@code exp}. Internal.
 */
final class ClientAssertions {
    /** The platform refuses an {@code exp} beyond now + 310 s of its clock; 240 s leaves slack for a fast client clock. */
    static final long LIFETIME_SECONDS = 240;

    static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private ClientAssertions() {}

    static String sign(String clientId, String keyId, PrivateKey key, JwsAlgorithm alg, String audience, Instant now) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(alg.name()))
                .type(JOSEObjectType.JWT)
                .keyID(keyId)
                .build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(clientId)
                .subject(clientId)
                .audience(audience)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(Instant.ofEpochSecond(now.getEpochSecond())))
                .expirationTime(Date.from(Instant.ofEpochSecond(now.getEpochSecond() + LIFETIME_SECONDS)))
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            JWSSigner signer = alg.rsa() ? new RSASSASigner(key) : new ECDSASigner((ECPrivateKey) key);
            jwt.sign(signer);
        } catch (JOSEException | RuntimeException e) {
            throw new NhsConfigurationException("cannot sign the client assertion with the private key and " + alg);
        }
        return jwt.serialize();
    }
}
