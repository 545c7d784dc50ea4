package uk.nhs.sdk.core.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.internal.json.Json;

/** The assertion's {@code exp}, identity.md §C2: the platform refuses one beyond its clock + 300 (+10) s. */
class ClientAssertionTest {
    @Test
    void expLeavesAMinuteOfSlackForAClientClockThatRunsFast() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        RSAPrivateKey key = (RSAPrivateKey) g.generateKeyPair().getPrivate();
        Instant clientNow = Instant.parse("2026-11-24T10:00:00Z");

        String jws = ClientAssertion.sign("api-key-1234", "kid-1", key, "https://example.test/oauth2/token", clientNow);

        JsonNode claims = Json.tree(Base64.getUrlDecoder().decode(jws.split("\\.")[1]));
        long exp = claims.path("exp").asLong();
        assertThat(exp).isEqualTo(clientNow.getEpochSecond() + 240);
        // a client clock 30 s ahead of the platform's still produces an exp within the platform's 300 s
        long platformNow = clientNow.getEpochSecond() - 30;
        assertThat(exp - platformNow).isLessThanOrEqualTo(300);
    }
}
