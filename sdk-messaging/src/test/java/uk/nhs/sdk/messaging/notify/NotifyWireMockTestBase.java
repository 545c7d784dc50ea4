package uk.nhs.sdk.messaging.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingSleeper;
import uk.nhs.sdk.core.testing.SpecConformance;

/**
 * A WireMock NHS Notify under {@code /comms}. Stubs use the bodies in {@code src/test/resources/notify}
 * (see its README). A stub with {@code .withTransformers(BATCH_ECHO)} answers a batch request with
 * 201 and one id per message, derived from its reference and listed in reverse order (so a client
 * that merged by position would fail). Every test's requests are checked against the bundled
 * NHS Notify OpenAPI spec by {@link #assertRequestsConform()}.
 */
abstract class NotifyWireMockTestBase {
    static final String BASE_PATH = "/comms";
    static final String MEDIA = "application/vnd.api+json";
    static final String BATCH_ECHO = "notify-batch-echo";
    static final NhsNumber PATIENT = NhsNumber.parse("9990548609");
    static final ObjectMapper JSON = new ObjectMapper();
    static final SpecConformance SPEC =
            SpecConformance.fromClasspath("/notify/communications-manager.bundled.json", BASE_PATH);

    static WireMockServer server;
    MutableClock clock;
    RecordingSleeper sleeper;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(wireMockConfig()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .extensions(new ResponseDefinitionTransformerV2() {
                    @Override
                    public ResponseDefinition transform(ServeEvent serveEvent) {
                        return echoBatch(serveEvent.getRequest().getBody());
                    }

                    @Override
                    public boolean applyGlobally() {
                        return false;
                    }

                    @Override
                    public String getName() {
                        return BATCH_ECHO;
                    }
                }));
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void resetServer() {
        server.resetAll();
        clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
        sleeper = new RecordingSleeper(clock);
    }

    NhsClientOptions.Builder options() {
        return NhsClientOptions.builder()
                .clock(clock)
                .sleeper(sleeper)
                .circuitBreaker(CircuitBreakerOptions.disabled());
    }

    NotifyClient.Builder builder() {
        return NotifyClient.builder()
                .baseUrl(URI.create(server.baseUrl() + BASE_PATH))
                .options(options().build());
    }

    NotifyClient client() {
        return builder().build();
    }

    List<LoggedRequest> requests() {
        return server.findAll(anyRequestedFor(anyUrl()));
    }

    void assertRequestsConform() {
        SPEC.assertConforms(requests());
    }

    static String resource(String path) {
        try (InputStream in = NotifyWireMockTestBase.class.getResourceAsStream("/notify/" + path)) {
            Objects.requireNonNull(in, path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ResponseDefinitionBuilder jsonApi(int status, String body) {
        return new ResponseDefinitionBuilder()
                .withStatus(status)
                .withHeader("Content-Type", MEDIA)
                .withBody(body);
    }

    /** A KSUID-shaped id derived from a text (27 letters and digits). */
    static String ksuidOf(String text) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 27; i++) {
                sb.append(alphabet.charAt((h[i] & 0xff) % alphabet.length()));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ResponseDefinition echoBatch(byte[] body) {
        try {
            JsonNode req = JSON.readTree(body);
            JsonNode attrs = req.path("data").path("attributes");
            ObjectNode out = JSON.createObjectNode();
            ObjectNode data = out.putObject("data");
            data.put("type", "MessageBatch");
            data.put("id", ksuidOf(attrs.path("messageBatchReference").asText()));
            ObjectNode a = data.putObject("attributes");
            a.put("messageBatchReference", attrs.path("messageBatchReference").asText());
            ObjectNode plan = a.putObject("routingPlan");
            plan.put("id", attrs.path("routingPlanId").asText());
            plan.put("version", "1");
            plan.put("unknownFieldAddedLater", true);
            ArrayNode msgs = a.putArray("messages");
            JsonNode sent = attrs.path("messages");
            for (int i = sent.size() - 1; i >= 0; i--) {
                String ref = sent.get(i).path("messageReference").asText();
                msgs.addObject().put("messageReference", ref).put("id", ksuidOf(ref));
            }
            return new ResponseDefinitionBuilder()
                    .withStatus(201)
                    .withHeader("Content-Type", MEDIA)
                    .withBody(JSON.writeValueAsString(out))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
