package uk.nhs.sdk.reliability;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import uk.nhs.sdk.core.testing.LogGuard;

/**
 * Writes the document's "run" and "privacy" sections after each test class, with the figures of
 * the suite so far (the last class's write holds the whole suite's): how long the suite ran, on
 * what, how many tests, and how many log lines and exception messages were checked.
 *
 * <p>Before the first test class it registers the fake PDS's patient names as values no log line
 * or exception message may hold ({@link SandboxSecrets}).
 *
 * <p>Registered for every test of the suite through JUnit's extension auto-detection.
 */
public final class SuiteFigures implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private static final AtomicLong STARTED = new AtomicLong();
    private static final LongAdder TESTS = new LongAdder();

    /** Creates the extension (JUnit does this). */
    public SuiteFigures() {}

    @Override
    public void beforeAll(ExtensionContext context) {
        STARTED.compareAndSet(0, System.nanoTime());
        SandboxSecrets.forbidPatientNames();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TESTS.increment();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        publish();
    }

    /**
     * Writes the "run" and "privacy" sections with the figures so far. Called after each JUnit
     * test class, and by property-based test classes (which JUnit's extensions do not see) when
     * they finish.
     */
    public static void publish() {
        STARTED.compareAndSet(0, System.nanoTime());
        Duration took = Duration.ofNanos(System.nanoTime() - STARTED.get());
        ReliabilityReport.figures(
                "run",
                String.format(
                        "The suite's last regeneration ran for %d s (from its first test class to its last), on %d"
                                + " available cores, Java %s; JUnit tests run: %d (the jqwik properties'"
                                + " cases are counted in their own section).%n",
                        took.toSeconds(),
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.specification.version"),
                        TESTS.sum()));
        ReliabilityReport.figures(
                "privacy",
                String.format(
                        "| checked | count | holding an NHS number, name, token, key or password |%n"
                                + "|---|---|---|%n"
                                + "| log lines (every logger, TRACE) | %,d | 0 |%n"
                                + "| exception messages and texts | %,d | 0 |%n"
                                + "%nA finding fails the test that produced it, so a document written by a passing run"
                                + " reports none.%n",
                        LogGuard.linesChecked(), PrivacyAudit.messagesChecked()));
    }
}
