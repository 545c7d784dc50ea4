package uk.nhs.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.internal.json.Json;

/**
 * Sending, chunked upload, download and acknowledgement, as MESH does them (exchanges 03, 06, 07,
 * 10, 11, 13-17, 20-22, 24).
 */
class MeshFakeSendReceiveTest extends MeshFakeTestBase {
    static JsonNode json(HttpResponse<byte[]> r) {
        try {
            return Json.tree(r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    static byte[] gunzip(byte[] data) {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(data))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String inboxIds(String mailbox) {
        return json(mesh.get(mailbox, "/messageexchange/" + mailbox + "/inbox"))
                .path("messages")
                .toString();
    }

    /** Sends chunk 1 of {@code total} as X26ABC1 to X26ABC2, gzip-encoded; returns the message id. */
    private static String startChunked(byte[] chunk1, int total) {
        HttpResponse<byte[]> r = mesh.call("POST", "/messageexchange/X26ABC1/outbox")
                .as("X26ABC1")
                .header("Content-Type", "application/octet-stream")
                .header("Content-Encoding", "gzip")
                .header("mex-To", "X26ABC2")
                .header("mex-WorkflowID", "TEST_WORKFLOW")
                .header("mex-FileName", "big.csv")
                .header("mex-Content-Type", "text/csv")
                .header("mex-Chunk-Range", "1:" + total)
                .body(gzip(chunk1))
                .send();
        assertThat(r.statusCode()).isEqualTo(202);
        return json(r).path("message_id").asText();
    }

    private static HttpResponse<byte[]> chunk(String id, int n, int total, byte[] body) {
        return mesh.call("POST", "/messageexchange/X26ABC1/outbox/" + id + "/" + n)
                .as("X26ABC1")
                .header("Content-Type", "application/octet-stream")
                .header("Content-Encoding", "gzip")
                .header("mex-Chunk-Range", n + ":" + total)
                .body(gzip(body))
                .send();
    }

    @Test
    void aSingleChunkMessageGoesFromOutboxToInboxWithItsHeaders() {
        // exchange 03
        HttpResponse<byte[]> sent = mesh.call("POST", "/messageexchange/X26ABC1/outbox")
                .as("X26ABC1")
                .header("Content-Type", "text/plain")
                .header("mex-To", "X26ABC2")
                .header("mex-WorkflowID", "TEST_WORKFLOW")
                .header("mex-FileName", "hello.txt")
                .header("mex-LocalID", "example-local-id-1")
                .header("mex-Subject", "example subject")
                .header("mex-Content-Checksum", "md5:5d41402abc4b2a76b9719d911017c592")
                .body("Hello MESH")
                .send();
        assertThat(sent.statusCode()).isEqualTo(202);
        assertThat(sent.headers().firstValue("Content-Type")).contains("application/json");
        String id = json(sent).path("message_id").asText();
        assertThat(id)
                .as("real MESH's form, the sandbox clock's time first")
                .matches("[0-9]{20}_[0-9A-F]{6}")
                .startsWith("20261124213856000");
        assertThat(MeshHttp.text(sent)).isEqualTo("{\"message_id\":\"" + id + "\"}");

        // exchange 04
        HttpResponse<byte[]> inbox = mesh.get("X26ABC2", "/messageexchange/X26ABC2/inbox");
        assertThat(inbox.headers().firstValue("Content-Type")).contains("application/vnd.mesh.v2+json");
        assertThat(MeshHttp.text(inbox))
                .isEqualTo("{\"messages\":[\"" + id + "\"],\"links\":{\"self\":"
                        + "\"/messageexchange/X26ABC2/inbox\"},\"approx_inbox_count\":1}");

        // exchange 07
        HttpResponse<byte[]> got = mesh.get("X26ABC2", "/messageexchange/X26ABC2/inbox/" + id);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(MeshHttp.text(got)).isEqualTo("Hello MESH");
        Map<String, String> expected = Map.ofEntries(
                Map.entry("mex-from", "X26ABC1"),
                Map.entry("mex-to", "X26ABC2"),
                Map.entry("mex-workflowid", "TEST_WORKFLOW"),
                Map.entry("mex-chunk-range", "1:1"),
                Map.entry("mex-total-chunks", "1"),
                Map.entry("mex-addresstype", "ALL"),
                Map.entry("mex-localid", "example-local-id-1"),
                Map.entry("mex-filename", "hello.txt"),
                Map.entry("mex-subject", "example subject"),
                Map.entry("mex-version", "1.0"),
                Map.entry("mex-messagetype", "DATA"),
                Map.entry("mex-messageid", id),
                Map.entry("mex-statuscode", "00"),
                Map.entry("mex-statusevent", "TRANSFER"),
                Map.entry("mex-statusdescription", "Transferred to recipient mailbox"),
                Map.entry("mex-statussuccess", "SUCCESS"),
                Map.entry("mex-statustimestamp", "20261124213856"),
                Map.entry("mex-content-checksum", "md5:5d41402abc4b2a76b9719d911017c592"),
                Map.entry("mex-content-type", "text/plain"),
                Map.entry("last-modified", "Tue, 24 Nov 2026 21:38:56 UTC"),
                Map.entry("content-length", "10"),
                Map.entry("content-type", "text/plain; charset=utf-8"));
        expected.forEach((k, v) -> assertThat(got.headers().firstValue(k)).as(k).contains(v));
        assertThat(got.headers().firstValue("content-encoding")).isEmpty();

        // exchange 06
        HttpResponse<byte[]> head = mesh.call("HEAD", "/messageexchange/X26ABC2/inbox/" + id)
                .as("X26ABC2")
                .send();
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("mex-messageid")).contains(id);
        assertThat(head.headers().firstValue("mex-filename")).contains("hello.txt");
    }

    @Test
    void aChunkedMessageIsInvisibleUntilItsLastChunkAndDownloadsAs206ThenA200() {
        byte[][] parts = {
            "first chunk | ".getBytes(StandardCharsets.UTF_8),
            "second chunk | ".getBytes(StandardCharsets.UTF_8),
            "third chunk".getBytes(StandardCharsets.UTF_8)
        };
        String id = startChunked(parts[0], 3);
        assertThat(inboxIds("X26ABC2")).isEqualTo("[]");
        assertThat(mesh.get("X26ABC2", "/messageexchange/X26ABC2/inbox/" + id).statusCode())
                .isEqualTo(410);
        assertThat(json(mesh.get("X26ABC1", "/messageexchange/X26ABC1/outbox/tracking?messageID=" + id))
                        .path("status")
                        .asText())
                .isEqualTo("uploading");

        HttpResponse<byte[]> senderHead = mesh.call("HEAD", "/messageexchange/X26ABC1/inbox/" + id)
                .as("X26ABC1")
                .send();
        assertThat(senderHead.statusCode()).isEqualTo(200);
        assertThat(senderHead.headers().firstValue("mex-chunk-range")).contains("1:3");

        HttpResponse<byte[]> second = chunk(id, 2, 3, parts[1]);
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(MeshHttp.text(second)).isEqualTo("null"); // exchange 14
        assertThat(inboxIds("X26ABC2")).isEqualTo("[]");
        assertThat(chunk(id, 3, 3, parts[2]).statusCode()).isEqualTo(202);
        assertThat(inboxIds("X26ABC2")).isEqualTo("[\"" + id + "\"]");

        // as uploaded, to a client that accepts gzip: 206, 206, 200 (exchanges 16, 17)
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        for (int n = 1; n <= 3; n++) {
            String path = "/messageexchange/X26ABC2/inbox/" + id + (n == 1 ? "" : "/" + n);
            HttpResponse<byte[]> r = mesh.call("GET", path)
                    .as("X26ABC2")
                    .header("Accept-Encoding", "gzip")
                    .send();
            assertThat(r.statusCode()).isEqualTo(n < 3 ? 206 : 200);
            assertThat(r.headers().firstValue("mex-chunk-range")).contains(n + ":3");
            assertThat(r.headers().firstValue("mex-total-chunks")).contains("3");
            assertThat(r.headers().firstValue("content-encoding")).contains("gzip");
            assertThat(r.headers().firstValue("content-type")).contains("application/octet-stream");
            assertThat(r.headers().firstValue("mex-content-type")).contains("text/csv");
            assertThat(r.headers().firstValueAsLong("content-length")).hasValue(r.body().length);
            whole.writeBytes(gunzip(r.body()));
        }
        assertThat(whole.toString(StandardCharsets.UTF_8)).isEqualTo("first chunk | second chunk | third chunk");

        // to a client that does not accept gzip, each chunk decoded
        HttpResponse<byte[]> plain = mesh.get("X26ABC2", "/messageexchange/X26ABC2/inbox/" + id + "/2");
        assertThat(plain.statusCode()).isEqualTo(206);
        assertThat(plain.headers().firstValue("content-encoding")).isEmpty();
        assertThat(MeshHttp.text(plain)).isEqualTo("second chunk | ");
        assertThat(mesh.get("X26ABC2", "/messageexchange/X26ABC2/inbox/" + id + "/4")
                        .statusCode())
                .isEqualTo(404);
        assertThat(mesh.get("X26ABC2", "/messageexchange/X26ABC2/inbox/" + id + "/x")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void chunksMustComeInOrderAndARetriedChunkReplacesTheFirstUpload() {
        String id = startChunked("a".getBytes(StandardCharsets.UTF_8), 3);
        HttpResponse<byte[]> skipped = chunk(id, 3, 3, "c".getBytes(StandardCharsets.UTF_8));
        assertThat(skipped.statusCode()).isEqualTo(417);
        assertThat(MeshHttp.text(skipped))
                .isEqualTo(
                        "{\"message_id\":\"" + id + "\",\"detail\":[{\"event\":\"SEND\","
                                + "\"code\":\"InvalidHeaderChunks\",\"msg\":\"Invalid chunk values sent in mex-Chunk-Range header\"}]}");
        assertThat(chunk(id, 2, 3, "x".getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(202);
        assertThat(chunk(id, 2, 3, "b".getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(202);
        assertThat(chunk(id, 3, 3, "c".getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(202);
        assertThat(MeshHttp.text(mesh.get("X26ABC2", "/messageexchange/X26ABC2/inbox/" + id + "/2")))
                .isEqualTo("b");

        // exchange 15: once the last chunk is in, the message is locked
        HttpResponse<byte[]> again = chunk(id, 3, 3, "c".getBytes(StandardCharsets.UTF_8));
        assertThat(again.statusCode()).isEqualTo(423);
        assertThat(again.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(MeshHttp.text(again))
                .isEqualTo("{\"message\":\"An internal error occurred.\\n\\nPlease contact support.\"}");
    }

    @Test
    void aChunkMustMatchItsUrlItsMessageAndItsEncoding() {
        String id = startChunked("a".getBytes(StandardCharsets.UTF_8), 2);
        HttpResponse<byte[]> wrongNumber = mesh.call("POST", "/messageexchange/X26ABC1/outbox/" + id + "/2")
                .as("X26ABC1")
                .header("Content-Encoding", "gzip")
                .header("mex-Chunk-Range", "1:2")
                .body(gzip(new byte[] {1}))
                .send();
        assertThat(wrongNumber.statusCode()).isEqualTo(417);
        HttpResponse<byte[]> noRange = mesh.call("POST", "/messageexchange/X26ABC1/outbox/" + id + "/2")
                .as("X26ABC1")
                .header("Content-Encoding", "gzip")
                .body(gzip(new byte[] {1}))
                .send();
        assertThat(noRange.statusCode()).isEqualTo(417);
        HttpResponse<byte[]> plain = mesh.call("POST", "/messageexchange/X26ABC1/outbox/" + id + "/2")
                .as("X26ABC1")
                .header("mex-Chunk-Range", "2:2")
                .body("b")
                .send();
        assertThat(plain.statusCode()).isEqualTo(417);
        assertThat(json(plain).path("detail").get(0).path("msg").asText()).isEqualTo("cannot change content encoding");
        assertThat(chunk("00000000000000000000000000000000", 2, 2, new byte[] {1})
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<byte[]> notSender = mesh.call("POST", "/messageexchange/X26ABC2/outbox/" + id + "/2")
                .as("X26ABC2")
                .header("Content-Encoding", "gzip")
                .header("mex-Chunk-Range", "2:2")
                .body(gzip(new byte[] {1}))
                .send();
        assertThat(notSender.statusCode()).isEqualTo(403);
    }

    @Test
    void acknowledgingRemovesTheMessageFromTheInboxAndASecondAckIsHarmless() {
        String id = json(mesh.call("POST", "/messageexchange/X26ABC1/outbox")
                        .as("X26ABC1")
                        .header("mex-To", "X26ABC2")
                        .header("mex-WorkflowID", "TEST_WORKFLOW")
                        .body("x")
                        .send())
                .path("message_id")
                .asText();
        String ack = "/messageexchange/X26ABC2/inbox/" + id + "/status/acknowledged";
        Path chunks = sandbox.dataDirectory().resolve("__files").resolve("mesh").resolve(id);
        assertThat(chunks.resolve("1")).exists();
        HttpResponse<byte[]> first = mesh.call("PUT", ack).as("X26ABC2").send(); // exchange 10
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEmpty();
        assertThat(inboxIds("X26ABC2")).isEqualTo("[]");
        assertThat(chunks).as("an acknowledged message's content is deleted").doesNotExist();
        HttpResponse<byte[]> second = mesh.call("PUT", ack)
                .as("X26ABC2")
                .header("Accept", "application/json")
                .send();
        assertThat(second.statusCode()).isEqualTo(200); // exchange 11
        assertThat(MeshHttp.text(second)).isEqualTo("{\"messageId\":\"" + id + "\"}");
        assertThat(mesh.get("X26ABC2", "/messageexchange/X26ABC2/inbox/" + id).statusCode())
                .isEqualTo(410);
        assertThat(json(mesh.get("X26ABC1", "/messageexchange/X26ABC1/outbox/tracking?messageID=" + id))
                        .path("status")
                        .asText())
                .isEqualTo("acknowledged"); // exchange 12
        assertThat(mesh.call("PUT", "/messageexchange/X26ABC1/inbox/" + id + "/status/acknowledged")
                        .as("X26ABC1")
                        .send()
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void onlyTheRecipientMayDownload() {
        String id = json(mesh.call("POST", "/messageexchange/X26ABC1/outbox")
                        .as("X26ABC1")
                        .header("mex-To", "X26ABC2")
                        .header("mex-WorkflowID", "TEST_WORKFLOW")
                        .body("x")
                        .send())
                .path("message_id")
                .asText();
        assertThat(mesh.get("X26ABC3", "/messageexchange/X26ABC3/inbox/" + id).statusCode())
                .isEqualTo(403);
        HttpResponse<byte[]> unknown = mesh.get("X26ABC2", "/messageexchange/X26ABC2/inbox/NOSUCHMESSAGE");
        assertThat(unknown.statusCode()).isEqualTo(404); // exchange 24
        assertThat(MeshHttp.text(unknown))
                .isEqualTo("{\"detail\":[{\"event\":\"RECEIVE\",\"code\":\"20\",\"msg\":\"Message does not exist\"}]}");
    }

    @Test
    void sendRefusalsAreMeshs() {
        HttpResponse<byte[]> noTo = mesh.call("POST", "/messageexchange/X26ABC1/outbox")
                .as("X26ABC1")
                .header("mex-WorkflowID", "TEST_WORKFLOW")
                .body("x")
                .send(); // exchange 20
        assertThat(noTo.statusCode()).isEqualTo(400);
        assertThat(noTo.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(MeshHttp.text(noTo))
                .isEqualTo(
                        "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"header\",\"mex-to\"],\"msg\":\"Field required\"}]}");

        HttpResponse<byte[]> empty = mesh.call("POST", "/messageexchange/X26ABC1/outbox")
                .as("X26ABC1")
                .header("mex-To", "X26ABC2")
                .header("mex-WorkflowID", "TEST_WORKFLOW")
                .send(); // exchange 21
        assertThat(empty.statusCode()).isEqualTo(417);
        assertThat(MeshHttp.text(empty))
                .isEqualTo(
                        "{\"detail\":[{\"event\":\"COLLECT\",\"code\":\"02\",\"msg\":\"Data file is missing or inaccessible.\"}]}");

        HttpResponse<byte[]> badRange = mesh.call("POST", "/messageexchange/X26ABC1/outbox")
                .as("X26ABC1")
                .header("mex-To", "X26ABC2")
                .header("mex-WorkflowID", "TEST_WORKFLOW")
                .header("mex-Chunk-Range", "2:1")
                .body("x")
                .send(); // exchange 22
        assertThat(badRange.statusCode()).isEqualTo(417);
        assertThat(MeshHttp.text(badRange))
                .isEqualTo("{\"detail\":[{\"event\":\"SEND\",\"code\":\"InvalidHeaderChunks\","
                        + "\"msg\":\"Invalid chunk values sent in mex-Chunk-Range header\"}]}");
        assertThat(mesh.call("POST", "/messageexchange/X26ABC1/outbox")
                        .as("X26ABC1")
                        .header("mex-To", "X26ABC2")
                        .header("mex-WorkflowID", "TEST_WORKFLOW")
                        .header("mex-Chunk-Range", "2:3")
                        .body("x")
                        .send()
                        .statusCode())
                .isEqualTo(417);

        HttpResponse<byte[]> deflate = mesh.call("POST", "/messageexchange/X26ABC1/outbox")
                .as("X26ABC1")
                .header("mex-To", "X26ABC2")
                .header("mex-WorkflowID", "TEST_WORKFLOW")
                .header("Content-Encoding", "deflate")
                .body("x")
                .send();
        assertThat(deflate.statusCode()).isEqualTo(422);

        HttpResponse<byte[]> url = mesh.call("POST", "/messageexchange/X26ABC1/outbox")
                .as("X26ABC1")
                .header("mex-To", "https://example.org")
                .header("mex-WorkflowID", "TEST_WORKFLOW")
                .body("x")
                .send();
        assertThat(url.statusCode()).isEqualTo(400);
        assertThat(json(url).path("detail").get(0).path("code").asText()).isEqualTo("06");

        HttpResponse<byte[]> longSubject = mesh.call("POST", "/messageexchange/X26ABC1/outbox")
                .as("X26ABC1")
                .header("mex-To", "X26ABC2")
                .header("mex-WorkflowID", "TEST_WORKFLOW")
                .header("mex-Subject", "s".repeat(501))
                .body("x")
                .send();
        assertThat(longSubject.statusCode()).isEqualTo(400);
        assertThat(inboxIds("X26ABC2")).isEqualTo("[]");
    }

    @Test
    void anUnregisteredRecipientIsRefusedAtSendWithCode12() {
        HttpResponse<byte[]> v2 = mesh.call("POST", "/messageexchange/X26ABC1/outbox")
                .as("X26ABC1")
                .header("mex-To", "NOSUCHMB")
                .header("mex-WorkflowID", "TEST_WORKFLOW")
                .body("x")
                .send();
        assertThat(v2.statusCode()).isEqualTo(417); // exchange 18
        assertThat(v2.headers().firstValue("Content-Type")).contains("application/vnd.mesh.v2+json");
        assertThat(MeshHttp.text(v2))
                .isEqualTo("{\"detail\":[{\"event\":\"SEND\",\"code\":\"12\",\"msg\":\"Unregistered to address\"}]}");
        HttpResponse<byte[]> v1 = mesh.call("POST", "/messageexchange/X26ABC1/outbox")
                .as("X26ABC1")
                .header("Accept", "application/json")
                .header("mex-To", "NOSUCHMB")
                .header("mex-WorkflowID", "TEST_WORKFLOW")
                .body("x")
                .send();
        assertThat(v1.statusCode()).isEqualTo(417); // exchange 19
        assertThat(v1.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(MeshHttp.text(v1))
                .isEqualTo(
                        "{\"errorEvent\":\"SEND\",\"errorCode\":\"12\",\"errorDescription\":\"Unregistered to address\"}");
    }

    @Test
    void aLostResponseToAChunkIsRecoveredByRetryingIt() {
        String id = startChunked("a".getBytes(StandardCharsets.UTF_8), 3);
        sandbox.faults()
                .injectNext(
                        "POST",
                        "/messageexchange/X26ABC1/outbox/.*/2",
                        SandboxFault.status(503).afterProcessing());
        assertThat(chunk(id, 2, 3, "b".getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(503);
        assertThat(chunk(id, 2, 3, "b".getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(202);
        assertThat(chunk(id, 3, 3, "c".getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(202);
        assertThat(inboxIds("X26ABC2")).isEqualTo("[\"" + id + "\"]");
    }

    @Test
    void anApplicationCompressedFileIsKeptByteForByte() {
        byte[] gz = gzip("already compressed by the application".getBytes(StandardCharsets.UTF_8));
        String id = json(mesh.call("POST", "/messageexchange/X26ABC1/outbox")
                        .as("X26ABC1")
                        .header("mex-To", "X26ABC2")
                        .header("mex-WorkflowID", "TEST_WORKFLOW")
                        .header("mex-FileName", "report.csv.gz")
                        .header("mex-Content-Compressed", "Y")
                        .body(gz)
                        .send())
                .path("message_id")
                .asText();
        HttpResponse<byte[]> got = mesh.call("GET", "/messageexchange/X26ABC2/inbox/" + id)
                .as("X26ABC2")
                .header("Accept-Encoding", "gzip")
                .send();
        assertThat(got.body()).isEqualTo(gz);
        assertThat(got.headers().firstValue("content-encoding")).isEmpty();
        assertThat(got.headers().firstValue("mex-content-compressed")).contains("Y");
    }

    @Test
    void theHandshakeNeedsTheMexClientHeaders() {
        HttpResponse<byte[]> v2 = mesh.call("POST", "/messageexchange/X26ABC1")
                .as("X26ABC1")
                .header("mex-ClientVersion", "example==0.1")
                .header("mex-OSName", "Linux")
                .header("mex-OSVersion", "6.1")
                .send();
        assertThat(v2.statusCode()).isEqualTo(200); // exchange 01
        assertThat(v2.body()).isEmpty();
        HttpResponse<byte[]> v1 = mesh.call("POST", "/messageexchange/X26ABC1")
                .as("X26ABC1")
                .header("Accept", "application/json")
                .header("mex-ClientVersion", "example==0.1")
                .header("mex-OSName", "Linux")
                .header("mex-OSVersion", "6.1")
                .send();
        assertThat(MeshHttp.text(v1)).isEqualTo("{\"mailboxId\":\"X26ABC1\"}"); // exchange 02
        HttpResponse<byte[]> missing = mesh.call("POST", "/messageexchange/X26ABC1")
                .as("X26ABC1")
                .header("mex-ClientVersion", "example==0.1")
                .header("mex-OSVersion", "6.1")
                .send();
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(MeshHttp.text(missing))
                .isEqualTo(
                        "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"header\",\"mex-osname\"],\"msg\":\"Field required\"}]}");
    }
}
