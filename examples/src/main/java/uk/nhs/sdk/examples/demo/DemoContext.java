package uk.nhs.sdk.examples.demo;

import java.io.PrintWriter;
import java.util.Objects;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.auth.SignedJwtAuth;
import uk.nhs.sdk.testkit.NhsSandbox;

/**
 * What the demo's steps share: the embedded sandbox, the client options, the API Platform auth
 * the first step set up (closed when the tour ends), and the printer. A step closes the clients
 * it builds.
 */
public final class DemoContext {
    private final NhsSandbox sandbox;
    private final PrintWriter out;
    private final NhsClientOptions options =
            NhsClientOptions.builder().applicationId("nhs-demo").build();
    private SignedJwtAuth auth;

    DemoContext(NhsSandbox sandbox, PrintWriter out) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * The embedded sandbox.
     *
     * @return the sandbox
     */
    public NhsSandbox sandbox() {
        return sandbox;
    }

    /**
     * The client options every step's clients use.
     *
     * @return the options
     */
    public NhsClientOptions options() {
        return options;
    }

    /**
     * The API Platform signed-JWT auth of the demo's application (set by the first step); the demo
     * closes it when the tour ends, so a step that builds a client with it leaves it open.
     *
     * @return the auth
     * @throws IllegalStateException before the auth step ran
     */
    public SignedJwtAuth auth() {
        if (auth == null) {
            throw new IllegalStateException("the API Platform step has not run");
        }
        return auth;
    }

    void auth(SignedJwtAuth value) {
        this.auth = value;
    }

    /** Closes the auth (it owns a connection pool) when the tour ends; the steps close their own clients. */
    void close() {
        if (auth != null) {
            auth.close();
        }
    }

    /**
     * Prints one line of what the step did.
     *
     * @param line the line
     */
    public void say(String line) {
        out.println("  " + line);
        out.flush();
    }

    void heading(int n, String title) {
        out.println();
        out.println(n + ". " + title);
        out.flush();
    }
}
