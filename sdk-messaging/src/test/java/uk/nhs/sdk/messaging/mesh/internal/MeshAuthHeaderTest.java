package uk.nhs.sdk.messaging.mesh.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingAuthRequest;

/** The NHSMESH header against every published test vector (src/test/resources/mesh/auth). */
class MeshAuthHeaderTest {

    private static JsonNode vectors() throws Exception {
        try (InputStream in =
                MeshAuthHeaderTest.class.getResourceAsStream("/mesh/auth/auth-header-test-vectors.json")) {
            return new ObjectMapper().readTree(in.readAllBytes()).get("vectors");
        }
    }

    @Test
    void everyVectorReproducesItsHmacInputHashAndHeader() throws Exception {
        JsonNode vectors = vectors();
        assertThat(vectors.size()).isEqualTo(3);
        for (JsonNode v : vectors) {
            Secret password = Secret.of(v.get("password").asText());
            Secret key = Secret.of(v.get("shared_key").asText());
            LogGuard.forbid(password.reveal());
            String mailbox = v.get("mailbox_id").asText();
            String nonce = v.get("nonce").asText();
            String count = v.get("nonce_count").asText();
            String ts = v.get("timestamp").asText();

            String input = MeshAuthHeader.hmacInput(mailbox, nonce, count, password, ts);
            assertThat(input)
                    .as(v.get("id").asText())
                    .isEqualTo(v.get("hmac_input").asText());
            assertThat(MeshAuthHeader.hmacSha256Hex(key, input))
                    .isEqualTo(v.get("hmac_sha256_hex").asText());
            assertThat(MeshAuthHeader.value(mailbox, password, key, nonce, count, ts))
                    .isEqualTo(v.get("header").asText());
        }
    }

    @Test
    void theTimestampIsTheUtcMinuteEvenInSummerTime() {
        // 2026-07-01 00:30 in London (BST) is 2026-06-30 23:30 UTC
        assertThat(MeshAuthHeader.timestamp(Instant.parse("2026-06-30T23:30:59Z")))
                .isEqualTo("202606302330");
        assertThat(MeshAuthHeader.timestamp(Instant.parse("2026-01-05T09:07:00Z")))
                .isEqualTo("202601050907");
    }

    @Test
    void theProviderSignsEachAttemptWithAFreshNonceAndTheClockMinute() {
        MutableClock clock = new MutableClock(Instant.parse("2024-01-01T12:00:30Z"));
        List<String> nonces = new ArrayList<>(
                List.of("4f4b7a1e-6d0a-4c55-9d2b-2f6a0c1e8b11", "11111111-2222-4333-8444-555555555555"));
        MeshAuthProvider provider = new MeshAuthProvider(
                "X26ABC1", Secret.of("password"), Secret.of("TestKey"), clock, () -> nonces.remove(0));

        Map<String, String> first = attempt(provider);
        clock.advance(java.time.Duration.ofMinutes(1));
        Map<String, String> second = attempt(provider);

        // the first attempt is vector "local-mesh-sandbox" exactly
        assertThat(first.get("Authorization"))
                .isEqualTo("NHSMESH X26ABC1:4f4b7a1e-6d0a-4c55-9d2b-2f6a0c1e8b11:0:"
                        + "202401011200:af80e5c51848187ac3bdc79d7039bc5fc9a6bdb1b4377cdf5e76d6291db00119");
        assertThat(second.get("Authorization"))
                .startsWith("NHSMESH X26ABC1:11111111-2222-4333-8444-555555555555:0:202401011201:")
                .doesNotContain("password");
        assertThat(provider.toString()).doesNotContain("password").doesNotContain("TestKey");
    }

    @Test
    void theDefaultNonceIsARandomUuidPerAttempt() {
        MeshAuthProvider provider = new MeshAuthProvider(
                "X26ABC1",
                Secret.of("password"),
                Secret.of("TestKey"),
                new MutableClock(Instant.parse("2024-01-01T12:00:00Z")));
        String a = attempt(provider).get("Authorization");
        String b = attempt(provider).get("Authorization");
        String uuid = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
        assertThat(a).matches("NHSMESH X26ABC1:" + uuid + ":0:202401011200:[0-9a-f]{64}");
        assertThat(a.split(":")[1]).isNotEqualTo(b.split(":")[1]);
    }

    private static Map<String, String> attempt(MeshAuthProvider provider) {
        RecordingAuthRequest attempt =
                new RecordingAuthRequest(URI.create("http://localhost/messageexchange/X26ABC1/inbox"));
        provider.authenticate(attempt);
        return attempt.headers;
    }
}
