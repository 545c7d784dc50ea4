package uk.nhs.sdk.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.auth.SignedJwtAuth;
import uk.nhs.sdk.core.error.ResourceNotFoundException;
import uk.nhs.sdk.core.error.UnauthorizedException;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingSleeper;
import uk.nhs.sdk.identity.pds.PatientSearch;
import uk.nhs.sdk.identity.pds.PdsClient;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.NhsSandboxExtension;
import uk.nhs.sdk.testkit.SandboxFault;

/**
 * A real PDS client against the embedded sandbox's PDS fake, signed in through the sandbox's
 * OAuth2 fake with a signed JWT: the spans a developer sees in a prototype.
 */
@ExtendWith(NhsSandboxExtension.class)
class TracingAgainstSandboxTest {
    private static final NhsNumber FULL = NhsNumber.parse("9000000009");
    private static final NhsNumber NOT_FOUND = NhsNumber.parse("9111231130");

    private Traces traces;
    private RecordingSleeper sleeper;

    @BeforeEach
    void setUp() {
        traces = new Traces();
        sleeper = new RecordingSleeper(new MutableClock(Instant.parse("2026-11-29T10:00:00Z")));
    }

    @AfterEach
    void tearDown() {
        traces.close();
    }

    private PdsClient pds(NhsSandbox sandbox, SignedJwtAuth auth) {
        NhsClientOptions options = NhsTracing.of(traces.openTelemetry)
                .applyTo(NhsClientOptions.builder().sleeper(sleeper).circuitBreaker(CircuitBreakerOptions.disabled()))
                .build();
        return PdsClient.builder()
                .baseUrl(sandbox.pdsBaseUrl())
                .options(options)
                .auth(auth)
                .build();
    }

    @Test
    void aRetrievalIsTracedAndItsTokenFetchIsAnEventOfTheFirstCall(NhsSandbox sandbox) {
        try (SignedJwtAuth auth = sandbox.signedJwtAuth();
                PdsClient pds = pds(sandbox, auth)) {
            pds.getPatient(FULL);
            pds.getPatient(FULL);
        }

        List<SpanData> spans = traces.sdkSpans();
        assertThat(spans).hasSize(4).allSatisfy(s -> Traces.assertClient(s, "GET /Patient/{id}"));
        SpanData first = spans.get(0);
        SpanData second = spans.get(2);
        assertThat(spans.get(1).getParentSpanId()).isEqualTo(first.getSpanId());
        assertThat(spans.get(3).getParentSpanId()).isEqualTo(second.getSpanId());
        assertThat(first.getAttributes().get(SpanAttributes.SERVER_ADDRESS))
                .isEqualTo(sandbox.pdsBaseUrl().getHost());
        assertThat(first.getAttributes().get(SpanAttributes.SERVER_PORT))
                .isEqualTo((long) sandbox.pdsBaseUrl().getPort());
        assertThat(first.getAttributes().get(SpanAttributes.HTTP_RESPONSE_STATUS_CODE))
                .isEqualTo(200L);
        assertThat(first.getEvents()).singleElement().satisfies(e -> {
            assertThat(e.getName()).isEqualTo(SpanEvents.TOKEN_FETCHED);
            assertThat(e.getAttributes().get(SpanEvents.TOKEN_PROVIDER)).isEqualTo("OAuth2 token");
            assertThat(e.getAttributes().get(SpanEvents.TOKEN_SUCCESS)).isTrue();
            assertThat(e.getAttributes().get(SpanEvents.TOKEN_DURATION_MS)).isNotNegative();
        });
        assertThat(second.getEvents())
                .as("the cached token is served: no fetch")
                .isEmpty();
        traces.assertNothingHolds("9000000009", "Bearer", "eyJ");
    }

