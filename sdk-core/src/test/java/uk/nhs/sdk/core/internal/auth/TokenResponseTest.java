package uk.nhs.sdk.core.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.http.NhsHeaders;
import uk.nhs.sdk.core.http.NhsResponse;

/** Reading the API Platform token response, identity.md §C2: {@code expires_in} is a JSON string. */
class TokenResponseTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Duration MARGIN = Duration.ofSeconds(60);

    private static NhsResponse response(String body) {
        return NhsResponse.buffered(
                200,
                NhsHeaders.of(List.of()),
                body.getBytes(StandardCharsets.UTF_8),
                CallDetails.of("OAuth2", "req-1", null, 1, null));
    }

    private static AccessToken read(String expiresIn) {
        return TokenResponse.read(
                response("{\"access_token\":\"tok-AAA111\",\"expires_in\":" + expiresIn
                        + ",\"token_type\":\"Bearer\",\"issued_at\":\"1650000000000\"}"),
                NOW,
                MARGIN);
    }

    @Test
    void expiresInAsTheStringThePlatformSendsCountsFromTheRequestTime() {
        AccessToken t = read("\"599\"");
        assertThat(t.value().reveal()).isEqualTo("tok-AAA111");
        assertThat(t.expiresAt()).isEqualTo(NOW.plusSeconds(599));
        assertThat(t.refreshAt()).isEqualTo(NOW.plusSeconds(539));
    }

    @Test
    void expiresInAsAJsonIntegerIsAcceptedToo() {
        assertThat(read("599").expiresAt()).isEqualTo(NOW.plusSeconds(599));
        assertThat(read("\" 599 \"").expiresAt()).isEqualTo(NOW.plusSeconds(599));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"-98765\"",
                "-98765",
                "\"0\"",
                "\"98765abc\"",
                "\"98765.5\"",
                "98765.5",
                "\"\"",
                "null",
                "true",
                "{\"s\":98765}",
                "\"98765987659876598765\"",
                "98765987659876598765",
                "\"1e98765\""
            })
    void anAbsurdExpiresInIsATypedErrorThatDoesNotEchoTheValue(String expiresIn) {
        assertThatThrownBy(() -> read(expiresIn))
                .isInstanceOf(NhsDecodeException.class)
                .hasMessageContaining("expires_in")
                .hasMessageNotContaining("98765")
                .hasMessageNotContaining("tok-AAA111");
    }

    @Test
    void aMissingExpiresInIsATypedError() {
        assertThatThrownBy(() -> TokenResponse.read(response("{\"access_token\":\"tok-AAA111\"}"), NOW, MARGIN))
                .isInstanceOf(NhsDecodeException.class)
                .hasMessageContaining("expires_in");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"expires_in\":\"599\"}",
                "{\"access_token\":\"\",\"expires_in\":\"599\"}",
                "{\"access_token\":12345,\"expires_in\":\"599\"}",
                "{\"access_token\":\"tok AAA111\",\"expires_in\":\"599\"}",
                "{\"access_token\":\"tok-AAA111\\r\\nX: y\",\"expires_in\":\"599\"}"
            })
    void aMissingOrUnusableAccessTokenIsATypedErrorThatDoesNotEchoIt(String body) {
        assertThatThrownBy(() -> TokenResponse.read(response(body), NOW, MARGIN))
                .isInstanceOf(NhsDecodeException.class)
                .hasMessageContaining("access_token")
                .hasMessageNotContaining("AAA111");
    }

    @Test
    void aBodyThatIsNotJsonIsATypedErrorThatDoesNotEchoIt() {
        assertThatThrownBy(() -> TokenResponse.read(response("access_token=tok-AAA111"), NOW, MARGIN))
                .isInstanceOf(NhsDecodeException.class)
                .hasMessageNotContaining("AAA111")
                .hasNoCause();
    }
}
