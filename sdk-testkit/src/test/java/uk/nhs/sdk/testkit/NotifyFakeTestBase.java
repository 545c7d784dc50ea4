package uk.nhs.sdk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import uk.nhs.sdk.core.internal.json.Json;
import uk.nhs.sdk.core.testing.MutableClock;

/** One sandbox on a mutable clock per test class, reset before each test, and raw HTTP helpers. */
abstract class NotifyFakeTestBase {
    static final String PLAN = "b838b13c-f98c-4def-93f0-515d4e4f4ee1";
    static final String NHS_NUMBER = "9990548609";
    static final String VND = "application/vnd.api+json";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static MutableClock clock;
    static NhsSandbox sandbox;

    /** One exchange. */
    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        JsonNode error(int i) {
            return body.path("errors").path(i);
        }

        List<String> codes() {
            List<String> out = new ArrayList<>();
            body.path("errors").forEach(e -> out.add(e.path("code").asText()));
            return out;
        }

        List<String> pointers() {
            List<String> out = new ArrayList<>();
            body.path("errors")
                    .forEach(e -> out.add(e.path("source").path("pointer").asText()));
            return out;
        }
    }

    @BeforeAll
    static void start() {
        clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
        sandbox = NhsSandbox.builder().clock(clock).start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
    }

    static URI url(String path) {
        return URI.create(SandboxNotify.of(sandbox).baseUrl() + path);
    }

    static Answer send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body =
                r.body().isEmpty() ? Json.mapper().nullNode() : Json.mapper().readTree(r.body());
        return new Answer(r.statusCode(), body, r);
    }

    static Answer post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(url(path))
                .header("Content-Type", VND)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(url(path)).GET());
    }

    static String message(String reference, String nhsNumber) {
        return "{\"data\":{\"type\":\"Message\",\"attributes\":{\"routingPlanId\":\"" + PLAN
                + "\",\"messageReference\":\"" + reference + "\",\"recipient\":{\"nhsNumber\":\"" + nhsNumber
                + "\"},\"personalisation\":{}}}}";
    }

    static String batch(String batchReference, String plan, List<String> items) {
        return "{\"data\":{\"type\":\"MessageBatch\",\"attributes\":{\"routingPlanId\":\"" + plan
                + "\",\"messageBatchReference\":\"" + batchReference + "\",\"messages\":[" + String.join(",", items)
                + "]}}}";
    }

    static String item(String reference, String nhsNumber) {
        return "{\"messageReference\":\"" + reference + "\",\"recipient\":{\"nhsNumber\":\"" + nhsNumber + "\"}}";
    }

    static String ref() {
        return UUID.randomUUID().toString();
    }
}