    @Test
    void anUnknownPatientIsAnErrorWithThePdsCodeAndNoNhsNumber(NhsSandbox sandbox) {
        try (SignedJwtAuth auth = sandbox.signedJwtAuth();
                PdsClient pds = pds(sandbox, auth)) {
            ResourceNotFoundException e =
                    catchThrowableOfType(ResourceNotFoundException.class, () -> pds.getPatient(NOT_FOUND));
            assertThat(e.errorCode()).contains("RESOURCE_NOT_FOUND");
        }

        SpanData call = traces.callSpan();
        assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(call.getAttributes().get(SpanAttributes.NHS_ERROR_CODE)).isEqualTo("RESOURCE_NOT_FOUND");
        assertThat(call.getAttributes().get(SpanAttributes.ERROR_TYPE)).isEqualTo("404");
        traces.assertNothingHolds("9111231130");
    }

    @Test
    void aSandbox503IsRetriedUnderOneCallSpan(NhsSandbox sandbox) {
        sandbox.faults()
                .injectNext(
                        "GET", ".*/Patient/9000000009", SandboxFault.status(503).withRetryAfter(Duration.ofSeconds(2)));
        try (SignedJwtAuth auth = sandbox.signedJwtAuth();
                PdsClient pds = pds(sandbox, auth)) {
            pds.getPatient(FULL);
        }

        SpanData call = traces.callSpan();
        assertThat(traces.attemptSpans())
                .extracting(s -> s.getAttributes().get(SpanAttributes.HTTP_RESPONSE_STATUS_CODE))
                .containsExactly(503L, 200L);
        assertThat(traces.attemptSpans().get(1).getAttributes().get(SpanAttributes.HTTP_REQUEST_RESEND_COUNT))
                .isEqualTo(1L);
        assertThat(call.getEvents())
                .extracting(EventData::getName)
                .containsExactly(SpanEvents.TOKEN_FETCHED, SpanEvents.RETRY);
        assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void aSearchLeavesNoQueryValueInAnySpan(NhsSandbox sandbox) {
        try (SignedJwtAuth auth = sandbox.signedJwtAuth();
                PdsClient pds = pds(sandbox, auth)) {
            assertThat(pds.search(PatientSearch.builder()
                                    .family("Smith")
                                    .given("Jane")
                                    .birthDate(LocalDate.of(2010, 10, 22))
                                    .build())
                            .matches())
                    .hasSize(1);
        }

        Traces.assertClient(traces.callSpan(), "GET /Patient");
        assertThat(traces.callSpan().getAttributes().get(SpanAttributes.URL_TEMPLATE))
                .isEqualTo("/Patient");
        traces.assertNothingHolds("Smith", "Jane", "2010-10-22", "9000000009");
    }

    @Test
    void aTokenEndpointRefusalIsNotRecordedAsAStatusOfTheServiceCalled(NhsSandbox sandbox) {
        sandbox.faults().injectNext("POST", ".*/oauth2/token", SandboxFault.status(401));
        Throwable e;
        try (SignedJwtAuth auth = sandbox.signedJwtAuth();
                PdsClient pds = pds(sandbox, auth)) {
            e = catchThrowableOfType(UnauthorizedException.class, () -> pds.getPatient(FULL));
        }

        assertThat(e).isNotNull();
        assertThat(traces.attemptSpans()).as("PDS was never sent a request").isEmpty();
        SpanData call = traces.callSpan();
        assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(call.getAttributes().get(SpanAttributes.HTTP_RESPONSE_STATUS_CODE))
                .as("PDS answered nothing: the 401 was the token endpoint's")
                .isNull();
        assertThat(call.getAttributes().get(SpanAttributes.ERROR_TYPE)).isEqualTo("UnauthorizedException");
        assertThat(call.getEvents()).singleElement().satisfies(ev -> {
            assertThat(ev.getName()).isEqualTo(SpanEvents.TOKEN_FETCHED);
            assertThat(ev.getAttributes().get(SpanEvents.TOKEN_SUCCESS)).isFalse();
        });
    }
}
