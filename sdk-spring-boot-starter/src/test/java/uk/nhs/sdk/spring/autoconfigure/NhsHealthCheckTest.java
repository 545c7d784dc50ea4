package uk.nhs.sdk.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.testing.MutableClock;

class NhsHealthCheckTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final AtomicInteger probes = new AtomicInteger();

    @Test
    void checksWithinTheIntervalAnswerFromTheLastProbe() {
        NhsHealthCheck check = new NhsHealthCheck("handshake", probes::incrementAndGet, clock, Duration.ofSeconds(60));
        for (int i = 0; i < 12; i++) {
            assertThat(check.check().up()).isTrue();
            clock.advance(Duration.ofSeconds(4));
        }
        assertThat(probes).as("48 s of checks every 4 s: one probe").hasValue(1);
        clock.advance(Duration.ofSeconds(12));
        check.check();
        assertThat(probes).as("the interval passed: a new probe").hasValue(2);
    }

    @Test
    void aFailedProbeIsCachedTooAndReportsOnlyItsTypeAndWhen() {
        String secret = "password-in-a-message";
        NhsHealthCheck check = new NhsHealthCheck("handshake", () -> {
            probes.incrementAndGet();
            throw new NhsTransportException("cannot reach host with " + secret, CallDetails.none(), false, null, null);
        }, clock, Duration.ofSeconds(30));
        NhsHealthCheck.Result r = check.check();
        assertThat(r.up()).isFalse();
        assertThat(r.details()).containsEntry("error", "NhsTransportException").containsEntry("probe", "handshake")
                .containsEntry("checkedAt", "2026-11-29T10:00:00Z");
        assertThat(r.details().toString()).doesNotContain(secret);
        clock.advance(Duration.ofSeconds(29));
        assertThat(check.check()).isSameAs(r);
        assertThat(probes).hasValue(1);
    }
}
