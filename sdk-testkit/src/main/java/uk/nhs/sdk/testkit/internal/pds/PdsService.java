package uk.nhs.sdk.testkit.internal.pds;

import uk.nhs.sdk.testkit.internal.SandboxContext;
import uk.nhs.sdk.testkit.spi.SandboxFake;
import uk.nhs.sdk.testkit.spi.SandboxService;
import uk.nhs.sdk.testkit.spi.SandboxServiceContext;

/**
 * Registers the Personal Demographics Service FHIR API ({@link PdsFake}) with the sandbox.
 */
public final class PdsService implements SandboxService {
    /**
     * Creates the provider ({@link java.util.ServiceLoader} does this).
     */
    public PdsService() {}

    @Override
    public String name() {
        return "Personal Demographics Service (PDS) FHIR R4";
    }

    @Override
    public String basePath() {
        return PdsFake.BASE_PATH;
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public SandboxFake create(SandboxServiceContext context) {
        return new PdsFake(SandboxContext.of(context));
    }
}
