package uk.nhs.sdk.testkit.internal.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.internal.json.Json;
import uk.nhs.sdk.core.testing.MutableClock;

/**
 * The fake's verifier accepts every published NHSMESH vector (auth-header-test-vectors.json) at its
 * own time, and refuses it when anything about it is wrong.
 */
class MeshAuthVerifierTest {

    static List<JsonNode> vectors() throws IOException {
        try (InputStream in = MeshAuthVerifierTest.class.getResourceAsStream(
                "/uk/nhs/sdk/testkit/mesh/auth-header-test-vectors.json")) {
            List<JsonNode> out = new ArrayList<>();
            Json.tree(in.readAllBytes()).path("vectors").forEach(out::add);
            return out;
        }
    }

    private static MutableClock clockAt(String timestamp) {
        return new MutableClock(LocalDateTime.parse(timestamp, DateTimeFormatter.ofPattern("yyyyMMddHHmm"))
                .toInstant(ZoneOffset.UTC));
    }

    private static MeshDirectory directory(JsonNode v) {
        return new MeshDirectory(
                List.of(new MeshDirectory.Mailbox(
                        v.path("mailbox_id").asText(),
                        "vector",
                        Secret.of(v.path("password").asText()),
                        "X26",
                        "X26",
                        "")),
                Map.of());
    }

    private static MeshAuthVerifier verifier(JsonNode v, MutableClock clock) {
        return new MeshAuthVerifier(Secret.of(v.path("shared_key").asText()), clock);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void theHashIsTheVectorsHash(JsonNode v) {
        assertThat(MeshAuthVerifier.hash(
                        Secret.of(v.path("shared_key").asText()),
                        v.path("mailbox_id").asText(),
                        v.path("nonce").asText(),
                        v.path("nonce_count").asText(),
                        Secret.of(v.path("password").asText()),
                        v.path("timestamp").asText()))
                .isEqualTo(v.path("hmac_sha256_hex").asText());
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void theVectorsHeaderIsAcceptedOnceAtItsOwnTime(JsonNode v) {
        MeshAuthVerifier verifier = verifier(v, clockAt(v.path("timestamp").asText()));
        MeshAuthVerifier.Outcome first =
                verifier.verify(v.path("mailbox_id").asText(), v.path("header").asText(), directory(v));
        assertThat(first.accepted()).isTrue();
        assertThat(first.mailbox().orElseThrow().id())
                .isEqualTo(v.path("mailbox_id").asText());
        assertThat(verifier.verify(
                                v.path("mailbox_id").asText(), v.path("header").asText(), directory(v))
                        .refusal())
                .contains(MeshError.DUPLICATED_AUTH_TOKEN);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void theHashIsComparedIgnoringCase(JsonNode v) {
        String header = v.path("header").asText();
        int cut = header.lastIndexOf(':') + 1;
        String upper = header.substring(0, cut) + header.substring(cut).toUpperCase(Locale.ROOT);
        assertThat(verifier(v, clockAt(v.path("timestamp").asText()))
                        .verify(v.path("mailbox_id").asText(), upper, directory(v))
                        .accepted())
                .isTrue();
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void aChangedHashIsRefused(JsonNode v) {
        String header = v.path("header").asText();
        char last = header.charAt(header.length() - 1);
        String changed = header.substring(0, header.length() - 1) + (last == '0' ? '1' : '0');
        assertThat(verifier(v, clockAt(v.path("timestamp").asText()))
                        .verify(v.path("mailbox_id").asText(), changed, directory(v))
                        .refusal())
                .contains(MeshError.INVALID_AUTH_TOKEN);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void theTimestampMustBeWithinTwoHoursEitherSide(JsonNode v) {
        String ts = v.path("timestamp").asText();
        String mb = v.path("mailbox_id").asText();
        MutableClock clock = clockAt(ts);
        clock.advance(Duration.ofHours(2));
        assertThat(verifier(v, clock)
                        .verify(mb, v.path("header").asText(), directory(v))
                        .accepted())
                .isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(verifier(v, clock)
                        .verify(mb, v.path("header").asText(), directory(v))
                        .refusal())
                .contains(MeshError.INVALID_AUTH_TOKEN);
        MutableClock early = clockAt(ts);
        early.advance(Duration.ofMinutes(-121));
        assertThat(verifier(v, early)
                        .verify(mb, v.path("header").asText(), directory(v))
                        .refusal())
                .contains(MeshError.INVALID_AUTH_TOKEN);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void theTokensMailboxMustBeThePathsMailbox(JsonNode v) {
        assertThat(verifier(v, clockAt(v.path("timestamp").asText()))
                        .verify("OTHER", v.path("header").asText(), directory(v))
                        .refusal())
                .contains(MeshError.MAILBOX_TOKEN_MISMATCH);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void theSchemeIsNhsmeshAndOneSpace(JsonNode v) {
        String header = v.path("header").asText();
        String mb = v.path("mailbox_id").asText();
        MeshAuthVerifier verifier = verifier(v, clockAt(v.path("timestamp").asText()));
        assertThat(verifier.verify(mb, header.replace("NHSMESH ", "NHSMESH  "), directory(v))
                        .refusal())
                .contains(MeshError.MAILBOX_TOKEN_MISMATCH);
        assertThat(verifier.verify(mb, header.replace("NHSMESH ", "Bearer "), directory(v))
                        .refusal())
                .contains(MeshError.READING_AUTH_HEADER);
        assertThat(verifier.verify(mb, null, directory(v)).refusal()).contains(MeshError.READING_AUTH_HEADER);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void anUnknownMailboxIsRefused(JsonNode v) {
        assertThat(verifier(v, clockAt(v.path("timestamp").asText()))
                        .verify(
                                v.path("mailbox_id").asText(),
                                v.path("header").asText(),
                                new MeshDirectory(List.of(), Map.of()))
                        .refusal())
                .contains(MeshError.NO_MAILBOX_MATCHED);
    }
}
