package uk.nhs.sdk.reliability.lost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.error.ServerErrorException;
import uk.nhs.sdk.core.http.PipelinePosition;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingSleeper;
import uk.nhs.sdk.identity.pds.ContactPoint;
import uk.nhs.sdk.identity.pds.ContactSystem;
import uk.nhs.sdk.identity.pds.PatientName;
import uk.nhs.sdk.identity.pds.PatientPatch;
import uk.nhs.sdk.identity.pds.PdsClient;
import uk.nhs.sdk.identity.pds.RetrievedPatient;
import uk.nhs.sdk.identity.pds.UpdateResult;
import uk.nhs.sdk.reliability.PrivacyAudit;
import uk.nhs.sdk.testkit.NhsSandbox;

/**
 * PDS: a patient updated again and again ({@code PATCH} with {@code If-Match}), each update adding
 * one contact point of its own, while a tenth of the requests fail, including 503s and resets
 * after PDS applied the update. The SDK resends an update with the same {@code X-Request-ID},
 * which PDS de-duplicates; an update whose outcome stays unknown after the retries is resent by
 * the caller with the id from the exception, as the SDK documents. Every other update goes
 * through a client that makes one attempt only, so that the caller's resend after an unknown
 * outcome is exercised too, not only the SDK's own retries. The judge is the fake's record: its
 * version rose by exactly the number of updates and each contact point is there exactly once.
 */
final class PdsNothingLost {
    static final int UPDATES = 100;
    private static final int ROUNDS = 10;
    private static final NhsNumber PATIENT = NhsNumber.parse("9000000009");

    private final NhsSandbox sandbox;
    private final MutableClock clock;
    private final long seed;
    private final RandomFaults faults;

    PdsNothingLost(NhsSandbox sandbox, MutableClock clock, long seed) {
        this.sandbox = sandbox;
        this.clock = clock;
        this.seed = seed;
        this.faults = new RandomFaults(sandbox, seed, 0.10, true);
    }

    Outcome run() {
        Random random = new Random(seed);
        NhsClientOptions plain = NhsClientOptions.builder()
                .clock(clock)
                .sleeper(new RecordingSleeper(clock))
                .build();
        // the open sandbox's access (no token): full access, as a clinician has
        NhsClientOptions faulty = plain.toBuilder()
                .addPolicy(PipelinePosition.PER_ATTEMPT, faults)
                .build();
        try (PdsClient reader = PdsClient.builder()
                        .baseUrl(sandbox.pdsBaseUrl())
                        .options(plain)
                        .build();
                PdsClient retrying = PdsClient.builder()
                        .baseUrl(sandbox.pdsBaseUrl())
                        .options(faulty)
                        .build();
                PdsClient once = PdsClient.builder()
                        .baseUrl(sandbox.pdsBaseUrl())
                        .options(faulty.toBuilder()
                                .retry(RetryOptions.builder().maxAttempts(1).build())
                                .build())
                        .build()) {
            RetrievedPatient before = reader.getPatient(PATIENT);
            for (PatientName n : before.patient().names()) {
                n.family().ifPresent(PrivacyAudit::forbid);
                n.given().forEach(PrivacyAudit::forbid);
            }
            int unknown = 0;
            int reconciled = 0;
            long version = before.version();
            for (int i = 0; i < UPDATES; i++) {
                PatientPatch patch = PatientPatch.builder()
                        .addTelecom(ContactPoint.builder(ContactSystem.OTHER, "reliability-" + seed + "-" + i)
                                .build())
                        .build();
                UUID requestId = new UUID(random.nextLong(), random.nextLong());
                PdsClient pds = i % 2 == 0 ? retrying : once;
                UpdateResult done = null;
                boolean wasUnknown = false;
                for (int round = 0; round < ROUNDS && done == null; round++) {
                    try {
                        done = pds.update(PATIENT, version, patch, requestId);
                    } catch (NhsTransportException e) {
                        PrivacyAudit.check(e);
                        assertThat(e.reconcileId())
                                .as("reconcile id (seed %d)", seed)
                                .contains(requestId.toString());
                        wasUnknown = true;
                    } catch (ServerErrorException e) {
                        PrivacyAudit.check(e);
                        assertThat(e.requestId())
                                .as("request id to resend with (seed %d)", seed)
                                .contains(requestId.toString());
                        wasUnknown = true;
                    }
                }
                assertThat(done)
                        .as("update %d finished in %d rounds (seed %d)", i, ROUNDS, seed)
                        .isNotNull();
                PrivacyAudit.checkText(done.toString());
                if (wasUnknown) {
                    unknown++;
                    reconciled++;
                }
                assertThat(done.version())
                        .as("version after update %d (seed %d)", i, seed)
                        .isEqualTo(version + 1);
                version = done.version();
            }
            RetrievedPatient after = reader.getPatient(PATIENT);
            PrivacyAudit.checkText(after.toString());
            Map<String, Integer> added = new HashMap<>();
            for (ContactPoint c : after.patient().telecom()) {
                c.value().filter(v -> v.startsWith("reliability-")).ifPresent(v -> added.merge(v, 1, Integer::sum));
            }
            int lost = 0;
            int duplicated = 0;
            for (int i = 0; i < UPDATES; i++) {
                int n = added.getOrDefault("reliability-" + seed + "-" + i, 0);
                if (n == 0) {
                    lost++;
                } else if (n > 1) {
                    duplicated++;
                }
            }
            assertThat(lost).as("PDS updates not applied (seed %d)", seed).isZero();
            assertThat(duplicated)
                    .as("PDS updates applied twice (seed %d)", seed)
                    .isZero();
            assertThat(after.version())
                    .as("PDS version rose once per update (seed %d)", seed)
                    .isEqualTo(before.version() + UPDATES);
            assertThat(reconciled)
                    .as("updates the caller resent after an unknown outcome (seed %d)", seed)
                    .isPositive();
            return new Outcome(
                    "PDS: updates (PATCH, If-Match) of one patient",
                    UPDATES,
                    faults.requests(),
                    faults.injected(),
                    faults.retries(),
                    unknown,
                    reconciled,
                    lost,
                    duplicated);
        }
    }
}
