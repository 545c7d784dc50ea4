package uk.nhs.sdk.reliability.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.auth.SignedJwtAuth;
import uk.nhs.sdk.identity.pds.PdsClient;
import uk.nhs.sdk.messaging.mesh.MeshClient;
import uk.nhs.sdk.messaging.notify.NotifyClient;
import uk.nhs.sdk.records.RecordsApi;
import uk.nhs.sdk.records.nrl.NrlConsumerClient;
import uk.nhs.sdk.records.ods.OdsClient;
import uk.nhs.sdk.reliability.PrivacyAudit;
import uk.nhs.sdk.reliability.ReliabilityReport;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.SandboxMeshMailbox;
import uk.nhs.sdk.testkit.SandboxNotify;

/**
 * Shared under load: one client of each service, and the API Platform token provider behind
 * them, each shared by 32 threads calling it for a bounded time against the sandbox. No call may
 * fail; once a client is closed its connections are gone and the JVM's threads (the sandbox
 * server's aside) are back to what they were before it was built; the token is fetched once for
 * the provider's whole life, however many threads and clients use it.
 */
class SharedUnderLoadTest {
    static final int THREADS = 32;
    static final Duration RUN = Duration.ofMillis(Long.getLong("reliability.load.millis", 1500));
    private static final NhsNumber PDS_PATIENT = NhsNumber.parse("9000000009");
    private static final NhsNumber NRL_PATIENT = NhsNumber.parse("9000000017");
    private static final OdsCode CUSTODIAN = OdsCode.of("Y05868");
    private static final String NOTIFY_MESSAGE = "2WL3qFTEFM0qMY8xjRbt1LIKCzM";
    private static final List<String> ROWS = new ArrayList<>();
    private static int taskRunnerAtEnd = -1;

