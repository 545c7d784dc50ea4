package uk.nhs.sdk.examples;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import uk.nhs.sdk.core.auth.SignedJwtAuth;
import uk.nhs.sdk.examples.demo.DemoContext;
import uk.nhs.sdk.examples.demo.DemoStep;

/**
 * A test module registered only through a test's class loader: a last demo step that notes how
 * many connections the earlier steps left open, and the auth they shared.
 */
public final class ConnectionProbeModule implements CliModule {
    /** The counter the step reads; set by the test. */
    static final AtomicReference<OpenConnections> CONNECTIONS = new AtomicReference<>();
    /** The connections open when the step ran. */
    static final AtomicInteger OPEN = new AtomicInteger(-1);
    /** The connections the server had ended after they sat idle, when the step ran. */
    static final AtomicInteger CLOSED_IDLE = new AtomicInteger(-1);
    /** The demo's auth, as the step saw it. */
    static final AtomicReference<SignedJwtAuth> AUTH = new AtomicReference<>();

    /**
     * Creates the module.
     */
    public ConnectionProbeModule() {}

    @Override
    public int order() {
        return 100_000;
    }

    @Override
    public List<DemoStep> demoSteps() {
        return List.of(new DemoStep() {
            @Override
            public String title() {
                return "Probe: connections left open";
            }

            @Override
            public void run(DemoContext demo) throws Exception {
                OPEN.set(CONNECTIONS.get().awaitAtMost(1, ExamplesCloseWhatTheyOpenTest.CLOSE_ARRIVES));
                CLOSED_IDLE.set(CONNECTIONS.get().closedIdleByServer());
                AUTH.set(demo.auth());
            }
        });
    }
}
