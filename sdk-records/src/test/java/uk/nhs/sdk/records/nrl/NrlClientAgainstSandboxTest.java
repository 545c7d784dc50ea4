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
import uk.nhs.sdk.core.error.BadRequestException;
import uk.nhs.sdk.core.error.ForbiddenException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.error.ResourceNotFoundException;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingSleeper;
import uk.nhs.sdk.records.RecordsApi;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.NhsSandboxExtension;
import uk.nhs.sdk.testkit.SandboxFault;

/** The NRL clients against the embedded sandbox's NRL fake, which enforces NRL's rules. */
@ExtendWith(NhsSandboxExtension.class)
class NrlClientAgainstSandboxTest {
    private static final NhsNumber PATIENT = NhsNumber.parse("9000000017");
    private static final OdsCode Y05868 = OdsCode.of("Y05868");

    private RecordingSleeper sleeper;
    private NhsClientOptions options;

    @BeforeEach
    void options() {
        sleeper = new RecordingSleeper(new MutableClock(Instant.parse("2026-11-29T10:00:00Z")));
        options = NhsClientOptions.builder()
                .sleeper(sleeper)
                .circuitBreaker(CircuitBreakerOptions.disabled())
                .build();
    }

    private NrlConsumerClient consumer(NhsSandbox sandbox, OdsCode ods) {
        return NrlConsumerClient.builder()
                .baseUrl(sandbox.apiBaseUrl(RecordsApi.NRL_CONSUMER.basePath()))
                .options(options)
                .auth(sandbox.signedJwtAuth())
                .endUserOrganisation(ods)
                .build();
    }

    private NrlProducerClient producer(NhsSandbox sandbox, OdsCode ods) {
        return NrlProducerClient.builder()
                .baseUrl(sandbox.apiBaseUrl(RecordsApi.NRL_PRODUCER.basePath()))
                .options(options)
                .auth(sandbox.signedJwtAuth())
                .endUserOrganisation(ods)
                .build();
    }

    @Test
    void aConsumerFindsThePatientsPointersFromEveryCustodianAndCountsThem(NhsSandbox sandbox) {
        try (NrlConsumerClient nrl = consumer(sandbox, Y05868)) {
            PointerSearchResult all = nrl.search(PATIENT);
            PointerSearchResult byGet = nrl.search(PointerSearch.forPatient(PATIENT)
                    .usingGet()
                    .type(PointerType.MENTAL_HEALTH_CRISIS_PLAN)
                    .build());

            assertThat(all.pointers())
                    .extracting(p -> p.custodian().orElseThrow())
                    .containsExactlyInAnyOrder("Y05868", "RJ11", "8J008", "RY26A", "RM559");
            assertThat(byGet.pointers())
                    .allSatisfy(p -> assertThat(p.type()).isEqualTo(PointerType.MENTAL_HEALTH_CRISIS_PLAN))
                    .hasSize(2);
            assertThat(nrl.count(PointerSearch.forPatient(PATIENT)
                            .category(PointerCategory.CARE_PLAN)
                            .build()))
                    .isEqualTo(3);
            assertThat(nrl.read("Y05868-1234567892").type()).isEqualTo(PointerType.EMERGENCY_HEALTH_CARE_PLAN);
        }
    }

    @Test
    void anOdsCodeWithNoPointerTypesIsRefusedInWordsAndAnotherOrganisationsPointerIsForbidden(NhsSandbox sandbox) {
        try (NrlConsumerClient unknown = consumer(sandbox, OdsCode.of("X26"));
                NrlConsumerClient rj11 = consumer(sandbox, OdsCode.of("RJ11"))) {
            NoPointerTypesException e =
                    catchThrowableOfType(NoPointerTypesException.class, () -> unknown.search(PATIENT));
            assertThat(e.getMessage()).contains("no pointer types");

            ForbiddenException other =
                    catchThrowableOfType(ForbiddenException.class, () -> rj11.read("Y05868-1234567892"));
            assertThat(NrlErrorCode.of(other)).isEqualTo(NrlErrorCode.VALIDATION_ERROR);
        }
    }

