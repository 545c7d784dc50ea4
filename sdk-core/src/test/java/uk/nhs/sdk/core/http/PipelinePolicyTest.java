package uk.nhs.sdk.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.CallOptions;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.ResourceNotFoundException;

/** Policies added through the public API only: what they see, where they run, what they change. */
class PipelinePolicyTest extends WireMockTestBase {
    private NhsHttpClient client(NhsClientOptions.Builder options) {
        return NhsHttpClient.builder()
                .serviceName("TEST")
                .baseUrl(URI.create(server.baseUrl() + "/api"))
                .options(options.clock(clock).sleeper(sleeper).build())
                .build();
    }

    private void a503Then200(String path) {
        server.stubFor(get(urlPathEqualTo(path))
                .inScenario(path)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo(path))
                .inScenario(path)
                .whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    @Test
    void aPerAttemptPolicySeesEveryAttemptAndAPerCallPolicyTheFinalOutcome() {
        a503Then200("/api/thing");
        List<String> seen = new ArrayList<>();
        PipelinePolicy perCall = (call, next) -> {
            seen.add("call start, attempt " + call.attempt());
            NhsResponse r = next.process();
            seen.add("call end " + r.status() + " after " + call.attempt() + " attempts");
            return r;
        };
        PipelinePolicy perAttempt = (call, next) -> {
            NhsResponse r = next.process();
            seen.add("attempt " + call.attempt() + " " + call.request().pathTemplate() + " -> " + r.status());
            return r;
        };
        NhsHttpClient c = client(NhsClientOptions.builder()
                .addPolicy(PipelinePosition.PER_CALL, perCall)
                .addPolicy(PipelinePosition.PER_ATTEMPT, perAttempt));

        c.execute(NhsRequest.builder("GET", "/thing").build());

        assertThat(seen)
                .containsExactly(
                        "call start, attempt 0",
                        "attempt 1 /thing -> 503",
                        "attempt 2 /thing -> 200",
                        "call end 200 after 2 attempts");
    }

    @Test
    void aPerCallPolicySeesTheTypedExceptionTheCallEndsWith() {
        server.stubFor(
                get(urlPathEqualTo("/api/missing")).willReturn(aResponse().withStatus(404)));
        List<Class<?>> seen = new ArrayList<>();
        NhsHttpClient c = client(NhsClientOptions.builder().addPolicy(PipelinePosition.PER_CALL, (call, next) -> {
            try {
                return next.process();
            } catch (NhsSdkException e) {
                seen.add(e.getClass());
                throw e;
            }
        }));

        assertThatThrownBy(() -> c.execute(NhsRequest.builder("GET", "/missing").build()))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(seen).containsExactly(ResourceNotFoundException.class);
    }

    @Test
    void headersFromAPerCallPolicyGoOnEveryAttemptAndFromAPerAttemptPolicyOnThatAttemptOnly() {
        a503Then200("/api/thing");
        NhsHttpClient c = client(NhsClientOptions.builder()
                .addPolicy(PipelinePosition.PER_CALL, (call, next) -> {
                    call.setHeader("X-Tenant", "north");
                    return next.process();
                })
                .addPolicy(PipelinePosition.PER_ATTEMPT, (call, next) -> {
                    assertThat(call.header("X-Tenant")).contains("north");
                    call.setHeader("X-Attempt", String.valueOf(call.attempt()));
                    return next.process();
                }));

        c.execute(NhsRequest.builder("GET", "/thing").build());

        List<LoggedRequest> sent = server.findAll(getRequestedFor(urlPathEqualTo("/api/thing")));
        assertThat(sent).extracting(r -> r.getHeader("X-Tenant")).containsExactly("north", "north");
        assertThat(sent).extracting(r -> r.getHeader("X-Attempt")).containsExactly("1", "2");
    }

    @Test
    void aHeaderAPerAttemptPolicySetsOnTheFirstAttemptOnlyDoesNotReachTheRetryWhichKeepsTheRequestId() {
        a503Then200("/api/thing");
        List<String> tenantSeen = new ArrayList<>();
        NhsHttpClient c = client(NhsClientOptions.builder()
                .addPolicy(PipelinePosition.PER_CALL, (call, next) -> {
                    call.setHeader("X-Tenant", "north");
                    return next.process();
                })
                .addPolicy(PipelinePosition.PER_ATTEMPT, (call, next) -> {
                    tenantSeen.add(call.header("x-tenant").orElse("-") + " "
                            + call.header("X-Only-First").orElse("-"));
                    if (call.attempt() == 1) {
                        call.setHeader("X-Only-First", "yes");
                        call.setHeader("x-TENANT", "south");
                    }
                    return next.process();
                }));

        NhsRequest request = NhsRequest.builder("GET", "/thing").build();
        c.execute(request);

        assertThat(tenantSeen).containsExactly("north -", "north -");
        List<LoggedRequest> sent = server.findAll(getRequestedFor(urlPathEqualTo("/api/thing")));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).getHeader("X-Tenant")).isEqualTo("south");
        assertThat(sent.get(0).getHeader("X-Only-First")).isEqualTo("yes");
        assertThat(sent.get(1).getHeader("X-Tenant")).isEqualTo("north");
        assertThat(sent.get(1).containsHeader("X-Only-First")).isFalse();
        assertThat(sent)
                .extracting(r -> r.getHeaders().getHeader("X-Tenant").values().size())
                .containsExactly(1, 1);
        assertThat(sent)
                .extracting(r -> r.getHeader("X-Request-ID"))
                .containsExactly(request.requestId(), request.requestId());
    }

    @Test
    void thePipelineListsItsStepsInTheDesignOrderWithTheCallersPoliciesInPlace() {
        PipelinePolicy mine = (call, next) -> next.process();
        NhsHttpClient c = NhsHttpClient.builder()
                .serviceName("TEST")
                .baseUrl(URI.create(server.baseUrl()))
                .options(NhsClientOptions.builder()
                        .rateLimit(uk.nhs.sdk.core.RateLimitOptions.perSecond(10, Duration.ofSeconds(1)))
                        .addPolicy(PipelinePosition.PER_CALL, mine)
                        .addPolicy(PipelinePosition.PER_ATTEMPT, mine)
                        .build())
                .build();

        assertThat(c.pipelineSteps())
                .containsExactly(
                        "request-id",
                        "correlation-id",
                        "user-agent",
                        mine.getClass().getName(),
                        "rate-limiter",
                        "circuit-breaker",
                        "retry",
                        "auth",
                        mine.getClass().getName(),
                        "logging",
                        "transport");
    }

    @Test
    void callOptionsOverrideTheDeadlineHeadersAndCorrelationIdForOneViewOnly() {
        server.stubFor(get(urlPathEqualTo("/api/thing"))
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        NhsHttpClient c = NhsHttpClient.builder()
                .serviceName("TEST")
                .baseUrl(URI.create(server.baseUrl() + "/api"))
                .correlationId("client-corr")
                .options(NhsClientOptions.builder()
                        .clock(clock)
                        .sleeper(sleeper)
                        .circuitBreaker(CircuitBreakerOptions.disabled())
                        .build())
                .build();
        NhsHttpClient view = c.withCallOptions(CallOptions.builder()
                .deadline(Duration.ofSeconds(5))
                .correlationId("call-corr")
                .header("X-Tenant", "south")
                .build());

        view.execute(NhsRequest.builder("GET", "/thing").build());
        c.execute(NhsRequest.builder("GET", "/thing").build());

        List<LoggedRequest> sent = server.findAll(getRequestedFor(urlPathEqualTo("/api/thing")));
        assertThat(sent.get(0).getHeader("X-Correlation-ID")).isEqualTo("call-corr");
        assertThat(sent.get(0).getHeader("X-Tenant")).isEqualTo("south");
        assertThat(sent.get(1).getHeader("X-Correlation-ID")).isEqualTo("client-corr");
        assertThat(sent.get(1).containsHeader("X-Tenant")).isFalse();
    }

    @Test
    void aPerCallDeadlineIsTheOneTheCallRunsTo() {
        server.stubFor(get(urlPathEqualTo("/api/thing"))
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        List<Instant> deadlines = new ArrayList<>();
        NhsHttpClient c = client(NhsClientOptions.builder().addPolicy(PipelinePosition.PER_CALL, (call, next) -> {
            deadlines.add(call.deadline());
            return next.process();
        }));

        c.withCallOptions(CallOptions.builder().deadline(Duration.ofSeconds(5)).build())
                .execute(NhsRequest.builder("GET", "/thing").build());
        c.execute(NhsRequest.builder("GET", "/thing").build());

        assertThat(deadlines)
                .containsExactly(clock.instant().plusSeconds(5), clock.instant().plusSeconds(120));
    }

    @Test
    void callOptionsRefuseHeadersThatCannotBeSent() {
        assertThatThrownBy(() -> CallOptions.builder().header("X Bad", "v"))
                .isInstanceOf(uk.nhs.sdk.core.error.NhsValidationException.class);
        assertThatThrownBy(() -> CallOptions.builder().header("X-Ok", "line\r\nInjected: yes"))
                .isInstanceOf(uk.nhs.sdk.core.error.NhsValidationException.class)
                .hasMessageNotContaining("Injected");
        assertThatThrownBy(() -> CallOptions.builder().deadline(Duration.ZERO))
                .isInstanceOf(uk.nhs.sdk.core.error.NhsValidationException.class);
    }
}
