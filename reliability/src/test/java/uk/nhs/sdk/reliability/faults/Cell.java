package uk.nhs.sdk.reliability.faults;

import java.time.Instant;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.http.PipelinePosition;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingSleeper;
import uk.nhs.sdk.testkit.ClosedPort;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.SandboxFaults;

/**
 * One cell of the matrix: a row's operation under one fault, with its own options (injected
 * clock and sleeper, short real timeouts, the attempt counter) for the client under test, and
 * plain options for the clients that prepare state.
 */
final class Cell implements AutoCloseable {
    private final NhsSandbox sandbox;
    private final MatrixRow row;
    private final MatrixFault fault;
    private final RowFixtures fixtures;
    private final AttemptCounter counter;
    private final RecordingSleeper sleeper;
    private final ClosedPort port;
    private final NhsClientOptions options;
    private boolean armed;
    private SandboxFaults.RequestCount received;
    private volatile String note;

    Cell(NhsSandbox sandbox, MatrixRow row, MatrixFault fault, RowFixtures fixtures) {
        this.sandbox = sandbox;
        this.row = row;
        this.fault = fault;
        this.fixtures = fixtures;
        this.counter = new AttemptCounter(row.method(), row.countedPath());
        MutableClock clock = new MutableClock(Instant.now());
        this.sleeper = new RecordingSleeper(clock);
        this.port = fault == MatrixFault.CONNECTION_REFUSED ? ClosedPort.relayingTo(sandbox.baseUrl()) : null;
        if (port != null) {
            port.open(); // the state is prepared through it; arm() closes it
        }
        NhsClientOptions.Builder b = FaultMatrixTest.baseOptions().toBuilder()
                .clock(clock)
                .sleeper(wait -> {
                    if (port != null) {
                        port.open(); // the server is back by the retry
                    }
                    sleeper.sleep(wait);
                })
                .connectTimeout(fault.slow() ? FaultMatrixTest.SLOW_ATTEMPT_TIMEOUT : FaultMatrixTest.ATTEMPT_TIMEOUT)
                .attemptTimeout(fault.slow() ? FaultMatrixTest.SLOW_ATTEMPT_TIMEOUT : FaultMatrixTest.ATTEMPT_TIMEOUT)
                .addPolicy(PipelinePosition.PER_ATTEMPT, counter);
        if (port != null) {
            b.proxySelector(port.proxySelector());
        }
        this.options = b.build();
    }

    /** The options of the client under test. */
    NhsClientOptions options() {
        return options;
    }

    /** Plain options for the clients that prepare or check state (no fault, no counter). */
    static NhsClientOptions setupOptions() {
        return NhsClientOptions.builder()
                .circuitBreaker(CircuitBreakerOptions.disabled())
                .retry(RetryOptions.builder().maxAttempts(3).build())
                .build();
    }

    NhsSandbox sandbox() {
        return sandbox;
    }

    RowFixtures fixtures() {
        return fixtures;
    }

    MatrixFault fault() {
        return fault;
    }

    /**
     * Injects the fault into the next matching request (or has the port close as that request
     * starts), and starts counting its attempts: call it right before the operation under test.
     */
    void arm() {
        if (armed) {
            throw new IllegalStateException("a cell is armed once");
        }
        armed = true;
        if (port != null) {
            counter.arm(port::refuse); // the port closes as the faulted request starts
        } else {
            counter.arm(null);
            received = sandbox.faults().countRequests(row.method(), row.faultPath());
            sandbox.faults().injectNext(row.method(), row.faultPath(), fault.fault());
        }
    }

    /** Adds a remark to the cell's result, such as how a success came about. */
    void note(String value) {
        this.note = value;
    }

    java.util.Optional<String> note() {
        return java.util.Optional.ofNullable(note);
    }

    boolean armed() {
        return armed;
    }

    /**
     * The attempts of the faulted request: as the server received them (the SDK's retries and any
     * its HTTP library made on its own), or for a refused connection, which no server sees, as the
     * SDK's pipeline made them.
     */
    int attempts() {
        return received != null ? received.get() : counter.attempts();
    }

    @Override
    public void close() {
        if (port != null) {
            port.close();
        }
        if (received != null) {
            received.close();
        }
    }
}
