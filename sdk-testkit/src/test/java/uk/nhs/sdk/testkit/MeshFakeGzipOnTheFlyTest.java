package uk.nhs.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.testing.MutableClock;

/**
 * {@link NhsSandbox.Builder#meshGzipOnTheFly(boolean)}: a chunk stored uncompressed is gzipped
 * while it is sent to a client that accepts gzip (as NHS England's mesh-sandbox does), and sent as
 * stored to one that does not; a chunk stored gzipped is unchanged.
 */
class MeshFakeGzipOnTheFlyTest {
    private static NhsSandbox sandbox;
    private static MeshHttp mesh;

    @BeforeAll
    static void start() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T21:38:56Z"));
        sandbox = NhsSandbox.builder().clock(clock).meshGzipOnTheFly(true).start();
        mesh = new MeshHttp(sandbox, clock);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static byte[] content(int size) {
        // half random, half repeated text: some of it compresses, and it spans many 64 KiB buffers
        SplittableRandom random = new SplittableRandom(7);
        byte[] b = new byte[size];
        byte[] line = "1,2026-11-24,result,ok\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < size; i++) {
            b[i] = i % 2 == 0 ? (byte) random.nextInt(256) : line[i % line.length];
        }
        return b;
    }

    private static String send(byte[] body, boolean gzip) {
        MeshHttp.Call c = mesh.call("POST", "/messageexchange/X26ABC1/outbox")
                .as("X26ABC1")
                .header("Content-Type", "application/octet-stream")
                .header("mex-To", "X26ABC2")
                .header("mex-WorkflowID", "TEST_WORKFLOW")
                .header("mex-FileName", "data.bin");
        if (gzip) {
            c = c.header("Content-Encoding", "gzip");
        }
        HttpResponse<byte[]> r =
                c.body(gzip ? MeshFakeSendReceiveTest.gzip(body) : body).send();
        assertThat(r.statusCode()).isEqualTo(202);
        JsonNode json = MeshFakeSendReceiveTest.json(r);
        return json.path("message_id").asText();
    }

    @Test
    void anUncompressedMessageIsGzippedOnTheFlyForAClientThatAcceptsGzip() {
        byte[] body = content(300_000);
        String id = send(body, false);
        HttpResponse<byte[]> gz = mesh.call("GET", "/messageexchange/X26ABC2/inbox/" + id)
                .as("X26ABC2")
                .header("Accept-Encoding", "gzip")
                .send();
        assertThat(gz.statusCode()).isEqualTo(200);
        assertThat(gz.headers().firstValue("content-encoding")).contains("gzip");
        assertThat(gz.headers().firstValue("content-length"))
                .as("streamed: length unknown")
                .isEmpty();
        assertThat(gz.body().length).isLessThan(body.length);
        assertThat(MeshFakeSendReceiveTest.gunzip(gz.body())).isEqualTo(body);

        HttpResponse<byte[]> plain = mesh.call("GET", "/messageexchange/X26ABC2/inbox/" + id)
                .as("X26ABC2")
                .header("Accept-Encoding", "identity")
                .send();
        assertThat(plain.headers().firstValue("content-encoding")).isEmpty();
        assertThat(plain.headers().firstValueAsLong("content-length")).hasValue(body.length);
        assertThat(plain.body()).isEqualTo(body);
    }

    @Test
    void aMessageStoredGzippedIsSentAsStoredOrDecoded() {
        byte[] body = content(100_000);
        String id = send(body, true);
        HttpResponse<byte[]> gz = mesh.call("GET", "/messageexchange/X26ABC2/inbox/" + id)
                .as("X26ABC2")
                .header("Accept-Encoding", "gzip")
                .send();
        assertThat(gz.headers().firstValue("content-encoding")).contains("gzip");
        assertThat(gz.body()).isEqualTo(MeshFakeSendReceiveTest.gzip(body));
        HttpResponse<byte[]> plain = mesh.call("GET", "/messageexchange/X26ABC2/inbox/" + id)
                .as("X26ABC2")
                .header("Accept-Encoding", "identity")
                .send();
        assertThat(plain.headers().firstValue("content-encoding")).isEmpty();
        assertThat(plain.body()).isEqualTo(body);
    }

    @Test
    void aOneByteMessageGzipsToAValidMember() {
        String id = send(new byte[] {'x'}, false);
        HttpResponse<byte[]> gz = mesh.call("GET", "/messageexchange/X26ABC2/inbox/" + id)
                .as("X26ABC2")
                .header("Accept-Encoding", "gzip")
                .send();
        assertThat(gz.headers().firstValue("content-encoding")).contains("gzip");
        assertThat(MeshFakeSendReceiveTest.gunzip(gz.body())).containsExactly('x');
    }

    @Test
    void theCompressedFlagIsYWhenTheFakeGzips() {
        String id = send(content(1000), false);
        HttpResponse<byte[]> gz = mesh.call("GET", "/messageexchange/X26ABC2/inbox/" + id)
                .as("X26ABC2")
                .header("Accept-Encoding", "gzip")
                .send();
        assertThat(gz.headers().allValues("mex-content-compressed")).containsExactly("Y");
        HttpResponse<byte[]> plain = mesh.call("GET", "/messageexchange/X26ABC2/inbox/" + id)
                .as("X26ABC2")
                .header("Accept-Encoding", "identity")
                .send();
        assertThat(plain.headers().firstValue("mex-content-compressed")).isEmpty();
    }

    @Test
    void aTruncatedGzippedChunkIsCutInTheGzippedBytes() throws Exception {
        // compresses to far under half: cutting the stored length's half would send it whole
        byte[] body = "1,2026-11-24,result,ok\n".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
        String id = send(body, false);
        sandbox.faults()
                .injectNext(
                        "GET",
                        "/messageexchange/X26ABC2/inbox/" + id,
                        SandboxFault.truncatedBody().afterProcessing());
        HttpResponse<InputStream> r = mesh.call("GET", "/messageexchange/X26ABC2/inbox/" + id)
                .as("X26ABC2")
                .header("Accept-Encoding", "gzip")
                .send(HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.headers().firstValue("content-encoding")).contains("gzip");
        assertThat(r.headers().firstValueAsLong("content-length").orElseThrow()).isLessThan(body.length);
        try (InputStream in = new GZIPInputStream(r.body())) {
            assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOf(IOException.class);
        }
    }
}
