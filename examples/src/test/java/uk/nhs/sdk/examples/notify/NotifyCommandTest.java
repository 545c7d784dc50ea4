package uk.nhs.sdk.examples.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.internal.json.Json;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.examples.CliRun;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.SandboxNotify;

/**
 * {@code nhs notify ...} against an embedded sandbox of its own, and against a shared sandbox on a
 * mutable clock through {@code --base-url}, where one command's message is seen by the next.
 */
class NotifyCommandTest {
    private static final String CALLBACK_KEY = "notify-cli-callback-key-4b1e";
    private static MutableClock clock;
    private static NhsSandbox shared;

    @BeforeAll
    static void start() {
        clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
        shared = NhsSandbox.builder().clock(clock).start();
    }

    @AfterAll
    static void stop() {
        shared.close();
    }

    @BeforeEach
    void reset() {
        shared.reset();
        LogGuard.forbid(CALLBACK_KEY);
    }

    private static CliRun onShared(String... args) {
        List<String> all = new ArrayList<>(List.of("notify"));
        all.addAll(List.of(args));
        all.addAll(List.of("--base-url", SandboxNotify.of(shared).baseUrl().toString()));
        return CliRun.of(all.toArray(new String[0]));
    }

    private static JsonNode json(CliRun r) throws IOException {
        assertThat(r.err).isEmpty();
        assertThat(r.status).isZero();
        return Json.tree(r.out.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sendRunsAgainstAnEmbeddedSandboxByDefault() {
        CliRun r = CliRun.of("notify", "send", "--nhs-number", "9990548609", "--reference", "cli-ref-1");

        assertThat(r.err).isEmpty();
        assertThat(r.status).isZero();
        assertThat(r.out).containsPattern("sent message [a-zA-Z0-9]{27} \\(reference cli-ref-1\\)");
    }

    @Test
    void sendThenStatusFollowTheMessageOnASharedSandbox() throws Exception {
        JsonNode sent =
                json(onShared("send", "--nhs-number", "9990548609", "--reference", "cli-ref-2", "--output", "json"));
        String id = sent.path("messageId").asText();
        clock.advance(Duration.ofSeconds(4));
        JsonNode status = json(onShared("status", id, "--output", "json"));
        CliRun text = onShared("status", id);

        assertThat(sent.path("alreadyAccepted").asBoolean()).isFalse();
        assertThat(status.path("messageStatus").asText()).isEqualTo("delivered");
        assertThat(status.path("channels").path(0).path("channelStatus").asText())
                .isEqualTo("delivered");
        assertThat(text.out).contains("message " + id + ": delivered").contains("channel 1 nhsapp: delivered");
    }

    @Test
    void aFreeTextSendChecksItsPersonalisationBeforeAnyCall() {
        CliRun ok = onShared(
                "send",
                "--nhs-number",
                "9990548609",
                "--routing-plan",
                "00000000-0000-0000-0000-000000000003",
                "-p",
                "sms_body=Your appointment is on Monday");
        CliRun tooLong = onShared(
                "send",
                "--nhs-number",
                "9990548609",
                "--routing-plan",
                "00000000-0000-0000-0000-000000000003",
                "-p",
                "sms_body=" + "a".repeat(919));

        assertThat(ok.status).as(ok.err).isZero();
        assertThat(tooLong.status).isNotZero();
        assertThat(SandboxNotify.of(shared).messageCount()).isEqualTo(1);
    }

    @Test
    void aDuplicateReferenceIsReportedNotResent() {
        onShared("send", "--nhs-number", "9990548609", "--reference", "cli-dup");
        CliRun again = onShared("send", "--nhs-number", "9990548609", "--reference", "cli-dup");

        assertThat(again.status).isEqualTo(1);
        assertThat(again.err).contains("422").contains("CM_DUPLICATE_REQUEST");
    }

    @Test
    void batchSendsACsvFileAsOneOrMoreParts(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("batch.csv");
        Files.writeString(csv, "nhsNumber,messageReference,body\n9990548609,cli-b-1,Hello\n9000000017,cli-b-2,Hi\n");

        JsonNode r = json(onShared(
                "batch",
                csv.toString(),
                "--routing-plan",
                "00000000-0000-0000-0000-000000000001",
                "--reference",
                "cli-batch",
                "--ids",
                "--output",
                "json"));

        assertThat(r.path("messages").asInt()).isEqualTo(2);
        assertThat(r.path("parts").path(0).path("reference").asText()).isEqualTo("cli-batch-part-0001");
        assertThat(r.path("results").path(1).path("messageReference").asText()).isEqualTo("cli-b-2");
        assertThat(r.path("results").path(1).path("messageId").asText()).matches("[a-zA-Z0-9]{27}");
    }

    @Test
    void batchCanGenerateMessagesAndMeasureTheSend() {
        CliRun r = onShared("batch", "--generate", "25", "--reference", "gen", "--measure");

        assertThat(r.status).as(r.err).isZero();
        assertThat(r.out).contains("sent 25 messages as 1 part of batch gen").contains("gen-part-0001: 25 messages");
        assertThat(r.err).containsPattern("measure: 25 messages in [0-9]+ ms; heap before the send [0-9]+ MiB");
        assertThat(SandboxNotify.of(shared).messageCount()).isEqualTo(25);
    }

    @Test
    void accountsFollowsEveryPage() throws Exception {
        JsonNode r = json(CliRun.of("notify", "accounts", "T00001", "--output", "json"));
        CliRun text = CliRun.of("notify", "accounts", "X26");

        assertThat(r.path("pages").asInt()).isEqualTo(8);
        assertThat(r.path("accounts").size()).isEqualTo(80);
        assertThat(text.out).contains("2 accounts in 1 page for X26");
    }

    @Test
    void intNeedsCredentials() {
        CliRun r = CliRun.of("notify", "status", "2WL3qFTEFM0qMY8xjRbt1LIKCzM", "--env", "int");

        assertThat(r.status).isEqualTo(2);
        assertThat(r.err).contains("--api-key");
    }

    @Test
    void verifyCallbackAcceptsAGenuineCallbackAndRefusesATamperedOne(@TempDir Path dir) throws Exception {
        LinkedBlockingQueue<String[]> got = new LinkedBlockingQueue<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/cb", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String headers = "POST /cb HTTP/1.1\nContent-Type: application/vnd.api+json\nx-api-key: "
                        + exchange.getRequestHeaders().getFirst("x-api-key") + "\nx-hmac-sha256-signature: "
                        + exchange.getRequestHeaders().getFirst("x-hmac-sha256-signature") + "\n";
                got.add(new String[] {headers, new String(in.readAllBytes(), StandardCharsets.UTF_8)});
            }
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
        try {
            SandboxNotify notify = SandboxNotify.of(shared);
            notify.sendCallbacksTo(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/cb"),
                    "cli-app",
                    Secret.of(CALLBACK_KEY));
            onShared("send", "--nhs-number", "9990548609");
            clock.advance(Duration.ofSeconds(1));
            notify.processStatusChanges();
            String[] callback = got.poll(10, TimeUnit.SECONDS);
            assertThat(callback).isNotNull();
            Path headers = Files.writeString(dir.resolve("headers.txt"), callback[0]);
            Path body = Files.writeString(dir.resolve("body.json"), callback[1]);
            Path tampered = Files.writeString(dir.resolve("tampered.json"), callback[1].replace("pending", "sending"));

            CliRun ok = CliRun.of(
                    "notify",
                    "verify-callback",
                    "--body",
                    body.toString(),
                    "--headers",
                    headers.toString(),
                    "--application-id",
                    "cli-app",
                    "--callback-api-key",
                    CALLBACK_KEY);
            CliRun bad = CliRun.of(
                    "notify",
                    "verify-callback",
                    "--body",
                    tampered.toString(),
                    "--headers",
                    headers.toString(),
                    "--application-id",
                    "cli-app",
                    "--callback-api-key",
                    CALLBACK_KEY,
                    "--output",
                    "json");

            assertThat(ok.status).as(ok.err).isZero();
            assertThat(ok.out).startsWith("answer 202: accepted").contains(": pending_enrichment at ");
            assertThat(bad.status).isEqualTo(1);
            JsonNode verdict = Json.tree(bad.out.getBytes(StandardCharsets.UTF_8));
            assertThat(verdict.path("status").asInt()).isEqualTo(403);
            assertThat(verdict.path("events").size()).isZero();
        } finally {
            server.stop(0);
        }
    }
}
