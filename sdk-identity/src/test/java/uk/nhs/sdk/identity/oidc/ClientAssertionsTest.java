package uk.nhs.sdk.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The assertion's claims, exactly, for CIS2's real token endpoint with its {@code :443}. */
class ClientAssertionsTest {
    static final String CIS2_TOKEN = "https://am.nhsint.auth-ptl.cis2.spineservices.nhs.uk:443/openam/oauth2/realms"
            + "/root/realms/NHSIdentity/realms/Healthcare/access_token";

    @Test
    void cis2AudienceKeepsPort443AndTheAlgorithmIsConfigurable() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).generate();
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        SignedJWT jwt = SignedJWT.parse(ClientAssertions.sign(
                "999999999999.apps.national", "cis2-1", key.toRSAPrivateKey(), JwsAlgorithm.RS256, CIS2_TOKEN, now));
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(CIS2_TOKEN);
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("999999999999.apps.national");
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("999999999999.apps.national");
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(now.plusSeconds(240));
        // the serialised aud is the string itself, not an array that a strict server might refuse
        assertThat(jwt.getPayload().toJSONObject().get("aud")).isInstanceOf(String.class);
    }

    @Test
    void ecKeysSignEs256() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        SignedJWT jwt = SignedJWT.parse(ClientAssertions.sign(
                "client",
                "ec-1",
                key.toECPrivateKey(),
                JwsAlgorithm.ES256,
                "https://idp.example/token",
                Instant.now()));
        assertThat(jwt.verify(new ECDSAVerifier(key.toECPublicKey()))).isTrue();
    }
}
