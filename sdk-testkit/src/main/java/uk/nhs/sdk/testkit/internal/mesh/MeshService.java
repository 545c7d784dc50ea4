package uk.nhs.sdk.testkit.internal.mesh;

import uk.nhs.sdk.testkit.internal.MeshSettings;
import uk.nhs.sdk.testkit.internal.SandboxContext;
import uk.nhs.sdk.testkit.spi.SandboxFake;
import uk.nhs.sdk.testkit.spi.SandboxService;
import uk.nhs.sdk.testkit.spi.SandboxServiceContext;

/**
 * Registers the MESH API ({@link MeshFake}) with the sandbox, at the root: MESH paths start with
 * {@code /messageexchange}. Its mailboxes and key are the sandbox's {@link MeshSettings}; the raw
 * bodies of its POSTs are spooled to disk so chunks are kept as uploaded, and its messages are kept
 * as files the server answers downloads from.
 */
public final class MeshService implements SandboxService {
    private static final String FILES = "mesh";

    /**
     * Creates the provider ({@link java.util.ServiceLoader} does this).
     */
    public MeshService() {}

    @Override
    public String name() {
        return "MESH";
    }

    @Override
    public String basePath() {
        return "";
    }

    @Override
    public int order() {
        return 300;
    }

    @Override
    public SandboxFake create(SandboxServiceContext context) {
        SandboxContext sandbox = SandboxContext.of(context);
        MeshSettings settings = MeshSettings.of(sandbox);
        return new MeshFake(
                sandbox,
                settings.directory(),
                settings.sharedKey(),
                sandbox.bodyFileDirectory(FILES),
                FILES + "/",
                sandbox.requestBodies().spool("/messageexchange/*"),
                settings.gzipOnTheFly());
    }
}
