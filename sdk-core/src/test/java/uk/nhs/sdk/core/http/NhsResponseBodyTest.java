package uk.nhs.sdk.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.error.CallDetails;

class NhsResponseBodyTest {

    private static final String JSON = "{\"resourceType\":\"Patient\"}";

    private static NhsResponse buffered(byte[] body) {
        return NhsResponse.buffered(200, NhsHeaders.of(List.of()), body, CallDetails.of("PDS", "req-1", null, 1, null));
    }

    @Test
    void aBufferedBodyIsHandedOverWithoutACopyPerCall() {
        byte[] sent = JSON.getBytes(StandardCharsets.UTF_8);
        NhsResponse response = buffered(sent);

        // no copy: every decoder reads body() once per call, and a copy would double its allocation
        assertThat(response.body()).isSameAs(sent);
        assertThat(response.body()).isSameAs(response.body());
    }

    @Test
    void everyReaderOfABufferedBodySeesTheSameBytes() throws IOException {
        NhsResponse response = buffered(JSON.getBytes(StandardCharsets.UTF_8));

        assertThat(response.body()).isEqualTo(JSON.getBytes(StandardCharsets.UTF_8));
        assertThat(response.bodyString()).isEqualTo(JSON);
        assertThat(response.bodyStream().readAllBytes()).isEqualTo(JSON.getBytes(StandardCharsets.UTF_8));
        assertThat(response.bodyString()).isEqualTo(JSON);
    }
}
