package uk.nhs.sdk.testkit.internal.nrl;

import uk.nhs.sdk.testkit.internal.SandboxContext;
import uk.nhs.sdk.testkit.spi.SandboxFake;
import uk.nhs.sdk.testkit.spi.SandboxService;
import uk.nhs.sdk.testkit.spi.SandboxServiceContext;

/**
 * Registers the National Record Locator consumer and producer APIs ({@link NrlFake}) with the sandbox.
 */
public final class NrlService implements SandboxService {
    /**
     * Creates the provider ({@link java.util.ServiceLoader} does this).
     */
    public NrlService() {}

    @Override
    public String name() {
        return "National Record Locator (NRL) consumer and producer FHIR R4";
    }

    @Override
    public String basePath() {
        return NrlFake.BASE_PATH;
    }

    @Override
    public int order() {
        return 400;
    }

    @Override
    public SandboxFake create(SandboxServiceContext context) {
        return new NrlFake(SandboxContext.of(context));
    }
}
