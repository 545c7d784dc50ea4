package uk.nhs.sdk.opentelemetry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingSleeper;
import uk.nhs.sdk.identity.pds.PdsClient;

/** A WireMock server standing in for PDS, a real {@link PdsClient} traced by {@link NhsTracing}, and the spans. */
abstract class PdsWireMock {
    static final String BASE = "/personal-demographics/FHIR/R4";
    static final NhsNumber FULL = NhsNumber.parse("9000000009");
    static final String GET_PATIENT = "GET /Patient/{id}";

    static WireMockServer server;

    MutableClock clock;
    RecordingSleeper sleeper;
    Traces traces;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
        sleeper = new RecordingSleeper(clock);
        traces = new Traces();
    }

    @AfterEach
    void closeTraces() {
        traces.close();
    }

    NhsClientOptions.Builder options() {
        return NhsClientOptions.builder()
                .clock(clock)
                .sleeper(sleeper)
                .circuitBreaker(CircuitBreakerOptions.disabled());
    }

    PdsClient pds(NhsTracing tracing, NhsClientOptions.Builder options) {
        return PdsClient.builder()
                .baseUrl(URI.create(server.baseUrl() + BASE))
                .options(tracing.applyTo(options).build())
                .build();
    }

    PdsClient pds() {
        return pds(NhsTracing.of(traces.openTelemetry), options());
    }

    static String path(String p) {
        return BASE + p;
    }

    /** A FHIR JSON answer with a body from {@code src/test/resources/pds}. */
    static ResponseDefinitionBuilder fhir(int status, String file) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/fhir+json")
                .withBody(text(file));
    }

    /** The full patient 9000000009, version 2. */
    static ResponseDefinitionBuilder patient() {
        return fhir(200, "Patient.json").withHeader("ETag", "W/\"2\"");
    }

    static String text(String file) {
        try (InputStream in = PdsWireMock.class.getResourceAsStream("/pds/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource pds/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
