package uk.nhs.sdk.core.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.Secret;

/**
 * The cache's allocation-free freshness check ({@link AccessToken#freshAtMillis(long)}, on a
 * clock's {@code millis()}) against the exact one it stands in front of ({@link AccessToken#fresh(Instant)},
 * kept as the oracle): it never calls a token fresh that is not, and it differs only within the
 * millisecond before the refresh instant, where the cache takes its exact slow path.
 */
class AccessTokenFreshnessTest {
    private static final Instant BASE = Instant.parse("2026-11-29T10:00:00Z");

    private static AccessToken token(long obtainedNanos, long lifetimeSeconds, long marginSeconds) {
        return AccessToken.of(
                Secret.of("tok-fresh-1234"),
                BASE.plusNanos(obtainedNanos),
                Duration.ofSeconds(lifetimeSeconds),
                Duration.ofSeconds(marginSeconds));
    }

    @Property(tries = 2000)
    void theMillisecondCheckAgreesWithTheExactCheckOutsideTheLastMillisecond(
            @ForAll @LongRange(min = 0, max = 10_000_000_000L) long obtainedNanos,
            @ForAll @LongRange(min = 1, max = 86_400) long lifetimeSeconds,
            @ForAll @LongRange(min = 0, max = 600) long marginSeconds,
            @ForAll @LongRange(min = -5_000_000_000L, max = 90_000_000_000_000L) long nowOffsetNanos) {
        AccessToken t = token(obtainedNanos, lifetimeSeconds, marginSeconds);
        Instant now = BASE.plusNanos(obtainedNanos).plusNanos(nowOffsetNanos);
        boolean quick = t.freshAtMillis(now.toEpochMilli());
        boolean exact = t.fresh(now);
        if (quick) {
            assertThat(exact)
                    .as("the quick check never serves a token the exact check would refresh")
                    .isTrue();
        }
        if (exact && !now.plusMillis(1).isBefore(t.refreshAt())) {
            return; // within the last millisecond: the quick check may send the caller to the exact one
        }
        assertThat(quick).isEqualTo(exact);
    }

    @Test
    void theBoundaryMillisecond() {
        AccessToken t = token(999_999, 600, 60); // refreshAt = BASE + 540 s + 0.999999 ms
        Instant refreshAt = t.refreshAt();
        assertThat(t.freshAtMillis(refreshAt.minusMillis(1).toEpochMilli())).isTrue();
        assertThat(t.freshAtMillis(refreshAt.toEpochMilli())).isFalse();
        assertThat(t.fresh(refreshAt.minusNanos(1))).isTrue();
    }
}
