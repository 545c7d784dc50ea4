package uk.nhs.sdk.identity.pds;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingSleeper;

/** A WireMock server standing in for PDS at {@code /personal-demographics/FHIR/R4}, and a client for it. */
abstract class PdsWireMockTest {
    static final String BASE = "/personal-demographics/FHIR/R4";
    static final NhsNumber FULL = NhsNumber.parse("9000000009");
    static final NhsNumber RELATED = NhsNumber.parse("9000000017");
    static final NhsNumber RESTRICTED = NhsNumber.parse("9000000025");
    static final NhsNumber MINIMAL = NhsNumber.parse("9000000033");
    static final NhsNumber NOT_FOUND = NhsNumber.parse("9111231130");
    static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

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
        clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
        sleeper = new RecordingSleeper(clock);
    }

    NhsClientOptions.Builder options() {
        return NhsClientOptions.builder()
                .clock(clock)
                .sleeper(sleeper)
                .circuitBreaker(CircuitBreakerOptions.disabled());
    }

    PdsClient.Builder builder() {
        return PdsClient.builder()
                .baseUrl(URI.create(server.baseUrl() + BASE))
                .options(options().build());
    }

    PdsClient client() {
        return builder().build();
    }

    static String path(String p) {
        return BASE + p;
    }
}
