package uk.nhs.sdk.examples.demo;

/**
 * One stop of the {@code nhs demo} tour: a short, readable use of one service against the
 * embedded sandbox.
 */
public interface DemoStep {
    /**
     * The step's heading.
     *
     * @return for example {@code API Platform: an access token through the signed-JWT flow}
     */
    String title();

    /**
     * Runs the step, printing what it does through the context.
     *
     * @param demo the sandbox, the auth obtained so far and the printer
     * @throws Exception when the step fails; the demo stops with exit status 1
     */
    void run(DemoContext demo) throws Exception;
}
