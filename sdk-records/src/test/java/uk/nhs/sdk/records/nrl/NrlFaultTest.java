package uk.nhs.sdk.records.nrl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.NhsTimeoutException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.error.RateLimitedException;
import uk.nhs.sdk.core.error.ServerErrorException;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingSleeper;
import uk.nhs.sdk.records.RecordsApi;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.NhsSandboxExtension;
import uk.nhs.sdk.testkit.SandboxFault;

/** Faults around the NRL fake: rate limits, unavailability, resets, slow, broken and foreign bodies. */
@ExtendWith(NhsSandboxExtension.class)
class NrlFaultTest {
    private static final NhsNumber PATIENT = NhsNumber.parse("9000000017");
    private static final String SEARCH = "POST";
    private static final String SEARCH_PATH = ".*/consumer/FHIR/R4/DocumentReference/_search";

    private RecordingSleeper sleeper;

    @BeforeEach
    void sleeper() {
        sleeper = new RecordingSleeper(new MutableClock(Instant.parse("2026-11-29T10:00:00Z")));
    }

    private NhsClientOptions.Builder options() {
        return NhsClientOptions.builder().sleeper(sleeper).circuitBreaker(CircuitBreakerOptions.disabled());
    }

    private NrlConsumerClient consumer(NhsSandbox sandbox, NhsClientOptions options) {
        return NrlConsumerClient.builder()
                .baseUrl(sandbox.apiBaseUrl(RecordsApi.NRL_CONSUMER.basePath()))
                .options(options)
                .endUserOrganisation(OdsCode.of("Y05868"))
                .build();
    }

    private NrlConsumerClient consumer(NhsSandbox sandbox) {
        return consumer(sandbox, options().build());
    }

    @Test
    void a429WithRetryAfterWaitsAsAskedAndOneWithoutBacksOff(NhsSandbox sandbox) {
        sandbox.faults()
                .injectNext(SEARCH, SEARCH_PATH, SandboxFault.status(429).withRetryAfter(Duration.ofSeconds(3)));
        sandbox.faults().injectNext(SEARCH, SEARCH_PATH, SandboxFault.status(429));

        assertThat(consumer(sandbox).search(PATIENT).total()).isEqualTo(5);

        assertThat(sleeper.sleeps()).hasSize(2);
        assertThat(sleeper.sleeps().get(0)).isEqualTo(Duration.ofSeconds(3));
        assertThat(sleeper.sleeps().get(1)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void a429ThatPersistsIsRateLimited(NhsSandbox sandbox) {
        sandbox.faults().inject(SEARCH, SEARCH_PATH, SandboxFault.status(429), 3);

        RateLimitedException e = catchThrowableOfType(
                RateLimitedException.class, () -> consumer(sandbox).search(PATIENT));

        assertThat(e.attempts()).isEqualTo(3);
    }

    @Test
    void a503IsRetriedAndOneThatPersistsIsAServerError(NhsSandbox sandbox) {
        sandbox.faults().injectNext(SEARCH, SEARCH_PATH, SandboxFault.status(503));
        assertThat(consumer(sandbox).search(PATIENT).total()).isEqualTo(5);

        sandbox.faults().inject(SEARCH, SEARCH_PATH, SandboxFault.status(503), 3);
        assertThat(catchThrowableOfType(
                                ServerErrorException.class,
                                () -> consumer(sandbox).search(PATIENT))
                        .status())
                .isEqualTo(503);
    }

    @Test
    void aResetIsRetriedAndAResetEveryTimeIsATransportError(NhsSandbox sandbox) {
        sandbox.faults().injectNext(SEARCH, SEARCH_PATH, SandboxFault.connectionReset());
        assertThat(consumer(sandbox).search(PATIENT).total()).isEqualTo(5);

        sandbox.faults().inject(SEARCH, SEARCH_PATH, SandboxFault.connectionReset(), 3);
        assertThat(catchThrowableOfType(
                                NhsTransportException.class,
                                () -> consumer(sandbox).search(PATIENT))
                        .attempts())
                .isEqualTo(3);
    }

    /**
     * On a sandbox of its own: a request this test gave up on after 300 ms may reach the server's
     * handler only later on a loaded machine, and on the class's shared sandbox it would take a
     * fault the next test queued for its own request (seen once: the next test's 429 with
     * {@code Retry-After} went to this test's late search).
     */
    @Test
    void slowHeadersAndASlowBodyBeyondTheAttemptTimeoutTimeOut() {
        NhsClientOptions once = options()
                .attemptTimeout(Duration.ofMillis(300))
                .retry(RetryOptions.builder().maxAttempts(1).build())
                .build();
        try (NhsSandbox sandbox = NhsSandbox.start()) {
            NrlConsumerClient nrl = consumer(sandbox, once);
            sandbox.faults().injectNext(SEARCH, SEARCH_PATH, SandboxFault.slowHeaders(Duration.ofSeconds(2)));
            assertThat(catchThrowableOfType(NhsTimeoutException.class, () -> nrl.search(PATIENT)))
                    .isNotNull();

            sandbox.faults().injectNext(SEARCH, SEARCH_PATH, SandboxFault.slowBody(16, Duration.ofMillis(400)));
            assertThat(catchThrowableOfType(NhsTimeoutException.class, () -> nrl.search(PATIENT)))
                    .isNotNull();
        }
    }

    @Test
    void brokenOrForeignBodiesAreDecodeErrorsWithTheRequestId(NhsSandbox sandbox) {
        NrlConsumerClient nrl = consumer(
                sandbox,
                options().retry(RetryOptions.builder().maxAttempts(1).build()).build());
        for (SandboxFault f : new SandboxFault[] {
            SandboxFault.malformedJson(), SandboxFault.wrongContentType("text/plain"), SandboxFault.truncatedBody()
        }) {
            sandbox.faults().injectNext(SEARCH, SEARCH_PATH, f);
            NhsSdkException e = catchThrowableOfType(NhsSdkException.class, () -> nrl.search(PATIENT));
            assertThat(e).as(f.toString()).isInstanceOfAny(NhsDecodeException.class, NhsTransportException.class);
            assertThat(e.requestId()).isPresent();
            assertThat(e.getMessage()).doesNotContain("9000000017");
        }
    }

    @Test
    void aGatewaysHtmlPageIsAServerErrorAndAnOversizedBodyIsRefused(NhsSandbox sandbox) {
        NrlConsumerClient nrl = consumer(
                sandbox,
                options()
                        .retry(RetryOptions.builder().maxAttempts(1).build())
                        .maxResponseBytes(64 * 1024)
                        .build());
        sandbox.faults().injectNext(SEARCH, SEARCH_PATH, SandboxFault.htmlErrorPage(502));
        ServerErrorException html = catchThrowableOfType(ServerErrorException.class, () -> nrl.search(PATIENT));
        assertThat(html.status()).isEqualTo(502);
        assertThat(html.errorCode()).isEmpty();

        sandbox.faults().injectNext(SEARCH, SEARCH_PATH, SandboxFault.oversizedBody(10L * 1024 * 1024));
        assertThat(catchThrowableOfType(NhsSdkException.class, () -> nrl.search(PATIENT)))
                .isNotNull();
    }
}
