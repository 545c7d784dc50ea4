package uk.nhs.sdk.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingAuthRequest;

/** The public face of the token cache for token flows outside sdk-core. */
class RefreshingTokenAuthTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    final AtomicInteger fetches = new AtomicInteger();

    RefreshingTokenAuth auth() {
        return RefreshingTokenAuth.builder(
                        "test token",
                        () -> RefreshingTokenAuth.Token.of(
                                Secret.of("token-" + fetches.incrementAndGet()),
                                clock.instant(),
                                Duration.ofSeconds(599)))
                .clock(clock)
                .build();
    }

    @Test
    void servesTheCachedTokenUntilTheRefreshMargin() {
        RefreshingTokenAuth auth = auth();
        RecordingAuthRequest attempt = new RecordingAuthRequest(URI.create("https://api.example/x"));
        auth.authenticate(attempt);
        assertThat(attempt.headers).containsEntry("Authorization", "Bearer token-1");
        clock.advance(Duration.ofSeconds(538));
        assertThat(auth.accessToken().reveal()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(2));
        assertThat(auth.accessToken().reveal()).isEqualTo("token-2");
        assertThat(auth.tokenExpiry()).contains(clock.instant().plusSeconds(599));
        assertThat(fetches).hasValue(2);
    }

    @Test
    void a401DropsOnlyTheTokenThatWasRefused() {
        RefreshingTokenAuth auth = auth();
        RecordingAuthRequest refused = new RecordingAuthRequest(URI.create("https://api.example/x"));
        auth.authenticate(refused);
        assertThat(auth.refreshAfterUnauthorized(refused)).isTrue();
        assertThat(auth.accessToken().reveal()).isEqualTo("token-2");
        // a second 401 for the old token keeps the new one
        assertThat(auth.refreshAfterUnauthorized(refused)).isTrue();
        assertThat(auth.accessToken().reveal()).isEqualTo("token-2");
        auth.invalidate();
        assertThat(auth.accessToken().reveal()).isEqualTo("token-3");
    }

    @Test
    void aFailedFetchIsNotRepeatedDuringTheCooldown() {
        AtomicInteger calls = new AtomicInteger();
        NhsServiceException failure =
                NhsServiceException.forStatus(500, null, null, uk.nhs.sdk.core.error.CallDetails.none());
        RefreshingTokenAuth auth = RefreshingTokenAuth.builder("failing", () -> {
                    calls.incrementAndGet();
                    throw failure;
                })
                .clock(clock)
                .refreshCooldown(Duration.ofSeconds(30))
                .build();
        assertThatThrownBy(auth::accessToken).isSameAs(failure);
        assertThatThrownBy(auth::accessToken).isSameAs(failure);
        assertThat(calls).hasValue(1);
        clock.advance(Duration.ofSeconds(30));
        assertThatThrownBy(auth::accessToken).isSameAs(failure);
        assertThat(calls).hasValue(2);
    }

    @Test
    void rejectsNonsenseAndPrintsNoToken() {
        assertThatThrownBy(() -> RefreshingTokenAuth.Token.of(Secret.of("t"), clock.instant(), Duration.ZERO))
                .isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> RefreshingTokenAuth.builder("x", () -> null).refreshMargin(Duration.ofSeconds(-1)))
                .isInstanceOf(NhsValidationException.class);
        RefreshingTokenAuth auth = auth();
        auth.accessToken();
        assertThat(auth.toString()).doesNotContain("token-1");
        assertThat(RefreshingTokenAuth.Token.of(Secret.of("token-x"), clock.instant(), Duration.ofSeconds(1))
                        .toString())
                .doesNotContain("token-x");
    }
}
