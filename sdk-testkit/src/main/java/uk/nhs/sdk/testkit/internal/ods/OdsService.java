package uk.nhs.sdk.testkit.internal.ods;

import uk.nhs.sdk.testkit.internal.SandboxContext;
import uk.nhs.sdk.testkit.spi.SandboxFake;
import uk.nhs.sdk.testkit.spi.SandboxService;
import uk.nhs.sdk.testkit.spi.SandboxServiceContext;

/**
 * Registers the ODS FHIR R4 API ({@link OdsFake}) with the sandbox, and shares the fake with the
 * sandbox's state so {@code SandboxOds} can reach it.
 */
public final class OdsService implements SandboxService {
    /**
     * Creates the provider ({@link java.util.ServiceLoader} does this).
     */
    public OdsService() {}

    @Override
    public String name() {
        return "ODS FHIR R4 (Organisation Data Terminology API)";
    }

    @Override
    public String basePath() {
        return OdsFake.BASE_PATH;
    }

    @Override
    public int order() {
        return 500;
    }

    @Override
    public SandboxFake create(SandboxServiceContext context) {
        SandboxContext sandbox = SandboxContext.of(context);
        OdsFake fake = new OdsFake(sandbox);
        return sandbox.shared(OdsFake.class, () -> fake);
    }
}
