package uk.nhs.sdk.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
        NhsHealthCheck check = new NhsHealthCheck(
                "handshake",
                () -> {
                    probes.incrementAndGet();
                    throw new NhsTransportException(
                            "cannot reach host with " + secret, CallDetails.none(), false, null, null);
                },
                clock,
                Duration.ofSeconds(30));
        NhsHealthCheck.Result r = check.check();
        assertThat(r.up()).isFalse();
        assertThat(r.details())
                .containsEntry("error", "NhsTransportException")
                .containsEntry("probe", "handshake")
                .containsEntry("checkedAt", "2026-11-29T10:00:00Z");
        assertThat(r.details().toString()).doesNotContain(secret);
        clock.advance(Duration.ofSeconds(29));
        assertThat(check.check()).isSameAs(r);
        assertThat(probes).hasValue(1);
    }

    @Test
    void aCheckWhileAnotherThreadProbesNeitherCallsAgainNorWaitsForIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        NhsHealthCheck check = new NhsHealthCheck(
                "handshake",
                () -> {
                    probes.incrementAndGet();
                    started.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                clock,
                Duration.ofSeconds(60));
        CompletableFuture<NhsHealthCheck.Result> first = CompletableFuture.supplyAsync(check::check);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        // a slow service: the second health request answers at once instead of queueing behind the probe
        NhsHealthCheck.Result during = assertTimeoutPreemptively(Duration.ofSeconds(2), check::check);
        assertThat(during.known()).as("no probe has answered yet").isFalse();
        assertThat(during.details()).containsEntry("probe", "handshake").containsEntry("inProgress", true);
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).up()).isTrue();
        assertThat(check.check().up()).isTrue();
        assertThat(probes).as("two concurrent checks, one call").hasValue(1);
    }
}
