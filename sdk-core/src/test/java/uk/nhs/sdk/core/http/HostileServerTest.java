package uk.nhs.sdk.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.auth.AuthProvider;
import uk.nhs.sdk.core.auth.AuthRequest;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.error.ServerErrorException;
import uk.nhs.sdk.core.error.UnauthorizedException;

/** A server that answers in ways meant to trip the client: the pipeline, not OkHttp, decides. */
class HostileServerTest extends WireMockTestBase {
    private NhsHttpClient client() {
        return NhsHttpClient.builder()
                .serviceName("TEST")
                .baseUrl(URI.create(server.baseUrl()))
                .options(NhsClientOptions.builder()
                        .clock(clock)
                        .sleeper(sleeper)
                        .circuitBreaker(CircuitBreakerOptions.disabled())
                        .build())
                .build();
    }

    @Test
    void aNoneRequestAnswered503WithRetryAfterZeroIsSentOnce() {
        server.stubFor(delete(urlPathEqualTo("/thing"))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")));
        server.stubFor(post(urlPathEqualTo("/send"))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")));

        ServerErrorException e = catchThrowableOfType(
                ServerErrorException.class,
                () -> client().execute(NhsRequest.builder("DELETE", "/thing").build()));
        catchThrowableOfType(
                ServerErrorException.class,
                () -> client().execute(NhsRequest.builder("POST", "/send").build()));

        server.verify(1, deleteRequestedFor(urlPathEqualTo("/thing")));
        server.verify(1, postRequestedFor(urlPathEqualTo("/send")));
        assertThat(e.retryAfter()).contains(Duration.ZERO);
    }

    @Test
    void a503WithRetryAfterZeroOnASafeRequestIsACountedRetryOfThePipeline() {
        server.stubFor(get(urlPathEqualTo("/thing"))
                .inScenario("s")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0"))
                .willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo("/thing"))
                .inScenario("s")
                .whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("{}")));

        NhsResponse r = client().execute(NhsRequest.builder("GET", "/thing").build());

        assertThat(r.attempts()).isEqualTo(2);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ZERO);
        server.verify(2, getRequestedFor(urlPathEqualTo("/thing")));
    }

    @Test
    void aRetryAfterBeyondAnIntIsReadByThePipelineNotThrownAsANumberFormatException() {
        String absurd = "4000000000"; // beyond an int (and not a valid NHS number, which the log guard would flag)
        server.stubFor(get(urlPathEqualTo("/busy"))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", absurd)));
        server.stubFor(get(urlPathEqualTo("/slow"))
                .willReturn(aResponse().withStatus(408).withHeader("Retry-After", absurd)));

        ServerErrorException busy = catchThrowableOfType(
                ServerErrorException.class,
                () -> client().execute(NhsRequest.builder("GET", "/busy").build()));
        NhsServiceException slow = catchThrowableOfType(
                NhsServiceException.class,
                () -> client().execute(NhsRequest.builder("GET", "/slow").build()));

        assertThat(busy.retryAfter()).contains(Duration.ofSeconds(Long.parseLong(absurd)));
        assertThat(slow.status()).isEqualTo(408);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void aRetryAfterTooLongForALongStillEndsTheCallInsteadOfBeingIgnored() {
        server.stubFor(get(urlPathEqualTo("/busy"))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "123456789012345678901234567890")));

        ServerErrorException e = catchThrowableOfType(
                ServerErrorException.class,
                () -> client().execute(NhsRequest.builder("GET", "/busy").build()));

        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(sleeper.sleeps()).isEmpty();
    }

    /** Answers one connection with raw bytes, whatever was asked. */
    private static ServerSocket rawServer(String answer) throws IOException {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        Thread t = new Thread(() -> {
            try (Socket s = socket.accept()) {
                InputStream in = s.getInputStream();
                byte[] request = new byte[8192];
                in.read(request);
                s.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                s.shutdownOutput();
            } catch (IOException e) {
                // the test fails on what the client saw
            }
        });
        t.setDaemon(true);
        t.start();
        return socket;
    }

    private static String causeChain(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = e; c != null; c = c.getCause()) {
            sb.append(c).append(" | ");
        }
        return sb.toString();
    }

    @Test
    void aResponseThatBreaksHttpNeverHasItsBytesQuotedInTheCauseChain() throws IOException {
        String body = "{\"name\":\"9434765919 Smith\"}";
        for (String answer :
                new String[] {body + "\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + body + "\r\n"
                }) {
            for (boolean streamed : new boolean[] {false, true}) {
                try (ServerSocket raw = rawServer(answer)) {
                    NhsHttpClient c = NhsHttpClient.builder()
                            .serviceName("TEST")
                            .baseUrl(URI.create("http://127.0.0.1:" + raw.getLocalPort()))
                            .options(NhsClientOptions.builder()
                                    .retry(RetryOptions.none())
                                    .clock(clock)
                                    .sleeper(sleeper)
                                    .build())
                            .build();

                    NhsTransportException e = catchThrowableOfType(NhsTransportException.class, () -> {
                        try (NhsResponse r = c.execute(NhsRequest.builder("GET", "/x")
                                .streamingResponse(streamed)
                                .build())) {
                            r.body();
                        }
                    });

                    assertThat(e).as(answer).isNotNull();
                    assertThat(causeChain(e))
                            .as(answer)
                            .doesNotContain("9434765919")
                            .contains("ProtocolException");
                }
            }
        }
    }

    /** Hands out token-1, token-2, ... and agrees to refresh after every 401. */
    private static AuthProvider refreshing(AtomicInteger tokens) {
        return new AuthProvider() {
            @Override
            public void authenticate(AuthRequest request) {
                request.header("Authorization", "Bearer token-" + tokens.incrementAndGet());
            }

            @Override
            public boolean refreshAfterUnauthorized(AuthRequest request) {
                return true;
            }
        };
    }

    private NhsHttpClient client(AuthProvider auth) {
        return NhsHttpClient.builder()
                .serviceName("TEST")
                .baseUrl(URI.create(server.baseUrl()))
                .options(NhsClientOptions.builder()
                        .clock(clock)
                        .sleeper(sleeper)
                        .circuitBreaker(CircuitBreakerOptions.disabled())
                        .build())
                .auth(auth)
                .build();
    }

    @Test
    void aNoneRequestRefused401IsSentOnceMoreWithNewCredentialsOnlyWhenItsBodyCanBeReplayed() {
        // a 401 proves the request was not applied, so even a NONE request may go again, fresh
        server.stubFor(post(urlPathEqualTo("/send"))
                .withHeader("Authorization", equalTo("Bearer token-1"))
                .willReturn(aResponse().withStatus(401)));
        server.stubFor(post(urlPathEqualTo("/send"))
                .withHeader("Authorization", equalTo("Bearer token-2"))
                .willReturn(aResponse().withStatus(202)));
        NhsRequest replayable = NhsRequest.builder("POST", "/send")
                .body(NhsRequestBody.ofString("x", "text/plain"))
                .build();

        NhsResponse r = client(refreshing(new AtomicInteger())).execute(replayable);

        assertThat(r.status()).isEqualTo(202);
        server.verify(2, postRequestedFor(urlPathEqualTo("/send")));

        server.resetRequests();
        AtomicInteger opened = new AtomicInteger();
        NhsRequest oneShot = NhsRequest.builder("POST", "/send")
                .body(NhsRequestBody.ofStream(
                        () -> {
                            opened.incrementAndGet();
                            return new ByteArrayInputStream(new byte[1]);
                        },
                        1,
                        "text/plain",
                        false))
                .build();

        UnauthorizedException e = catchThrowableOfType(
                UnauthorizedException.class,
                () -> client(refreshing(new AtomicInteger())).execute(oneShot));

        assertThat(e.attempts()).isEqualTo(1);
        assertThat(opened).hasValue(1);
        server.verify(1, postRequestedFor(urlPathEqualTo("/send")));
    }

    @Test
    void aServerThatAlwaysAnswers401GetsOneRefreshedRetryPerCallNotALoop() {
        server.stubFor(get(urlPathEqualTo("/thing")).willReturn(aResponse().withStatus(401)));
        AtomicInteger tokens = new AtomicInteger();

        UnauthorizedException e = catchThrowableOfType(
                UnauthorizedException.class,
                () -> client(refreshing(tokens))
                        .execute(NhsRequest.builder("GET", "/thing").build()));

        assertThat(e.attempts()).isEqualTo(2);
        assertThat(tokens).hasValue(2);
        server.verify(2, getRequestedFor(urlPathEqualTo("/thing")));
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void redirectsAreNotFollowedSoCredentialsNeverGoElsewhere() {
        server.stubFor(get(urlPathEqualTo("/moved"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", "http://127.0.0.2:1/steal")));

        NhsServiceException e = catchThrowableOfType(
                NhsServiceException.class,
                () -> client(refreshing(new AtomicInteger()))
                        .execute(NhsRequest.builder("GET", "/moved").build()));

        assertThat(e.status()).isEqualTo(302);
        server.verify(1, getRequestedFor(urlPathEqualTo("/moved")));
    }
}
