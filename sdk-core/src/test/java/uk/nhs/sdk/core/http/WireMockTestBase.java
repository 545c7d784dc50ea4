package uk.nhs.sdk.core.http;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingSleeper;

/** One WireMock server on loopback per test class, reset before each test with a fresh clock and sleeper. */
abstract class WireMockTestBase {
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
    void resetServerAndClock() {
        server.resetAll();
        clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
        sleeper = new RecordingSleeper(clock);
    }
}
