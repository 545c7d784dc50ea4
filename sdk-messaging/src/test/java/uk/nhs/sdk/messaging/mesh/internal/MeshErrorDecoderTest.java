package uk.nhs.sdk.messaging.mesh.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.http.ErrorDecoder.ErrorInfo;
import uk.nhs.sdk.core.http.NhsHeaders;

/** MESH error bodies (captured sandbox exchanges 18-24, 15; the client's SOAP-on-5xx rule). */
class MeshErrorDecoderTest {
    private static ErrorInfo decode(int status, String body) {
        return MeshErrorDecoder.INSTANCE.decode(
                status, NhsHeaders.of(List.of()), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheV2DetailCode() {
        assertThat(decode(
                                417,
                                "{\"detail\":[{\"event\":\"SEND\",\"code\":\"12\",\"msg\":\"Unregistered to address\"}]}")
                        .errorCode())
                .contains("12");
        assertThat(decode(
                                417,
                                "{\"detail\":[{\"event\":\"COLLECT\",\"code\":\"02\",\"msg\":\"Data file is missing or "
                                        + "inaccessible.\"}]}")
                        .errorCode())
                .contains("02");
        assertThat(decode(
                                417,
                                "{\"detail\":[{\"event\":\"SEND\",\"code\":\"InvalidHeaderChunks\",\"msg\":\"Invalid "
                                        + "chunk values sent in mex-Chunk-Range header\"}]}")
                        .errorCode())
                .contains("InvalidHeaderChunks");
        assertThat(decode(
                                404,
                                "{\"detail\":[{\"event\":\"RECEIVE\",\"code\":\"20\",\"msg\":\"Message does not exist\"}]}")
                        .errorCode())
                .contains("20");
    }

    @Test
    void readsTheV1ErrorCode() {
        assertThat(decode(
                                417,
                                "{\"errorEvent\":\"SEND\",\"errorCode\":\"12\",\"errorDescription\":\"Unregistered to "
                                        + "address\"}")
                        .errorCode())
                .contains("12");
    }

    @Test
    void validationErrorsEmptyCodesAndUnreadableBodiesHaveNoCode() {
        assertThat(decode(
                                400,
                                "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"header\",\"mex-to\"],\"msg\":\"Field "
                                        + "required\"}]}")
                        .errorCode())
                .isEmpty();
        assertThat(decode(403, "{\"detail\":[{\"event\":\"\",\"code\":\"\",\"msg\":\"Invalid Authentication Token\"}]}")
                        .errorCode())
                .isEmpty();
        assertThat(decode(423, "{\"message\":\"An internal error occurred.\\n\\nPlease contact support.\"}")
                        .errorCode())
                .isEmpty();
        assertThat(decode(400, "not json").errorCode()).isEmpty();
        assertThat(decode(400, "[1,2]").errorCode()).isEmpty();
        assertThat(decode(400, "").errorCode()).isEmpty();
    }

    @Test
    void serverErrorBodiesAreNeverParsed() {
        // MESH returns SOAP XML on internal errors; even a JSON-looking 5xx body is not trusted
        assertThat(decode(500, "<soap:Envelope><soap:Body>fault</soap:Body></soap:Envelope>")
                        .errorCode())
                .isEmpty();
        assertThat(decode(503, "{\"errorCode\":\"12\"}").errorCode()).isEmpty();
    }
}
