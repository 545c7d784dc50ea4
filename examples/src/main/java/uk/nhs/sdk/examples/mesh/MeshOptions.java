package uk.nhs.sdk.examples.mesh;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.NhsEnvironment;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.http.TlsConfig;
import uk.nhs.sdk.examples.CommonOptions;
import uk.nhs.sdk.examples.Env;
import uk.nhs.sdk.examples.Target;
import uk.nhs.sdk.examples.UsageException;
import uk.nhs.sdk.messaging.mesh.MeshClient;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.SandboxMeshMailbox;

/**
 * The MESH credentials every {@code nhs mesh} command takes, from options or {@code MESH_*}
 * environment variables, and how they become a {@link MeshClient}:
 * <ul>
 *   <li>embedded sandbox (no {@code --env}, no {@code --base-url}): the sandbox's mailboxes,
 *       {@code X26ABC1} unless {@code --mailbox} says otherwise, with their passwords and the
 *       sandbox's shared key;</li>
 *   <li>{@code --env int|prod}: the environment's MESH host, with the mailbox, password, shared key
 *       and client certificate NHS England issued;</li>
 *   <li>{@code --base-url URL}: that MESH server (a running {@code nhs sandbox}, a local
 *       mesh-sandbox).</li>
 * </ul>
 */
public final class MeshOptions {
    /** Set by {@code nhs mesh receive}: whether downloads ask for gzip ({@code null}: the SDK's default). */
    Boolean acceptCompressed;

    @Option(names = "--mailbox", paramLabel = "ID", description = "Your MESH mailbox id (or MESH_MAILBOX).")
    String mailbox;

    @Option(
            names = "--password",
            paramLabel = "PASSWORD",
            description = "The mailbox password (or MESH_PASSWORD, better outside a sandbox: other users of the "
                    + "machine can see command-line arguments).")
    String password;

    @Option(
            names = "--shared-key",
            paramLabel = "KEY",
            description = "The environment's MESH shared key (or MESH_SHARED_KEY, better outside a sandbox).")
    String sharedKey;

    @Option(
            names = "--client-cert",
            paramLabel = "FILE",
            description = "PEM client certificate for mutual TLS, with any intermediates (or MESH_CLIENT_CERT).")
    Path clientCert;

    @Option(
            names = "--client-key",
            paramLabel = "FILE",
            description = "PEM private key of that certificate (or MESH_CLIENT_KEY).")
    Path clientKey;

    @Option(
            names = "--ca-bundle",
            paramLabel = "FILE",
            description =
                    "PEM CA certificates to trust for the MESH server, such as NHS England's INT bundle (or MESH_CA_BUNDLE).")
    Path caBundle;

    /**
     * Creates the options (picocli fills them).
     */
    public MeshOptions() {}

    /**
     * Builds the client for the command's target.
     *
     * @param target where the command connects
     * @param common the common options
     * @return the client, which owns a connection pool: close it when the command ends
     * @throws UsageException when a credential is missing or {@code --env sandbox} is chosen
     */
    public MeshClient client(Target target, CommonOptions common) {
        Optional<NhsSandbox> sandbox = target.sandbox();
        String id = Optional.ofNullable(mailbox)
                .or(() -> Env.get("MESH_MAILBOX"))
                .or(() -> sandbox.map(s -> s.meshMailboxes().get(0).id()))
                .orElseThrow(() -> new UsageException("--mailbox (or MESH_MAILBOX) is missing"));
        Optional<SandboxMeshMailbox> known = sandbox.flatMap(s -> s.meshMailboxes().stream()
                .filter(m -> m.id().equalsIgnoreCase(id))
                .findFirst());
        Secret pw = Optional.ofNullable(password)
                .or(() -> Env.get("MESH_PASSWORD"))
                .map(Secret::of)
                .or(() -> known.map(SandboxMeshMailbox::password))
                .orElseThrow(() -> new UsageException("--password (or MESH_PASSWORD) is missing"));
        Secret key = Optional.ofNullable(sharedKey)
                .or(() -> Env.get("MESH_SHARED_KEY"))
                .map(Secret::of)
                .or(() -> sandbox.map(NhsSandbox::meshSharedKey))
                .orElseThrow(() -> new UsageException("--shared-key (or MESH_SHARED_KEY) is missing"));
        MeshClient.Builder b =
                MeshClient.builder().mailbox(id).password(pw).sharedKey(key).options(options(target));
        if (acceptCompressed != null) {
            b.acceptCompressedDownloads(acceptCompressed);
        }
        Optional<URI> url = common.baseUrl().or(() -> sandbox.map(NhsSandbox::meshBaseUrl));
        if (url.isPresent()) {
            return b.baseUrl(url.get()).build();
        }
        NhsEnvironment env = common.environment().orElseThrow();
        if (env.meshBaseUrl().isEmpty()) {
            throw new UsageException(
                    "MESH has no public sandbox: leave out --env for the embedded sandbox, " + "or give --base-url");
        }
        return b.environment(env).build();
    }

    private NhsClientOptions options(Target target) {
        NhsClientOptions.Builder b = target.clientOptions().toBuilder()
                .attemptTimeout(Duration.ofMinutes(5))
                .deadline(Duration.ofMinutes(15));
        Optional<Path> cert = Optional.ofNullable(clientCert)
                .or(() -> Env.get("MESH_CLIENT_CERT").map(Path::of));
        Optional<Path> certKey = Optional.ofNullable(clientKey)
                .or(() -> Env.get("MESH_CLIENT_KEY").map(Path::of));
        Optional<Path> ca =
                Optional.ofNullable(caBundle).or(() -> Env.get("MESH_CA_BUNDLE").map(Path::of));
        if (cert.isPresent() != certKey.isPresent()) {
            throw new UsageException(
                    "--client-cert and --client-key (or MESH_CLIENT_CERT and MESH_CLIENT_KEY) go together");
        }
        if (cert.isPresent()) {
            b.tls(TlsConfig.fromPem(certKey.get(), cert.get(), ca.orElse(null)));
        } else if (ca.isPresent()) {
            b.tls(TlsConfig.trustingCaBundle(ca.get()));
        }
        return b.build();
    }
}
