package uk.nhs.sdk.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.auth.AuthProvider;
import uk.nhs.sdk.core.error.BadRequestException;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsTimeoutException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.error.ServerErrorException;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingSleeper;

/** The edges that fail closed: bounded memory, stream deadlines, no silent resend, sticky unknown outcomes. */
class PipelineEdgesTest {
    private static final long GIB = 1L << 30;
    private static WireMockServer server;
    private static HttpServer endless;
    private MutableClock clock;
    private RecordingSleeper sleeper;

    @BeforeAll
    static void start() throws IOException {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        endless = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endless.createContext("/gib", exchange -> {
            int status = Integer.parseInt(exchange.getRequestURI().getQuery().substring("status=".length()));
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            boolean chunked = exchange.getRequestURI().getPath().endsWith("chunked");
            exchange.sendResponseHeaders(status, chunked ? 0 : GIB);
            byte[] block = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                for (long sent = 0; sent < GIB; sent += block.length) {
                    out.write(block);
                }
            } catch (IOException clientWentAway) {
                // expected: the client reads a prefix and closes
            }
        });
        endless.createContext(
                "/pause",
                exchange -> { // one byte, then the rest two seconds later
                    exchange.sendResponseHeaders(200, 2);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(1);
                        out.flush();
                        Thread.sleep(2_000);
                        out.write(2);
                    } catch (IOException | InterruptedException clientWentAway) {
                        // expected: the client stops reading
                    }
                });
        endless.createContext("/no-body", exchange -> {
            if ("HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Content-Length", String.valueOf(GIB)); // what a GET would get
            }
            int status = Integer.parseInt(exchange.getRequestURI().getQuery().substring("status=".length()));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        endless.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        endless.stop(0);
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
        sleeper = new RecordingSleeper(clock);
    }

    private NhsHttpClient client(String baseUrl, NhsClientOptions.Builder options) {
        return NhsHttpClient.builder()
                .serviceName("TEST")
                .baseUrl(URI.create(baseUrl))
                .options(
                        options.circuitBreaker(CircuitBreakerOptions.disabled()).build())
                .auth(AuthProvider.none())
                .build();
    }

    private NhsHttpClient wiremock(NhsClientOptions.Builder options) {
        return client(server.baseUrl() + "/api", options.clock(clock).sleeper(sleeper));
    }

    private static long allocatedBy(Runnable r) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        r.run();
        return mx.getCurrentThreadAllocatedBytes() - before;
    }

    @Test
    void aGibibyteErrorBodyIsReadOnlyAsFarAsItsPrefix() {
        NhsHttpClient c = client(
                "http://127.0.0.1:" + endless.getAddress().getPort(),
                NhsClientOptions.builder().retry(RetryOptions.none()));

        long allocated = allocatedBy(() -> assertThatThrownBy(() -> c.execute(
                        NhsRequest.builder("GET", "/gib").query("status", "400").build()))
                .isInstanceOf(BadRequestException.class));

        assertThat(allocated).isLessThan(32L << 20);
    }

    @Test
    void aSuccessBodyOverTheCapIsATypedErrorWhetherItsLengthIsDeclaredOrNot() {
        NhsHttpClient c = client(
                "http://127.0.0.1:" + endless.getAddress().getPort(),
                NhsClientOptions.builder().retry(RetryOptions.none()).maxResponseBytes(1 << 20));

        for (String path : new String[] {"/gib", "/gib/chunked"}) {
            long allocated = allocatedBy(() -> assertThatThrownBy(() -> c.execute(NhsRequest.builder("GET", path)
                            .query("status", "200")
                            .build()))
                    .isInstanceOf(NhsDecodeException.class)
                    .hasMessageContaining("maxResponseBytes"));
            assertThat(allocated).as(path).isLessThan(32L << 20);
        }
    }

    @Test
    void aTricklingStreamedBodyEndsAtTheCallsDeadline() {
        server.stubFor(get(urlPathEqualTo("/api/trickle"))
                .willReturn(aResponse().withStatus(200).withBody(new byte[25]).withChunkedDribbleDelay(25, 10_000)));
        NhsHttpClient c = client(
                server.baseUrl() + "/api",
                NhsClientOptions.builder()
                        .clock(Clock.systemUTC())
                        .deadline(Duration.ofSeconds(2))
                        .attemptTimeout(Duration.ofSeconds(5)));

        long start = System.nanoTime();
        assertThatThrownBy(() -> {
                    try (NhsResponse r = c.execute(NhsRequest.builder("GET", "/trickle")
                                    .streamingResponse(true)
                                    .build());
                            InputStream in = r.bodyStream()) {
                        in.readAllBytes();
                    }
                })
                .isInstanceOf(NhsTimeoutException.class)
                .hasMessageContaining("deadline");
        long ms = (System.nanoTime() - start) / 1_000_000;

        assertThat(ms).isBetween(1_500L, 4_000L);
    }

    @Test
    void aKeyedRetryNeverResendsABodyThatCannotBeReplayed() {
        server.stubFor(post(urlPathEqualTo("/api/upload"))
                .inScenario("u")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("ok"));
        server.stubFor(post(urlPathEqualTo("/api/upload"))
                .inScenario("u")
                .whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(202)));
        AtomicInteger opened = new AtomicInteger();
        NhsRequestBody once = NhsRequestBody.ofStream(
                () -> {
                    opened.incrementAndGet();
                    return new ByteArrayInputStream("chunk".getBytes(StandardCharsets.UTF_8));
                },
                5,
                "application/octet-stream",
                false);
        NhsRequest upload = NhsRequest.builder("POST", "/upload")
                .body(once)
                .idempotency(Idempotency.KEYED)
                .build();

        assertThatThrownBy(() -> wiremock(NhsClientOptions.builder()).execute(upload))
                .isInstanceOf(ServerErrorException.class);

        server.verify(1, postRequestedFor(urlPathEqualTo("/api/upload")));
        assertThat(opened).hasValue(1);
    }

    @Test
    void aKeyedWriteThatWasSentAndUnansweredStaysOutcomeUnknownWhenTheDeadlineStopsTheRetries() {
        server.stubFor(post(urlPathEqualTo("/api/patch"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
        NhsRequest patch = NhsRequest.builder("POST", "/patch")
                .body(NhsRequestBody.ofJson("{}", "application/json"))
                .idempotency(Idempotency.KEYED)
                .reconcileId("req-1")
                .build();
        NhsHttpClient c = wiremock(NhsClientOptions.builder()
                .attemptTimeout(Duration.ofMillis(300))
                .deadline(Duration.ofSeconds(1))
                .retry(RetryOptions.builder()
                        .initialBackoff(Duration.ofSeconds(2))
                        .build()));

        NhsTimeoutException e = catchThrowableOfType(NhsTimeoutException.class, () -> c.execute(patch));

        assertThat(e.outcomeUnknown()).isTrue();
        assertThat(e.reconcileId()).contains("req-1");
        assertThat(e.attempts()).isEqualTo(1);
    }

    @Test
    void aWriteThatWasSentAndUnansweredStaysOutcomeUnknownWhenInterrupted() {
        server.stubFor(
                post(urlPathEqualTo("/api/patch")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        NhsRequest patch = NhsRequest.builder("POST", "/patch")
                .body(NhsRequestBody.ofJson("{}", "application/json"))
                .idempotency(Idempotency.KEYED)
                .build();
        NhsHttpClient c = client(
                server.baseUrl() + "/api",
                NhsClientOptions.builder().clock(clock).sleeper(d -> {
                    throw new InterruptedException();
                }));

        NhsTransportException e = catchThrowableOfType(NhsTransportException.class, () -> c.execute(patch));

        assertThat(Thread.interrupted()).isTrue();
        assertThat(e.outcomeUnknown()).isTrue();
        assertThat(e.getMessage()).contains("interrupted");
    }

    @Test
    void theRetryBudgetStopsRetriesOnceSpentAndSuccessesRefillIt() {
        server.stubFor(get(urlPathEqualTo("/api/down")).willReturn(aResponse().withStatus(503)));
        NhsHttpClient c = wiremock(NhsClientOptions.builder()
                .retry(RetryOptions.builder().maxAttempts(3).retryBudget(10).build()));

        assertThatThrownBy(() -> c.execute(NhsRequest.builder("GET", "/down").build()))
                .isInstanceOf(ServerErrorException.class);
        server.verify(3, getRequestedFor(urlPathEqualTo("/api/down")));
        ServerErrorException second = catchThrowableOfType(
                ServerErrorException.class,
                () -> c.execute(NhsRequest.builder("GET", "/down").build()));

        assertThat(second.attempts()).isEqualTo(1);
        server.verify(4, getRequestedFor(urlPathEqualTo("/api/down")));
    }

    @Test
    void plainHttpIsAcceptedOnlyForLoopbackUnlessTheCallerOptsIn() {
        for (String local : new String[] {
            "http://localhost:1/x",
            "http://127.0.0.1:1/x",
            "http://127.9.9.9/x",
            "http://[::1]:8080/x",
            "https://api.service.nhs.uk/x"
        }) {
            assertThatCode(() -> NhsHttpClient.builder()
                            .serviceName("T")
                            .baseUrl(URI.create(local))
                            .build())
                    .as(local)
                    .doesNotThrowAnyException();
        }
        for (String remote : new String[] {
            "http://int.api.service.nhs.uk/x",
            "http://10.0.0.1/x",
            "http://localhost.example.org/x",
            "http://[fe80::1]/x"
        }) {
            assertThatThrownBy(() -> NhsHttpClient.builder()
                            .serviceName("T")
                            .baseUrl(URI.create(remote))
                            .build())
                    .as(remote)
                    .isInstanceOf(NhsConfigurationException.class)
                    .hasMessageContaining("allowPlaintextHttpToRemoteHosts");
        }
        assertThatCode(() -> NhsHttpClient.builder()
                        .serviceName("T")
                        .baseUrl(URI.create("http://10.0.0.1/x"))
                        .options(NhsClientOptions.builder()
                                .allowPlaintextHttpToRemoteHosts(true)
                                .build())
                        .build())
                .doesNotThrowAnyException();
    }

    @Test
    void closingAClientReleasesItsOwnTransportButNeverOneItWasGiven() {
        server.stubFor(get(urlPathEqualTo("/api/thing"))
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        NhsHttpTransport shared = NhsHttpTransport.create(NhsClientOptions.defaults());
        NhsHttpClient a = NhsHttpClient.builder()
                .serviceName("A")
                .baseUrl(URI.create(server.baseUrl() + "/api"))
                .transport(shared)
                .build();
        NhsHttpClient b = NhsHttpClient.builder()
                .serviceName("B")
                .baseUrl(URI.create(server.baseUrl() + "/api"))
                .transport(shared)
                .build();

        a.close();

        assertThat(b.execute(NhsRequest.builder("GET", "/thing").build()).status())
                .isEqualTo(200);
        shared.close();
    }

    @Test
    void callsAfterCloseFailAsDocumentedThroughTheClientAndItsViewsButClosingAViewChangesNothing() {
        server.stubFor(get(urlPathEqualTo("/api/thing"))
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        NhsHttpClient c = wiremock(NhsClientOptions.builder());
        NhsHttpClient view = c.withCallOptions(uk.nhs.sdk.core.CallOptions.none());

        view.close();
        assertThat(c.execute(NhsRequest.builder("GET", "/thing").build()).status())
                .isEqualTo(200);
        c.close();

        assertThatThrownBy(() -> c.execute(NhsRequest.builder("GET", "/thing").build()))
                .isInstanceOf(uk.nhs.sdk.core.error.NhsSdkException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(
                        () -> view.execute(NhsRequest.builder("GET", "/thing").build()))
                .isInstanceOf(uk.nhs.sdk.core.error.NhsSdkException.class)
                .hasMessageContaining("closed");
        server.verify(1, getRequestedFor(urlPathEqualTo("/api/thing")));
    }

    @Test
    void headAnd204AndA2xxWithoutABodyAreEmptyResponsesWhateverLengthTheyAnnounce() {
        NhsHttpClient c = client(
                "http://127.0.0.1:" + endless.getAddress().getPort(),
                NhsClientOptions.builder().retry(RetryOptions.none()).maxResponseBytes(1024));

        for (String method : new String[] {"HEAD", "GET", "DELETE"}) {
            for (String status : new String[] {"200", "204"}) {
                NhsResponse r = c.execute(NhsRequest.builder(method, "/no-body")
                        .query("status", status)
                        .build());
                assertThat(r.status()).as(method + " " + status).isEqualTo(Integer.parseInt(status));
                assertThat(r.body()).as(method + " " + status).isEmpty();
            }
        }
    }

    @Test
    void aStreamedBodyReadEndedByAnInterruptIsNotReportedAsTheDeadline() {
        NhsHttpClient c = client(
                "http://127.0.0.1:" + endless.getAddress().getPort(),
                NhsClientOptions.builder().clock(Clock.systemUTC()));

        NhsTransportException e = catchThrowableOfType(NhsTransportException.class, () -> {
            try (NhsResponse r = c.execute(NhsRequest.builder("GET", "/pause")
                            .streamingResponse(true)
                            .build());
                    InputStream in = r.bodyStream()) {
                in.read();
                Thread.currentThread().interrupt();
                in.readAllBytes();
            }
        });

        assertThat(Thread.interrupted()).isTrue();
        assertThat(e).isNotNull().isNotInstanceOf(NhsTimeoutException.class);
        assertThat(e.getMessage()).contains("interrupted");
    }
}
