package uk.nhs.sdk.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.error.CallDetails;

class NhsResponseBodyTest {

    @Test
    void changingTheBytesABufferedBodyReturnedChangesNothingInTheResponse() {
        byte[] sent = "{\"resourceType\":\"Patient\"}".getBytes(StandardCharsets.UTF_8);
        NhsResponse response = NhsResponse.buffered(200, NhsHeaders.of(List.of()), sent,
                CallDetails.of("PDS", "req-1", null, 1, null));

        byte[] first = response.body();
        first[0] = 'X';

        assertThat(response.body()).isEqualTo(sent).isNotSameAs(first);
        assertThat(response.bodyString()).isEqualTo("{\"resourceType\":\"Patient\"}");
    }
}