    @Test
    void aProducerCreatesSupersedesUpdatesAndDeletes(NhsSandbox sandbox) {
        try (NrlProducerClient nrl = producer(sandbox, Y05868);
                NrlConsumerClient rm559 = consumer(sandbox, OdsCode.of("RM559"))) {
            WriteResult created = nrl.create(NrlWireMockTest.newPointer());
            assertThat(created.pointerId()).startsWith("Y05868-");
            assertThat(nrl.search(PointerSearch.forPatient(PATIENT).build()).pointers())
                    .extracting(p -> p.id().orElseThrow())
                    .contains(created.pointerId());
            assertThat(rm559.search(PATIENT).pointers())
                    .extracting(p -> p.id().orElseThrow())
                    .contains(created.pointerId());

            WriteResult replaced = nrl.supersede(NrlWireMockTest.newPointer(), created.pointerId());
            ResourceNotFoundException gone =
                    catchThrowableOfType(ResourceNotFoundException.class, () -> nrl.read(created.pointerId()));
            assertThat(gone.errorCode()).contains("RESOURCE_NOT_FOUND");

            DocumentReference current = nrl.read(replaced.pointerId());
            nrl.update(current, current.toBuilder().description("Reviewed").build());
            assertThat(nrl.read(replaced.pointerId()).description()).contains("Reviewed");

            nrl.delete(replaced.pointerId());
            assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> nrl.read(replaced.pointerId())))
                    .isNotNull();
        }
    }

    @Test
    void theFakeRefusesWhatTheModelCannotCatchAlone(NhsSandbox sandbox) {
        try (NrlProducerClient nrl = producer(sandbox, OdsCode.of("8J008"))) {
            BadRequestException e = catchThrowableOfType(
                    BadRequestException.class,
                    () -> nrl.create(NrlWireMockTest.newPointer().toBuilder()
                            .custodian(OdsCode.of("8J008"))
                            .type(PointerType.NEWS2_CHART)
                            .clearCategories()
                            .category(PointerCategory.of("410970009"))
                            .build()));
            assertThat(NrlErrorCode.of(e)).isEqualTo(NrlErrorCode.INVALID_RESOURCE);
            ForbiddenException type = catchThrowableOfType(
                    ForbiddenException.class,
                    () -> nrl.create(NrlWireMockTest.newPointer().toBuilder()
                            .custodian(OdsCode.of("8J008"))
                            .build()));
            assertThat(NrlErrorCode.of(type)).isEqualTo(NrlErrorCode.ACCESS_DENIED);
        }
    }

    @Test
    void aCreateRetriedAfterItsAnswerWasLostIsAppliedOnceWithTheSameId(NhsSandbox sandbox) {
        try (NrlProducerClient nrl = producer(sandbox, Y05868)) {
            int before = nrl.search(PointerSearch.forPatient(PATIENT).build()).total();
            sandbox.faults()
                    .injectNext(
                            "POST",
                            ".*/record-locator/producer/FHIR/R4/DocumentReference",
                            SandboxFault.status(503)
                                    .withRetryAfter(Duration.ofSeconds(2))
                                    .afterProcessing());

            WriteResult r = nrl.create(NrlWireMockTest.newPointer());

            assertThat(r.attempts()).isEqualTo(2);
            assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(2));
            assertThat(nrl.search(PointerSearch.forPatient(PATIENT).build()).total())
                    .as("created once")
                    .isEqualTo(before + 1);
        }
    }

    @Test
    void aCreateWhoseAnswersAreAllLostSaysOutcomeUnknownAndResendingWithTheIdCreatesNothingNew(NhsSandbox sandbox) {
        NhsClientOptions few = NhsClientOptions.builder()
                .sleeper(sleeper)
                .circuitBreaker(CircuitBreakerOptions.disabled())
                .retry(uk.nhs.sdk.core.RetryOptions.builder().maxAttempts(2).build())
                .build();
        try (NrlProducerClient nrl = NrlProducerClient.builder()
                .baseUrl(sandbox.apiBaseUrl(RecordsApi.NRL_PRODUCER.basePath()))
                .options(few)
                .endUserOrganisation(Y05868)
                .build()) {
            int start = nrl.search(PointerSearch.forPatient(PATIENT).build()).total();
            // the HTTP layer may also re-send a keyed write within an attempt: enough resets for every send
            sandbox.faults()
                    .inject(
                            "POST",
                            ".*/producer/FHIR/R4/DocumentReference",
                            SandboxFault.connectionReset().afterProcessing(),
                            10);

            NhsTransportException e =
                    catchThrowableOfType(NhsTransportException.class, () -> nrl.create(NrlWireMockTest.newPointer()));
            assertThat(e.outcomeUnknown()).isTrue();
            assertThat(e.attempts()).isEqualTo(2);
            String requestId = e.reconcileId().orElseThrow();
            assertThat(e.requestId()).contains(requestId);
            sandbox.faults().clear();
            int before = nrl.search(PointerSearch.forPatient(PATIENT).build()).total();

            WriteResult resent = nrl.create(NrlWireMockTest.newPointer(), java.util.UUID.fromString(requestId));

            assertThat(resent.pointerId()).startsWith("Y05868-");
            assertThat(before)
                    .as("the first attempt was applied, its retry was not")
                    .isEqualTo(start + 1);
            assertThat(nrl.search(PointerSearch.forPatient(PATIENT).build()).total())
                    .isEqualTo(before);
        }
    }
}
