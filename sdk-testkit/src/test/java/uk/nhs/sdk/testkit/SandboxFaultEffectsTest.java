package uk.nhs.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What each fault does to the bytes a plain HTTP client receives: late headers, a trickled body,
 * a body cut short, broken JSON, a wrong content type, a gateway's HTML page, an oversized body.
 */
@ExtendWith(NhsSandboxExtension.class)
class SandboxFaultEffectsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PATIENT = "/personal-demographics/FHIR/R4/Patient/.*";
    /** Bodies larger than this are counted, not kept. */
    private static final int KEPT_BYTES = 1 << 20;

    /** What the client received: the head, the body (up to {@link #KEPT_BYTES}) and how. */
    private record Received(
            int status,
            HttpHeaders headers,
            long count,
            byte[] body,
            byte[] tail,
            int pieces,
            long headersMillis,
            long totalMillis,
            IOException failure) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private static HttpRequest.Builder patient(NhsSandbox sandbox) {
        return HttpRequest.newBuilder(URI.create(sandbox.pdsBaseUrl() + "/Patient/9000000033"))
                .header("X-Request-ID", UUID.randomUUID().toString());
    }

    private static Received receive(HttpRequest request) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<InputStream> r = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long headers = (System.nanoTime() - start) / 1_000_000;
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] tail = new byte[0];
        long count = 0;
        int pieces = 0;
        IOException failure = null;
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = r.body()) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                if (n > 0) {
                    pieces++;
                    count += n;
                    kept.write(buf, 0, Math.min(n, Math.max(0, KEPT_BYTES - kept.size())));
                    byte[] last = Arrays.copyOf(tail, tail.length + Math.min(n, 16));
                    System.arraycopy(buf, n - Math.min(n, 16), last, tail.length, Math.min(n, 16));
                    tail = Arrays.copyOfRange(last, Math.max(0, last.length - 16), last.length);
                }
            }
        } catch (IOException e) {
            failure = e;
        }
        return new Received(
                r.statusCode(),
                r.headers(),
                count,
                kept.toByteArray(),
                tail,
                pieces,
                headers,
                (System.nanoTime() - start) / 1_000_000,
                failure);
    }

    private static Received patientAnswer(NhsSandbox sandbox) throws IOException, InterruptedException {
        Received r = receive(patient(sandbox).GET().build());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.failure()).isNull();
        return r;
    }

    @Test
    void slowHeadersKeepTheClientWaitingForTheAnswer(NhsSandbox sandbox) throws Exception {
        Received normal = patientAnswer(sandbox);

        sandbox.faults().injectNext("GET", PATIENT, SandboxFault.slowHeaders(Duration.ofMillis(800)));
        assertThatThrownBy(() -> receive(
                        patient(sandbox).timeout(Duration.ofMillis(150)).GET().build()))
                .isInstanceOf(HttpTimeoutException.class);

        sandbox.faults().injectNext("GET", PATIENT, SandboxFault.slowHeaders(Duration.ofMillis(200)));
        Received late = receive(patient(sandbox).GET().build());
        assertThat(late.headersMillis()).isGreaterThanOrEqualTo(190);
        assertThat(late.status()).isEqualTo(200);
        assertThat(late.body()).isEqualTo(normal.body());
    }

    @Test
    void aSlowBodyArrivesInPiecesOneIntervalApart(NhsSandbox sandbox) throws Exception {
        Received normal = patientAnswer(sandbox);
        int piece = (int) (normal.count() + 3) / 4;

        sandbox.faults().injectNext("GET", PATIENT, SandboxFault.slowBody(piece, Duration.ofMillis(100)));
        Received slow = receive(patient(sandbox).GET().build());

        assertThat(slow.status()).isEqualTo(200);
        assertThat(slow.header("Content-Type")).isEqualTo("application/fhir+json");
        assertThat(slow.body()).isEqualTo(normal.body());
        assertThat(slow.pieces()).isGreaterThanOrEqualTo(3);
        assertThat(slow.totalMillis()).isGreaterThanOrEqualTo(300);
        assertThat(slow.totalMillis() - slow.headersMillis())
                .as("the body keeps coming after the headers")
                .isGreaterThanOrEqualTo(200);
    }

    @Test
    void aSlowBodyOfAnEmptyAnswerIsTheAnswerAsItIsWithoutComplaint(NhsSandbox sandbox) throws Exception {
        MeshHttp mesh = new MeshHttp(sandbox, Clock.systemUTC());
        sandbox.faults()
                .injectNext("POST", "/messageexchange/X26ABC1", SandboxFault.slowBody(1, Duration.ofMillis(50)));
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream original = System.err;
        HttpResponse<byte[]> handshake;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            handshake = mesh.call("POST", "/messageexchange/X26ABC1")
                    .as("X26ABC1")
                    .header("mex-ClientVersion", "test")
                    .header("mex-OSName", "Linux")
                    .header("mex-OSVersion", "6")
                    .send();
        } finally {
            System.setErr(original);
        }

        assertThat(handshake.statusCode()).isEqualTo(200);
        assertThat(handshake.body()).isEmpty();
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .as("nothing to trickle is not an error")
                .isEmpty();
    }

    @Test
    void aTruncatedBodyDeclaresTheWholeLengthAndSendsHalf(NhsSandbox sandbox) throws Exception {
        Received normal = patientAnswer(sandbox);

        sandbox.faults().injectNext("GET", PATIENT, SandboxFault.truncatedBody());
        Received cut = receive(patient(sandbox).GET().build());

        assertThat(cut.status()).isEqualTo(200);
        assertThat(cut.header("Content-Length")).isEqualTo(String.valueOf(normal.count()));
        assertThat(cut.count()).isEqualTo(normal.count() / 2);
        assertThat(cut.body()).isEqualTo(Arrays.copyOf(normal.body(), (int) normal.count() / 2));

        // on the wire: the server closes a kept-alive connection right after the half it sends
        sandbox.faults().injectNext("GET", PATIENT, SandboxFault.truncatedBody());
        String raw = new String(
                RawHttp.exchange(
                        sandbox,
                        "/personal-demographics/FHIR/R4/Patient/9000000033",
                        Map.of("X-Request-ID", UUID.randomUUID().toString()),
                        true),
                StandardCharsets.ISO_8859_1);
        assertThat(raw).startsWith("HTTP/1.1 200").contains("\r\nContent-Length: " + normal.count() + "\r\n");
        assertThat(raw.substring(raw.indexOf("\r\n\r\n") + 4))
                .isEqualTo(new String(normal.body(), 0, (int) normal.count() / 2, StandardCharsets.ISO_8859_1));
    }

    @Test
    void aTruncatedMeshDownloadDeclaresTheMessagesLengthAndSendsHalf(NhsSandbox sandbox) throws Exception {
        MeshHttp mesh = new MeshHttp(sandbox, Clock.systemUTC());
        byte[] message = new byte[1000];
        Arrays.fill(message, (byte) 'm');
        HttpResponse<byte[]> sent = mesh.call("POST", "/messageexchange/X26ABC1/outbox")
                .as("X26ABC1")
                .header("mex-To", "X26ABC2")
                .header("mex-WorkflowID", "TEST_WORKFLOW")
                .body(message)
                .send();
        assertThat(sent.statusCode()).isEqualTo(202);
        String id = new ObjectMapper().readTree(sent.body()).path("message_id").asText();

        sandbox.faults().injectNext("GET", "/messageexchange/X26ABC2/inbox/.*", SandboxFault.truncatedBody());
        Received cut = receive(
                HttpRequest.newBuilder(URI.create(sandbox.meshBaseUrl() + "/messageexchange/X26ABC2/inbox/" + id))
                        .header("Accept", MeshHttp.V2)
                        .header("Authorization", mesh.authorization("X26ABC2"))
                        .GET()
                        .build());

        assertThat(cut.status()).isEqualTo(200);
        assertThat(cut.header("Content-Length")).isEqualTo("1000");
        assertThat(cut.count()).isEqualTo(500);
    }

    @Test
    void malformedJsonKeepsTheServicesContentTypeButDoesNotParse(NhsSandbox sandbox) throws Exception {
        sandbox.faults().injectNext("GET", PATIENT, SandboxFault.malformedJson());
        Received broken = receive(patient(sandbox).GET().build());

        assertThat(broken.status()).isEqualTo(200);
        assertThat(broken.header("Content-Type")).isEqualTo("application/fhir+json");
        assertThat(broken.text()).startsWith("{");
        assertThatThrownBy(() -> new ObjectMapper().readTree(broken.body()))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void aWrongContentTypeRelabelsTheServicesAnswer(NhsSandbox sandbox) throws Exception {
        Received normal = patientAnswer(sandbox);

        sandbox.faults().injectNext("GET", PATIENT, SandboxFault.wrongContentType("text/plain"));
        Received relabelled = receive(patient(sandbox).GET().build());

        assertThat(relabelled.status()).isEqualTo(200);
        assertThat(relabelled.headers().allValues("Content-Type")).containsExactly("text/plain");
        assertThat(relabelled.body()).isEqualTo(normal.body());
    }

    @Test
    void anHtmlErrorPageComesFromTheGatewayNotTheService(NhsSandbox sandbox) throws Exception {
        sandbox.faults().injectNext("GET", PATIENT, SandboxFault.htmlErrorPage(502));
        Received page = receive(patient(sandbox).GET().build());
        assertThat(page.status()).isEqualTo(502);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.text()).contains("<title>502 Bad Gateway</title>").contains("<h1>502 Bad Gateway</h1>");

        sandbox.faults()
                .injectNext(
                        "GET",
                        PATIENT,
                        SandboxFault.htmlErrorPage(503)
                                .withRetryAfter(Duration.ofSeconds(3))
                                .afterProcessing());
        Received unavailable = receive(patient(sandbox).GET().build());
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.header("Retry-After")).isEqualTo("3");
        assertThat(unavailable.text()).contains("503 Service Temporarily Unavailable");

        assertThat(patientAnswer(sandbox).status()).isEqualTo(200);
    }

    @Test
    void anOversizedBodyIsSentInFullWithoutALength(NhsSandbox sandbox) throws Exception {
        long size = 8L * 1024 * 1024 + 3;
        sandbox.faults().injectNext("GET", PATIENT, SandboxFault.oversizedBody(size));
        Received big = receive(patient(sandbox).GET().build());

        assertThat(big.status()).isEqualTo(200);
        assertThat(big.header("Content-Type")).isEqualTo("application/json");
        assertThat(big.header("Content-Length")).isNull();
        assertThat(big.failure()).isNull();
        assertThat(big.count()).isEqualTo(size);
        assertThat(big.text()).startsWith("{\"padding\":\"xxxx");
        assertThat(new String(big.tail(), StandardCharsets.US_ASCII)).endsWith("xxxx\"}");
    }

    @Test
    void anOversizedBodyIsGeneratedWhileItIsSentNeverHeld(NhsSandbox sandbox) throws Exception {
        long terabyte = 1L << 40; // no heap holds it: the head and first bytes arrive only if it streams
        sandbox.faults().injectNext("GET", PATIENT, SandboxFault.oversizedBody(terabyte));
        HttpResponse<InputStream> r = HTTP.send(
                patient(sandbox).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Length")).isEmpty();
        try (InputStream in = r.body()) {
            byte[] first = in.readNBytes(1 << 20);
            assertThat(first).hasSize(1 << 20);
            assertThat(new String(first, 0, 16, StandardCharsets.US_ASCII)).isEqualTo("{\"padding\":\"xxxx");
        }
    }

    @Test
    void theNewFaultsDescribeThemselvesAndCheckTheirArguments() {
        assertThat(SandboxFault.slowHeaders(Duration.ofMillis(250)))
                .hasToString("SandboxFault[headers delayed 250 ms]");
        assertThat(SandboxFault.slowBody(10, Duration.ofMillis(50)))
                .hasToString("SandboxFault[body trickled 10 bytes every 50 ms]");
        assertThat(SandboxFault.truncatedBody()).hasToString("SandboxFault[truncated body]");
        assertThat(SandboxFault.malformedJson()).hasToString("SandboxFault[malformed JSON]");
        assertThat(SandboxFault.wrongContentType("text/plain")).hasToString("SandboxFault[Content-Type text/plain]");
        assertThat(SandboxFault.htmlErrorPage(504)
                        .withRetryAfter(Duration.ofSeconds(2))
                        .afterProcessing())
                .hasToString("SandboxFault[504 HTML error page, Retry-After 2s, after processing]");
        assertThat(SandboxFault.oversizedBody(4096)).hasToString("SandboxFault[oversized body of 4096 bytes]");

        assertThat(SandboxFault.truncatedBody().isAfterProcessing())
                .as("alters the service's answer")
                .isTrue();
        assertThat(SandboxFault.oversizedBody(4096).isAfterProcessing()).isFalse();
        assertThat(SandboxFault.htmlErrorPage(502).statusCode()).contains(502);
        assertThat(SandboxFault.malformedJson().statusCode()).contains(200);
        assertThat(SandboxFault.wrongContentType("text/plain").statusCode()).isEmpty();

        assertThatThrownBy(() -> SandboxFault.slowBody(0, Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxFault.slowBody(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxFault.slowHeaders(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxFault.oversizedBody(15)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxFault.wrongContentType(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxFault.htmlErrorPage(302)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxFault.slowHeaders(Duration.ofMillis(1)).withRetryAfter(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class);
    }
}
