package uk.nhs.sdk.reliability.lost;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.reliability.PrivacyAudit;
import uk.nhs.sdk.reliability.ReliabilityReport;
import uk.nhs.sdk.testkit.NhsSandbox;

/**
 * Nothing lost: messages and updates sent through the sandbox while a seeded tenth of all
 * requests are reset or answered 503, each scenario judged by the fake's state. The seed is
 * {@code -Dreliability.seed} (default {@value #DEFAULT_SEED}) and every assertion names it.
 */
class NothingLostTest {
    static final long DEFAULT_SEED = 20261130L;
    static final long SEED = Long.getLong("reliability.seed", DEFAULT_SEED);
    private static final List<String> ORDER = List.of("mesh", "notify", "pds");
    private static final Map<String, Outcome> OUTCOMES = new ConcurrentHashMap<>();

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-30T09:00:00Z"));
    private static NhsSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = NhsSandbox.builder().clock(CLOCK).start();
        PrivacyAudit.forbid(sandbox.meshSharedKey().reveal());
        sandbox.meshMailboxes().forEach(m -> PrivacyAudit.forbid(m.password().reveal()));
    }

    @AfterAll
    static void stopAndPublish() {
        sandbox.close();
        List<String> rows = new ArrayList<>();
        for (String name : ORDER) {
            Outcome o = OUTCOMES.get(name);
            if (o != null) {
                rows.add(o.row());
            }
        }
        ReliabilityReport.figures(
                "nothing-lost",
                String.format(
                        "Seed %d; a tenth of all requests (drawn per request) broken by the sandbox: a connection reset"
                                + " before the service handles the request or after it did (the answer lost), or a 503.%n%n"
                                + "| scenario | messages | requests | faults injected | retried by the SDK"
                                + " | outcome unknown / reconciled | lost | duplicated |%n"
                                + "|---|---|---|---|---|---|---|---|%n%s%n",
                        SEED, String.join("\n", rows)));
    }

    @BeforeEach
    void fresh() {
        sandbox.reset();
    }

    @AfterEach
    void clearFaults() {
        sandbox.faults().clear();
    }

    @Test
    void everyMeshMessageIsDeliveredAndAcknowledgedExactlyOnce() {
        record("mesh", () -> new MeshNothingLost(sandbox, CLOCK, SEED).run());
    }

    @Test
    void everyNotifyMessageOfABatchIsAcceptedExactlyOnce() {
        record("notify", () -> new NotifyNothingLost(sandbox, CLOCK, SEED).run());
    }

    @Test
    void everyPdsUpdateIsAppliedExactlyOnce() {
        record("pds", () -> new PdsNothingLost(sandbox, CLOCK, SEED).run());
    }

    /** Runs a scenario and keeps its row; an exception it throws is rethrown naming the seed. */
    private static void record(String name, Scenario scenario) {
        Outcome outcome;
        try {
            outcome = scenario.run();
        } catch (Exception e) { // an assertion's description names the seed already
            throw new AssertionError(
                    "the " + name + " scenario failed with seed " + SEED + " (rerun with -Dreliability.seed=" + SEED
                            + ")",
                    e);
        }
        OUTCOMES.put(name, outcome);
    }

    /** One scenario. */
    @FunctionalInterface
    interface Scenario {
        Outcome run() throws Exception;
    }
}
