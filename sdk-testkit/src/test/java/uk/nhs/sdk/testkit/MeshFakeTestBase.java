package uk.nhs.sdk.testkit;

import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import uk.nhs.sdk.core.testing.MutableClock;

/**
 * One sandbox per MESH fake test class, on a clock that starts at the captured exchanges' time
 * and moves only when a test moves it; reset before each test.
 */
abstract class MeshFakeTestBase {
    static MutableClock clock;
    static NhsSandbox sandbox;
    static MeshHttp mesh;

    @BeforeAll
    static void startSandbox() {
        clock = new MutableClock(Instant.parse("2026-11-24T21:38:56Z"));
        sandbox = NhsSandbox.builder().clock(clock).start();
        mesh = new MeshHttp(sandbox, clock);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void resetSandbox() {
        sandbox.reset();
    }
}
