package uk.nhs.sdk.records.nrl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingSleeper;
import uk.nhs.sdk.core.testing.SpecConformance;

/**
 * A WireMock server standing in for NRL at {@code /record-locator/consumer/FHIR/R4} and
 * {@code /record-locator/producer/FHIR/R4}; after each test every request it received is checked
 * against the official consumer or producer OpenAPI spec.
 */
abstract class NrlWireMockTest {
    static final String CONSUMER = "/record-locator/consumer/FHIR/R4";
    static final String PRODUCER = "/record-locator/producer/FHIR/R4";
    static final NhsNumber PATIENT = NhsNumber.parse("9000000017");
    static final OdsCode ODS = OdsCode.of("Y05868");
    static final String FHIR_JSON = "application/fhir+json;version=1";
    static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final SpecConformance CONSUMER_SPEC =
            SpecConformance.fromClasspath("/specs/nrl-consumer-api.yaml", CONSUMER);
    private static final SpecConformance PRODUCER_SPEC =
            SpecConformance.fromClasspath("/specs/nrl-producer-api-extension-anyof.yaml", PRODUCER);

    static WireMockServer server;

    MutableClock clock;
    RecordingSleeper sleeper;

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
    void resetServer() {
        server.resetAll();
        clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
        sleeper = new RecordingSleeper(clock);
    }

    /** Every request the test sent conforms to the spec of the API it went to. */
    @AfterEach
    void requestsConformToTheSpecs() {
        List<LoggedRequest> all = server.findAll(anyRequestedFor(anyUrl()));
        List<LoggedRequest> consumer =
                all.stream().filter(r -> r.getUrl().startsWith(CONSUMER)).collect(Collectors.toList());
        List<LoggedRequest> producer =
                all.stream().filter(r -> r.getUrl().startsWith(PRODUCER)).collect(Collectors.toList());
        if (!consumer.isEmpty()) {
            CONSUMER_SPEC.assertConforms(consumer);
        }
        if (!producer.isEmpty()) {
            PRODUCER_SPEC.assertConforms(producer);
        }
    }

    NhsClientOptions options() {
        return NhsClientOptions.builder()
                .clock(clock)
                .sleeper(sleeper)
                .circuitBreaker(CircuitBreakerOptions.disabled())
                .build();
    }

    NrlConsumerClient consumer() {
        return NrlConsumerClient.builder()
                .baseUrl(URI.create(server.baseUrl() + CONSUMER))
                .options(options())
                .endUserOrganisation(ODS)
                .build();
    }

    NrlProducerClient producer() {
        return NrlProducerClient.builder()
                .baseUrl(URI.create(server.baseUrl() + PRODUCER))
                .options(options())
                .endUserOrganisation(ODS)
                .build();
    }

    /** A test resource from {@code /nrl/} (see the README there for each file's source). */
    static String resource(String name) {
        try (InputStream in = NrlWireMockTest.class.getResourceAsStream("/nrl/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /nrl/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ResponseDefinitionBuilder fhir(int status, String resourceName) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", FHIR_JSON)
                .withBody(resource(resourceName));
    }

    /** A pointer NRL would accept: the spec's SSP example as a builder would make it. */
    static DocumentReference newPointer() {
        return DocumentReference.builder()
                .type(PointerType.MENTAL_HEALTH_CRISIS_PLAN)
                .category(PointerCategory.CARE_PLAN)
                .subject(PATIENT)
                .custodian(ODS)
                .author(ODS)
                .content(PointerContent.builder()
                        .url("ssp://spine-proxy.national.ncrs.nhs.uk/p1.nhs.uk/EPAACS/MentalHealthCrisisPlan.pdf")
                        .contentType("application/pdf")
                        .creation("2022-12-20T09:45:41+00:00")
                        .format(ContentFormat.UNSTRUCTURED)
                        .stability(ContentStability.STATIC)
                        .retrievalMechanism(RetrievalMechanism.SSP)
                        .build())
                .context(PointerContext.builder()
                        .practiceSetting("788002001", "Adult mental health service")
                        .relatedAsid("200000000610")
                        .build())
                .build();
    }
}
