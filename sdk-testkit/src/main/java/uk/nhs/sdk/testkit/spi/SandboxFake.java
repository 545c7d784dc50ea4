package uk.nhs.sdk.testkit.spi;

/**
 * A service's fake inside one sandbox, as {@link SandboxService#create(SandboxServiceContext)}
 * returns it: stateful, thread-safe, and able to forget its state.
 *
 * <p>The sandbox answers a fake's requests through its embedded HTTP server: the fakes the SDK
 * ships implement the testkit's internal request-handling interface, which extends this one, and
 * a fake that does not is refused when the sandbox starts.
 */
public interface SandboxFake {
    /**
     * Forgets everything the fake learnt from requests and goes back to its seed data;
     * {@link uk.nhs.sdk.testkit.NhsSandbox#reset()} calls it.
     */
    void reset();
}
