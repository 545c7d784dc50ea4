package uk.nhs.sdk.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static uk.nhs.sdk.micrometer.MeterAssertions.timerCount;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.auth.SignedJwtAuth;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.ResourceNotFoundException;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingSleeper;
import uk.nhs.sdk.identity.pds.PdsClient;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.NhsSandboxExtension;
import uk.nhs.sdk.testkit.SandboxApplication;

/**
 * The PDS client against the embedded sandbox, authenticated with a signed JWT through the
 * sandbox's OAuth2 server: calls, attempts and token fetches, and no patient data in any tag.
 */
@ExtendWith(NhsSandboxExtension.class)
class SandboxMetricsTest {
    private static final NhsNumber FULL = NhsNumber.parse("9000000009");
    private static final NhsNumber NOT_FOUND = NhsNumber.parse("9111231130");
    private static final String GET_PATIENT = "GET /Patient/{id}";

    private SimpleMeterRegistry registry;
    private NhsClientOptions options;

    @BeforeEach
    void fresh() {
        registry = new SimpleMeterRegistry();
        options = NhsMetrics.of(registry)
                .applyTo(NhsClientOptions.builder()
                        .sleeper(new RecordingSleeper(new MutableClock(Instant.parse("2026-11-29T10:00:00Z"))))
                        .circuitBreaker(CircuitBreakerOptions.disabled()))
                .build();
    }

    @Test
    void aRetrievalIsASuccessfulCallAfterOneTokenFetch(NhsSandbox sandbox) {
        try (SignedJwtAuth auth = sandbox.signedJwtAuth();
                PdsClient pds = PdsClient.builder()
                        .baseUrl(sandbox.pdsBaseUrl())
                        .options(options)
                        .auth(auth)
                        .build()) {
            assertThat(pds.getPatient(FULL).patient().id()).isEqualTo(FULL.value());
            pds.getPatient(FULL);
            LogGuard.forbid(auth.accessToken().reveal());

            assertThat(timerCount(
                            registry,
                            NhsMetrics.CALLS,
                            "service",
                            "PDS",
                            "operation",
                            GET_PATIENT,
                            "outcome",
                            "success",
                            "status",
                            "200",
                            "error_code",
                            "none"))
                    .isEqualTo(2);
            assertThat(timerCount(
                            registry,
                            NhsMetrics.ATTEMPTS,
                            "service",
                            "PDS",
                            "operation",
                            GET_PATIENT,
                            "outcome",
                            "success",
                            "status",
                            "200"))
                    .isEqualTo(2);
            // the token is cached: one fetch for both calls
            assertThat(timerCount(
                            registry,
                            NhsMetrics.TOKEN_FETCHES,
                            "service",
                            "PDS",
                            "provider",
                            "OAuth2 token",
                            "outcome",
                            "success"))
                    .isEqualTo(1);
            assertThat(sandbox.issuedTokenCount()).isEqualTo(1);
            MeterAssertions.assertNoPatientData(
                    registry,
                    FULL.value(),
                    auth.accessToken().reveal(),
                    sandbox.application().apiKey().reveal());
        }
    }

    @Test
    void anUnknownPatientIsAClientErrorWithPdsCode(NhsSandbox sandbox) {
        try (SignedJwtAuth auth = sandbox.signedJwtAuth();
                PdsClient pds = PdsClient.builder()
                        .baseUrl(sandbox.pdsBaseUrl())
                        .options(options)
                        .auth(auth)
                        .build()) {
            catchThrowableOfType(ResourceNotFoundException.class, () -> pds.getPatient(NOT_FOUND));

            assertThat(timerCount(
                            registry,
                            NhsMetrics.CALLS,
                            "service",
                            "PDS",
                            "operation",
                            GET_PATIENT,
                            "outcome",
                            "client_error",
                            "status",
                            "404",
                            "error_code",
                            "RESOURCE_NOT_FOUND"))
                    .isEqualTo(1);
            MeterAssertions.assertNoPatientData(registry, NOT_FOUND.value());
        }
    }

    @Test
    void aTokenFetchTheServerRefusesIsCountedAsAFailure(NhsSandbox sandbox) {
        SandboxApplication unregistered = SandboxApplication.generate("unregistered-key");
        try (SignedJwtAuth auth = SignedJwtAuth.builder()
                        .apiKey(unregistered.apiKey())
                        .keyId(unregistered.keyId())
                        .privateKey(unregistered.privateKey())
                        .tokenUrl(sandbox.oauthTokenUrl())
                        .build();
                PdsClient pds = PdsClient.builder()
                        .baseUrl(sandbox.pdsBaseUrl())
                        .options(options)
                        .auth(auth)
                        .build()) {
            NhsSdkException e = catchThrowableOfType(NhsSdkException.class, () -> pds.getPatient(FULL));

            assertThat(e).isNotNull();
            assertThat(timerCount(
                            registry,
                            NhsMetrics.TOKEN_FETCHES,
                            "service",
                            "PDS",
                            "provider",
                            "OAuth2 token",
                            "outcome",
                            "failure"))
                    .isEqualTo(1);
            assertThat(timerCount(registry, NhsMetrics.TOKEN_FETCHES, "outcome", "success"))
                    .isZero();
            assertThat(MeterAssertions.meters(registry, NhsMetrics.CALLS))
                    .singleElement()
                    .satisfies(m -> assertThat(m.getId().getTag("outcome")).isNotEqualTo("success"));
            MeterAssertions.assertNoPatientData(
                    registry, FULL.value(), unregistered.apiKey().reveal());
        }
    }
}