    private static NhsSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = NhsSandbox.start();
        PrivacyAudit.forbid(sandbox.meshSharedKey().reveal());
        PrivacyAudit.forbid(sandbox.application().apiKey().reveal());
        sandbox.meshMailboxes().forEach(m -> PrivacyAudit.forbid(m.password().reveal()));
    }

    @AfterAll
    static void stopAndPublish() {
        sandbox.close();
        ReliabilityReport.figures(
                "shared-under-load",
                String.format(
                        "%d threads per client, each calling for %d ms. Threads: the JVM's live threads, the sandbox's server"
                                + " and OkHttp's process-wide task runner aside, before the client was built and after it was"
                                + " closed. Connections: the established TCP connections to the sandbox, before and after,"
                                + " and (in brackets) those its pool held when the load ended. Token fetches: access tokens"
                                + " the sandbox issued while the row ran (for the token provider, over its whole life).%n%n"
                                + "| client | call | threads | calls | errors | JVM threads before / after"
                                + " | connections before / after (pooled) | token fetches |%n"
                                + "|---|---|---|---|---|---|---|---|%n%s%n%n"
                                + "OkHttp's task runner, shared by every OkHttp client in the JVM, held %d idle threads when the"
                                + " last client closed; it ends each after 60 idle seconds.%n",
                        THREADS, RUN.toMillis(), String.join("\n", ROWS), taskRunnerAtEnd));
    }

    @Test
    void oneClientOfEachServiceServes32ThreadsWithNoErrorsNoLeaksAndOneToken() throws Exception {
        warmUp();
        int port = sandbox.baseUrl().getPort();
        int tokensBefore = sandbox.issuedTokenCount();
        Map<String, Integer> threadsBefore = ThreadCensus.clientSide();
        int connectionsBefore = OpenConnections.to(port);
        SignedJwtAuth auth = sandbox.signedJwtAuth();
        LoadRun tokenRun;
        int tokenPooled;
        try {
            // the 32 threads start on a provider that holds no token yet, so they race for its first fetch
            tokenRun = LoadRun.run(
                    THREADS, RUN, () -> assertThat(auth.accessToken().reveal()).isNotEmpty());
            tokenPooled = OpenConnections.to(port);
            PrivacyAudit.forbid(auth.accessToken().reveal());
            assertThat(sandbox.issuedTokenCount() - tokensBefore)
                    .as("tokens fetched by 32 threads racing a cold provider")
                    .isEqualTo(1);
            measure(
                    "PDS",
                    "getPatient",
                    port,
                    () -> PdsClient.builder()
                            .baseUrl(sandbox.pdsBaseUrl())
                            .auth(auth)
                            .build(),
                    pds -> () ->
                            assertThat(pds.getPatient(PDS_PATIENT).version()).isPositive());
            measure(
                    "NRL consumer",
                    "search",
                    port,
                    () -> NrlConsumerClient.builder()
                            .baseUrl(sandbox.apiBaseUrl(RecordsApi.NRL_CONSUMER.basePath()))
                            .auth(auth)
                            .endUserOrganisation(CUSTODIAN)
                            .build(),
                    nrl -> () -> assertThat(nrl.search(NRL_PATIENT).pointers()).isNotEmpty());
            measure(
                    "NHS Notify",
                    "getMessage",
                    port,
                    () -> NotifyClient.builder()
                            .baseUrl(SandboxNotify.of(sandbox).baseUrl())
                            .auth(auth)
                            .build(),
                    notify -> () -> assertThat(notify.getMessage(NOTIFY_MESSAGE).messageReference())
                            .isNotEmpty());
            measure(
                    "ODS (API key)",
                    "read",
                    port,
                    () -> OdsClient.builder()
                            .baseUrl(sandbox.apiBaseUrl(RecordsApi.ODS.basePath()))
                            .apiKey(sandbox.application().apiKey())
                            .build(),
                    ods -> () -> assertThat(ods.read(CUSTODIAN).odsCode()).isEqualTo(CUSTODIAN));
            SandboxMeshMailbox mailbox = sandbox.meshMailboxes().get(0);
            measure(
                    "MESH (NHSMESH header)",
                    "inbox",
                    port,
                    () -> MeshClient.builder()
                            .baseUrl(sandbox.meshBaseUrl())
                            .mailbox(mailbox.id())
                            .password(mailbox.password())
                            .sharedKey(sandbox.meshSharedKey())
                            .build(),
                    mesh -> () -> assertThat(mesh.inbox().messageIds()).isNotNull());
        } finally {
            auth.close();
        }
        // the token provider's row: its own load first, its connections and threads once it closed,
        // and the tokens it fetched over its whole life, shared by PDS, NRL and Notify under load
        int connectionsAfter = settled(() -> OpenConnections.to(port), connectionsBefore);
        int threadsAfter =
                settled(() -> ThreadCensus.owned(ThreadCensus.clientSide()), ThreadCensus.owned(threadsBefore));
        int lifetimeTokens = sandbox.issuedTokenCount() - tokensBefore;
        taskRunnerAtEnd = ThreadCensus.taskRunner(ThreadCensus.clientSide());
        ROWS.add(
                0,
                row(
                        "API Platform token (SignedJwtAuth), shared by PDS, NRL and Notify",
                        "accessToken()",
                        tokenRun,
                        ThreadCensus.owned(threadsBefore),
                        threadsAfter,
                        connectionsBefore,
                        connectionsAfter,
                        tokenPooled,
                        lifetimeTokens));
        assertThat(tokenRun.errors())
                .as("token errors under load; the first: %s", tokenRun.firstErrors())
                .isZero();
        assertThat(lifetimeTokens).as("tokens fetched for the provider's life").isEqualTo(1);
        assertThat(connectionsAfter)
                .as("token provider: connections left open after close")
                .isEqualTo(connectionsBefore);
        assertThat(threadsAfter)
                .as("token provider: threads after close: %s, before: %s", ThreadCensus.clientSide(), threadsBefore)
                .isLessThanOrEqualTo(ThreadCensus.owned(threadsBefore));
    }

    private static String row(
            String name,
            String call,
            LoadRun run,
            int threadsBefore,
            int threadsAfter,
            int connectionsBefore,
            int connectionsAfter,
            int pooled,
            int tokens) {
        return "| " + name + " | " + call + " | " + THREADS + " | " + run.calls() + " | " + run.errors() + " | "
                + threadsBefore + " / " + threadsAfter + " | "
                + (OpenConnections.available()
                        ? connectionsBefore + " / " + connectionsAfter + " (" + pooled + ")"
                        : "n/a (no /proc/net/tcp)")
                + " | " + tokens + " |";
    }

    /** Builds, loads, closes and measures one client; adds its row. */
    private <C extends AutoCloseable> void measure(
            String name, String call, int port, ThrowingSupplier<C> build, Function<C, LoadRun.Call> load)
            throws Exception {
        Map<String, Integer> threadsBefore = ThreadCensus.clientSide();
        int connectionsBefore = OpenConnections.to(port);
        int tokensAtStart = sandbox.issuedTokenCount();
        C client = build.get();
        LoadRun run;
        int pooled;
        try {
            run = LoadRun.run(THREADS, RUN, load.apply(client));
            pooled = OpenConnections.to(port);
        } finally {
            client.close();
        }
        int tokens = sandbox.issuedTokenCount() - tokensAtStart;
        int connectionsAfter = settled(() -> OpenConnections.to(port), connectionsBefore);
        int threadsAfter =
                settled(() -> ThreadCensus.owned(ThreadCensus.clientSide()), ThreadCensus.owned(threadsBefore));
        ROWS.add(row(
                name,
                call,
                run,
                ThreadCensus.owned(threadsBefore),
                threadsAfter,
                connectionsBefore,
                connectionsAfter,
                pooled,
                tokens));
        assertThat(run.errors())
                .as("%s: errors under load; the first: %s", name, run.firstErrors())
                .isZero();
        assertThat(run.calls()).as("%s: calls", name).isPositive();
        assertThat(connectionsAfter)
                .as("%s: connections left open after close", name)
                .isEqualTo(connectionsBefore);
        assertThat(threadsAfter)
                .as("%s: threads after close: %s, before: %s", name, ThreadCensus.clientSide(), threadsBefore)
                .isLessThanOrEqualTo(ThreadCensus.owned(threadsBefore));
    }

    /** Polls a figure for up to two seconds until it falls to {@code target}; returns its last value. */
    private static int settled(IntSupplier figure, int target) throws InterruptedException {
        int value = figure.getAsInt();
        for (int i = 0; i < 40 && value > target; i++) {
            Thread.sleep(50);
            value = figure.getAsInt();
        }
        return value;
    }

    /**
     * A client built, called and closed before the baseline, so the JVM's one-off threads (OkHttp's
     * and Okio's process-wide ones) are already counted in it.
     */
    private static void warmUp() throws Exception {
        try (SignedJwtAuth auth = sandbox.signedJwtAuth();
                PdsClient pds = PdsClient.builder()
                        .baseUrl(sandbox.pdsBaseUrl())
                        .auth(auth)
                        .build()) {
            pds.getPatient(PDS_PATIENT);
        }
    }

    @FunctionalInterface
    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
