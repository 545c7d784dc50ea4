package uk.nhs.sdk.micrometer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingSleeper;
import uk.nhs.sdk.identity.pds.PdsClient;

/** A WireMock server standing in for PDS, a registry, and clients with the metrics applied. */
abstract class MetricsWireMockTest {
    static final String BASE = "/personal-demographics/FHIR/R4";
    static final NhsNumber PATIENT = NhsNumber.parse("9000000009");
    static final String PATIENT_PATH = BASE + "/Patient/9000000009";

    static WireMockServer server;

    SimpleMeterRegistry registry;
    NhsMetrics metrics;
    MutableClock clock;
    RecordingSleeper sleeper;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(
                wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(new HostileAnswers()));
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void fresh() {
        server.resetAll();
        registry = new SimpleMeterRegistry();
        metrics = NhsMetrics.of(registry);
        clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
        sleeper = new RecordingSleeper(clock);
    }

    /** Options with the metrics, the test's clock and sleeper, and no circuit breaker. */
    NhsClientOptions.Builder options() {
        return metrics.applyTo(NhsClientOptions.builder()
                .clock(clock)
                .sleeper(sleeper)
                .circuitBreaker(CircuitBreakerOptions.disabled()));
    }

    PdsClient pds(NhsClientOptions.Builder options) {
        return PdsClient.builder()
                .baseUrl(URI.create(server.baseUrl() + BASE))
                .options(options.build())
                .build();
    }

    PdsClient pds() {
        return pds(options());
    }

    /** A FHIR answer with a body from the test resources. */
    static ResponseDefinitionBuilder fhir(int status, String resource) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/fhir+json")
                .withBody(resource(resource));
    }

    /** The sandbox patient as PDS returns it. */
    static ResponseDefinitionBuilder patient() {
        return fhir(200, "pds/retrieve-9000000009.body.json").withHeader("ETag", "W/\"2\"");
    }

    static String resource(String name) {
        try (InputStream in = MetricsWireMockTest.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
