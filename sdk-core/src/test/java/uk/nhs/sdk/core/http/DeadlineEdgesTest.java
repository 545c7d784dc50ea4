package uk.nhs.sdk.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.CallOptions;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.RateLimitOptions;
import uk.nhs.sdk.core.error.NhsTimeoutException;

/** The call's deadline at its edges: reached exactly, or less than a millisecond away. */
class DeadlineEdgesTest extends WireMockTestBase {
    private NhsHttpClient client(NhsClientOptions.Builder options) {
        return NhsHttpClient.builder()
                .serviceName("TEST")
                .baseUrl(URI.create(server.baseUrl()))
                .options(options.clock(clock)
                        .sleeper(sleeper)
                        .circuitBreaker(CircuitBreakerOptions.disabled())
                        .build())
                .build();
    }

    @Test
    void aDeadlineLessThanAMillisecondAwayStillBoundsTheAttempt() {
        // the clock stands still, so the call always has 0.5 ms left; the server answers after 1.5 s
        server.stubFor(get(urlPathEqualTo("/slow"))
                .willReturn(aResponse().withStatus(200).withBody("{}").withFixedDelay(1_500)));
        NhsHttpClient c = client(NhsClientOptions.builder())
                .withCallOptions(CallOptions.builder()
                        .deadline(Duration.ofNanos(500_000))
                        .build());

        NhsTimeoutException e = catchThrowableOfType(
                NhsTimeoutException.class,
                () -> c.execute(NhsRequest.builder("GET", "/slow").build()));

        assertThat(e).isNotNull();
        assertThat(e.attempts()).isEqualTo(1);
    }

    @Test
    void aDeadlineReachedExactlyEndsTheCallBeforeAnyRequest() {
        NhsHttpClient c = client(NhsClientOptions.builder().addPolicy(PipelinePosition.PER_CALL, (call, next) -> {
            clock.advance(Duration.between(clock.instant(), call.deadline()));
            return next.process();
        }));

        NhsTimeoutException e = catchThrowableOfType(
                NhsTimeoutException.class,
                () -> c.execute(NhsRequest.builder("GET", "/thing").build()));

        assertThat(e.attempts()).isZero();
        assertThat(e.outcomeUnknown()).isFalse();
        // by path: the previous test's slow request may still reach the journal after the reset
        server.verify(0, anyRequestedFor(urlPathEqualTo("/thing")));
    }

    @Test
    void waitingForARateLimitPermitNeverOutlastsTheDeadlineAndUsesTheSleeper() {
        server.stubFor(get(urlPathEqualTo("/thing"))
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        NhsHttpClient c =
                client(NhsClientOptions.builder().rateLimit(RateLimitOptions.perSecond(1, Duration.ofSeconds(10))));
        c.execute(NhsRequest.builder("GET", "/thing").build()); // the second's permit comes in about 1 s

        long start = System.nanoTime();
        NhsTimeoutException e = catchThrowableOfType(
                NhsTimeoutException.class,
                () -> c.withCallOptions(CallOptions.builder()
                                .deadline(Duration.ofMillis(200))
                                .build())
                        .execute(NhsRequest.builder("GET", "/thing").build()));
        NhsResponse third = c.execute(NhsRequest.builder("GET", "/thing").build());
        long waitedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(e).isNotNull();
        assertThat(e.attempts()).isZero();
        assertThat(third.status()).isEqualTo(200);
        assertThat(sleeper.sleeps()).hasSize(1).allSatisfy(d -> assertThat(d).isPositive());
        assertThat(waitedMs).isLessThan(900); // the waits were the sleeper's, not real ones
    }
}
