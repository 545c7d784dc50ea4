package uk.nhs.sdk.testkit.internal.notify;

import uk.nhs.sdk.testkit.internal.SandboxContext;
import uk.nhs.sdk.testkit.spi.SandboxFake;
import uk.nhs.sdk.testkit.spi.SandboxService;
import uk.nhs.sdk.testkit.spi.SandboxServiceContext;

/**
 * Registers the NHS Notify API ({@link NotifyFake}) with the sandbox, and shares the fake with the
 * sandbox's state so {@code SandboxNotify} can reach it.
 */
public final class NotifyService implements SandboxService {
    /**
     * Creates the provider ({@link java.util.ServiceLoader} does this).
     */
    public NotifyService() {}

    @Override
    public String name() {
        return "NHS Notify";
    }

    @Override
    public String basePath() {
        return NotifyFake.BASE_PATH;
    }

    @Override
    public int order() {
        return 600;
    }

    @Override
    public SandboxFake create(SandboxServiceContext context) {
        SandboxContext sandbox = SandboxContext.of(context);
        NotifyFake fake = new NotifyFake(sandbox);
        return sandbox.shared(NotifyFake.class, () -> fake);
    }
}
