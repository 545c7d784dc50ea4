package uk.nhs.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The faults that cut a connection mid-body with a reset and that send an empty 200, as a plain
 * HTTP client and a raw socket receive them.
 */
@ExtendWith(NhsSandboxExtension.class)
class SandboxFaultResetEmptyTest {
    /** HTTP/1.1: the reset is of an HTTP/1.1 connection (the JDK's client would otherwise offer h2c). */
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final String PATIENT = "/personal-demographics/FHIR/R4/Patient/.*";
    private static final String PATIENT_PATH = "/personal-demographics/FHIR/R4/Patient/9000000033";

    private static HttpRequest patient(NhsSandbox sandbox) {
        return HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + PATIENT_PATH))
                .header("X-Request-ID", UUID.randomUUID().toString())
                .GET()
                .build();
    }

    private static byte[] normalBody(NhsSandbox sandbox) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(patient(sandbox), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /** Sends the request on a raw socket and reads until the end, keeping what arrived and how it ended. */
    private static Object[] rawExchange(NhsSandbox sandbox) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        IOException ending = null;
        try (Socket s = new Socket("127.0.0.1", sandbox.baseUrl().getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + PATIENT_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-ID: " + UUID.randomUUID()
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    received.write(buffer, 0, n);
                }
            } catch (IOException e) {
                ending = e;
            }
        }
        return new Object[] {received.toByteArray(), ending};
    }

    @Test
    void aResetMidBodySendsTheHeadAndHalfTheBodyThenResetsTheConnection(NhsSandbox sandbox) throws Exception {
        byte[] normal = normalBody(sandbox);

        sandbox.faults().injectNext("GET", PATIENT, SandboxFault.resetMidBody());
        Object[] raw = rawExchange(sandbox);
        String text = new String((byte[]) raw[0], StandardCharsets.ISO_8859_1);

        assertThat(text).startsWith("HTTP/1.1 200").contains("\r\nContent-Length: " + normal.length + "\r\n");
        assertThat(text.substring(text.indexOf("\r\n\r\n") + 4))
                .isEqualTo(new String(normal, 0, normal.length / 2, StandardCharsets.ISO_8859_1));
        assertThat((IOException) raw[1])
                .as("a reset, not the orderly close of a truncated body")
                .isInstanceOf(SocketException.class)
                .hasMessageContaining("reset");

        assertThat(normalBody(sandbox)).as("then the fake behaves").isEqualTo(normal);
    }

    @Test
    void aPlainClientSeesTheResetAfterTheHead(NhsSandbox sandbox) throws Exception {
        sandbox.faults().injectNext("GET", PATIENT, SandboxFault.resetMidBody());
        HttpResponse<InputStream> r = HTTP.send(patient(sandbox), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> {
                    try (InputStream in = r.body()) {
                        in.readAllBytes();
                    }
                })
                .isInstanceOf(IOException.class);
    }

    @Test
    void anEmptyOkIsA200WithNoBodyAfterTheServiceHandledTheRequest(NhsSandbox sandbox) throws Exception {
        byte[] normal = normalBody(sandbox);

        sandbox.faults().injectNext("GET", PATIENT, SandboxFault.emptyOk());
        HttpResponse<byte[]> empty = HTTP.send(patient(sandbox), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).isEmpty();
        assertThat(empty.headers().firstValue("Content-Length")).contains("0");
        assertThat(empty.headers().firstValue("Content-Type"))
                .as("the service's headers")
                .contains("application/fhir+json");
        assertThat(normalBody(sandbox)).isEqualTo(normal);
    }

    @Test
    void anEmptyOkReplacesAnErrorToo(NhsSandbox sandbox) throws Exception {
        sandbox.faults().injectNext("GET", PATIENT, SandboxFault.emptyOk());
        HttpResponse<byte[]> empty = HTTP.send(
                HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + PATIENT_PATH))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray()); // no X-Request-ID: PDS answers 400

        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).isEmpty();
    }

    @Test
    void theNewFaultsDescribeThemselves() {
        assertThat(SandboxFault.resetMidBody()).hasToString("SandboxFault[connection reset mid-body]");
        assertThat(SandboxFault.emptyOk()).hasToString("SandboxFault[empty 200]");
        assertThat(SandboxFault.resetMidBody().isAfterProcessing()).isTrue();
        assertThat(SandboxFault.emptyOk().isAfterProcessing()).isTrue();
        assertThat(SandboxFault.emptyOk().statusCode()).contains(200);
        assertThat(SandboxFault.resetMidBody().statusCode()).isEmpty();
        assertThat(Arrays.asList(SandboxFault.emptyOk(), SandboxFault.resetMidBody()))
                .doesNotContainNull();
    }
}
