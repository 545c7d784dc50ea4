package uk.nhs.sdk.testkit.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.testkit.internal.mesh.MeshDirectory;

/**
 * The MESH fake's configuration, shared through the sandbox's context: the mailboxes and
 * workflows it knows, the shared key its {@code Authorization} headers are keyed with, and whether
 * it gzips uncompressed messages on the fly for a download that accepts gzip.
 *
 * @param directory the mailboxes and workflows
 * @param sharedKey the environment's shared key
 * @param gzipOnTheFly whether a chunk stored uncompressed is gzipped (level 9, streamed) for a
 *     download that sends {@code Accept-Encoding: gzip}, as NHS England's mesh-sandbox does
 */
public record MeshSettings(MeshDirectory directory, Secret sharedKey, boolean gzipOnTheFly) {
    /**
     * Checks the settings.
     */
    public MeshSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(sharedKey, "sharedKey");
    }

    /**
     * Settings that serve each chunk as stored (no gzip on the fly).
     *
     * @param directory the mailboxes and workflows
     * @param sharedKey the environment's shared key
     */
    public MeshSettings(MeshDirectory directory, Secret sharedKey) {
        this(directory, sharedKey, false);
    }

    /**
     * These settings with gzip on the fly turned on or off.
     *
     * @param value whether to gzip chunks stored uncompressed for a client that accepts gzip
     * @return the settings
     */
    public MeshSettings withGzipOnTheFly(boolean value) {
        return new MeshSettings(directory, sharedKey, value);
    }

    /**
     * The public MESH sandbox's mailboxes, workflows and {@code TestKey}.
     *
     * @return the settings
     */
    public static MeshSettings publicSandbox() {
        return new MeshSettings(MeshDirectory.publicSandbox(), Secret.of(MeshDirectory.SANDBOX_SHARED_KEY));
    }

    /**
     * The settings a sandbox's builder was given: its mailboxes (else the public sandbox's, with
     * its workflows), its workflows and its shared key (else {@code TestKey}).
     *
     * @param mailboxes the configured mailboxes, by id; empty for the public sandbox's
     * @param workflows the configured workflows' receivers, by workflow id
     * @param sharedKey the configured shared key
     * @return the settings
     * @throws NhsValidationException when a workflow names a mailbox that is not configured
     */
    public static MeshSettings configured(
            Map<String, MeshDirectory.Mailbox> mailboxes,
            Map<String, List<String>> workflows,
            Optional<Secret> sharedKey) {
        MeshDirectory seed = MeshDirectory.publicSandbox();
        List<MeshDirectory.Mailbox> known = mailboxes.isEmpty() ? seed.mailboxes() : List.copyOf(mailboxes.values());
        Map<String, List<String>> receivers = new LinkedHashMap<>();
        if (mailboxes.isEmpty()) {
            receivers.putAll(seed.workflows());
        }
        receivers.putAll(workflows);
        MeshDirectory directory = new MeshDirectory(known, receivers);
        for (List<String> ids : workflows.values()) {
            for (String id : ids) {
                if (directory.mailbox(id).isEmpty()) {
                    throw new NhsValidationException("meshWorkflow", "receivers must be configured mailboxes");
                }
            }
        }
        return new MeshSettings(directory, sharedKey.orElse(Secret.of(MeshDirectory.SANDBOX_SHARED_KEY)));
    }

    /**
     * A sandbox's MESH settings: those it registered, else the public MESH sandbox's.
     *
     * @param context the sandbox's shared state
     * @return the settings
     */
    public static MeshSettings of(SandboxContext context) {
        return context.shared(MeshSettings.class, MeshSettings::publicSandbox);
    }
}
