package uk.nhs.sdk.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.auth.AuthProvider;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsValidationException;

/** Policies and auth providers that break the rules: the pipeline refuses before any I/O. */
class PolicyContractTest extends WireMockTestBase {
    private static final String NHS_NUMBER = "9434765919";

    @BeforeEach
    void stubTheSendEndpoint() {
        server.stubFor(post(urlPathEqualTo("/send")).willReturn(aResponse().withStatus(201)));
    }

    private NhsHttpClient client(NhsClientOptions.Builder options, AuthProvider auth) {
        return NhsHttpClient.builder()
                .serviceName("TEST")
                .baseUrl(URI.create(server.baseUrl()))
                .options(options.clock(clock)
                        .sleeper(sleeper)
                        .circuitBreaker(CircuitBreakerOptions.disabled())
                        .build())
                .auth(auth)
                .build();
    }

    private static NhsRequest send() {
        return NhsRequest.builder("POST", "/send")
                .body(NhsRequestBody.ofString("x", "text/plain"))
                .build();
    }

    @Test
    void aHeaderWithCrLfFromAPolicyOrAnAuthProviderIsRefusedWithoutQuotingItsValue() {
        NhsHttpClient byPolicy = client(
                NhsClientOptions.builder().addPolicy(PipelinePosition.PER_ATTEMPT, (call, next) -> {
                    call.setHeader("X-Patient", NHS_NUMBER + "\r\nX-Injected: yes");
                    return next.process();
                }),
                AuthProvider.none());
        NhsHttpClient byAuth =
                client(NhsClientOptions.builder(), r -> r.header("Authorization", "Bearer " + NHS_NUMBER + "\n"));

        for (NhsHttpClient c : new NhsHttpClient[] {byPolicy, byAuth}) {
            assertThatThrownBy(() -> c.execute(send()))
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageNotContaining(NHS_NUMBER)
                    .hasNoCause();
        }
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void headersThatCannotBeSentAreRefusedWhenTheRequestOrClientIsBuilt() {
        assertThatThrownBy(() -> NhsRequest.builder("GET", "/x").header("X-Name", "Zo\u00eb " + NHS_NUMBER))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageNotContaining(NHS_NUMBER);
        assertThatThrownBy(() -> NhsRequest.builder("GET", "/x").header("X Name", "v"))
                .isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> NhsRequest.builder("GET", "/x").correlationId("a\r\nb"))
                .isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> NhsHttpClient.builder().defaultHeader("X-Tenant", "north\r\n"))
                .isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> NhsHttpClient.builder().correlationId("caf\u00e9"))
                .isInstanceOf(NhsValidationException.class);
        assertThat(NhsRequest.builder("GET", "/x")
                        .header("If-Match", "W/\"3\"")
                        .correlationId("ward round 4")
                        .build()
                        .headers())
                .hasSize(1);
    }

    @Test
    void aPolicyThatCallsNextTwiceCannotSendANoneRequestTwice() {
        for (PipelinePosition position : PipelinePosition.values()) {
            server.resetRequests();
            NhsHttpClient c = client(
                    NhsClientOptions.builder().addPolicy(position, (call, next) -> {
                        next.process().close();
                        return next.process();
                    }),
                    AuthProvider.none());

            assertThatThrownBy(() -> c.execute(send()))
                    .as(position.name())
                    .isInstanceOf(NhsConfigurationException.class)
                    .hasMessageContaining("more than once");
            server.verify(1, postRequestedFor(urlPathEqualTo("/send")));
        }
    }

    @Test
    void aPolicyThatReturnsNullEndsTheCallWithATypedErrorInsteadOfANullPointer() {
        for (PipelinePosition position : PipelinePosition.values()) {
            NhsHttpClient c =
                    client(NhsClientOptions.builder().addPolicy(position, (call, next) -> null), AuthProvider.none());

            assertThatThrownBy(() -> c.execute(send()))
                    .as(position.name())
                    .isInstanceOf(NhsConfigurationException.class)
                    .hasMessageContaining("returned null");
        }
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aPolicyThatDoesNotCallNextMayAnswerTheCallItself() {
        NhsResponse cached = NhsResponse.buffered(
                200, NhsHeaders.of(java.util.List.of()), new byte[0], uk.nhs.sdk.core.error.CallDetails.none());
        NhsHttpClient c = client(
                NhsClientOptions.builder().addPolicy(PipelinePosition.PER_CALL, (call, next) -> cached),
                AuthProvider.none());

        assertThat(c.execute(send())).isSameAs(cached);
        server.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void manyThreadsShareOneClientWhileAPolicyThrowsForSomeCalls() throws Exception {
        server.stubFor(get(urlPathEqualTo("/thing"))
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        NhsHttpClient c = client(
                NhsClientOptions.builder()
                        .addPolicy(PipelinePosition.PER_CALL, (call, next) -> {
                            call.setHeader("X-Caller", call.request().requestId()); // must never leak into another call
                            return next.process();
                        })
                        .addPolicy(PipelinePosition.PER_ATTEMPT, (call, next) -> {
                            if (call.request().query().get(0).getValue().endsWith("7")) {
                                throw new IllegalStateException("refused by policy");
                            }
                            return next.process();
                        }),
                AuthProvider.none());
        int threads = 16;
        int calls = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Set<String> refused = ConcurrentHashMap.newKeySet();
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < calls; i++) {
                        NhsRequest r = NhsRequest.builder("GET", "/thing")
                                .query("n", thread + "-" + i)
                                .build();
                        try {
                            ok += c.execute(r).status() == 200 ? 1 : 0;
                        } catch (IllegalStateException e) {
                            refused.add(r.requestId());
                        }
                    }
                    return ok;
                }));
            }
            int ok = 0;
            for (Future<Integer> f : done) {
                ok += f.get(60, TimeUnit.SECONDS);
            }

            assertThat(ok + refused.size()).isEqualTo(threads * calls);
            assertThat(refused).hasSize(threads * 2); // calls 7 and 17 of each thread
        } finally {
            pool.shutdownNow();
        }
        server.findAll(getRequestedFor(urlPathEqualTo("/thing")))
                .forEach(q -> assertThat(q.getHeader("X-Caller")).isEqualTo(q.getHeader("X-Request-ID")));
    }
}
