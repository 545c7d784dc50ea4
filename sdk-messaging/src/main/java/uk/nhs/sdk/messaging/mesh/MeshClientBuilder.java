package uk.nhs.sdk.messaging.mesh;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import uk.nhs.sdk.core.NhsClientBuilder;
import uk.nhs.sdk.core.NhsEnvironment;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.AuthProvider;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.http.NhsHttpClient;
import uk.nhs.sdk.messaging.mesh.internal.MeshAuthProvider;
import uk.nhs.sdk.messaging.mesh.internal.MeshErrorDecoder;
import uk.nhs.sdk.messaging.mesh.internal.MeshValidation;

/**
 * The code of {@link MeshClient.Builder}, kept together in one place: MESH's own settings, their
 * checks, and {@link #build()}, on top of the settings every client shares
 * ({@link NhsClientBuilder}: environment or base URL, options, auth, transport).
 * {@code MeshClient.Builder} is its only subclass, so the public type and its methods stay
 * {@code MeshClient.Builder}'s.
 */
abstract class MeshClientBuilder extends NhsClientBuilder<MeshClient.Builder, MeshClient> {
    private String mailbox;
    private Secret password;
    private Secret sharedKey;
    private boolean meshAuth = true;
    private int chunkSize = MeshClient.DEFAULT_CHUNK_SIZE;
    private boolean acceptCompressedDownloads = true;
    private Path spoolDirectory;
    private Duration transferDeadline;

    MeshClientBuilder() {
        super(MeshClient.SERVICE);
    }

    /**
     * An environment's MESH host ({@link NhsEnvironment#meshBaseUrl()}): INTEGRATION or
     * PRODUCTION; SANDBOX has no public MESH host (use {@code baseUrl} for a local sandbox or the
     * embedded fake).
     *
     * @param environment the environment
     * @return the MESH base URL
     * @throws NhsConfigurationException for SANDBOX
     */
    @Override
    protected URI baseUrlFor(NhsEnvironment environment) {
        return environment
                .meshBaseUrl()
                .orElseThrow(() -> new NhsConfigurationException(
                        "MESH has no public sandbox host: set baseUrl to a local MESH sandbox or the embedded fake"));
    }

    /**
     * Sets the mailbox id (required); it is upper-cased as MESH requires.
     *
     * @param value such as {@code X26ABC1}
     * @return this builder
     * @throws NhsValidationException when it is not a valid mailbox id
     */
    public MeshClient.Builder mailbox(String value) {
        this.mailbox = MeshValidation.mailbox("mailbox", value);
        return self();
    }

    /**
     * Sets the mailbox password (required unless {@link #auth(AuthProvider)} is set).
     *
     * @param value the password
     * @return this builder
     */
    public MeshClient.Builder password(Secret value) {
        this.password = Objects.requireNonNull(value, "password");
        return self();
    }

    /**
     * Sets the environment's shared key, issued during onboarding (required unless
     * {@link #auth(AuthProvider)} is set; there is no default).
     *
     * @param value the key
     * @return this builder
     */
    public MeshClient.Builder sharedKey(Secret value) {
        this.sharedKey = Objects.requireNonNull(value, "sharedKey");
        return self();
    }

    /**
     * Replaces the NHSMESH header with another auth provider (for a fake that needs none).
     *
     * @param value the provider
     * @return this builder
     */
    @Override
    public MeshClient.Builder auth(AuthProvider value) {
        super.auth(value);
        this.meshAuth = false;
        return self();
    }

    /**
     * Sets the default chunk size: uncompressed bytes per chunk (default 20 MiB). MESH asks
     * for chunks above 5 MB except the last, and accepts at most 100 MB per request.
     *
     * @param bytes 1 byte to 100 MB
     * @return this builder
     * @throws NhsValidationException outside that range
     */
    public MeshClient.Builder chunkSize(int bytes) {
        this.chunkSize = MeshValidation.chunkSize(bytes);
        return self();
    }

    /**
     * Whether downloads ask for gzip ({@code Accept-Encoding: gzip}, the default, as the
     * reference client does) or identity. Either way the content stream is decoded, and a chunk
     * that arrives with {@code Content-Encoding: gzip} is gunzipped whatever was asked.
     *
     * <p>The trade-off, measured (see the sdk-messaging README): a message the sender compressed
     * is stored gzipped, and asking for gzip moves the compressed bytes and spares the server a
     * decode; asking for identity then moves the whole uncompressed size, which on a slow link
     * costs up to the compression ratio in time. A message stored uncompressed on a server that
     * gzips on the fly for clients that accept gzip (NHS England's mesh-sandbox does, at level 9;
     * real MESH's behaviour is not documented) downloads at the server's deflate speed, 3 to 8
     * times slower on a fast link than identity. Turn this off when you meet such a server on a
     * fast link.
     *
     * @param value {@code true} to ask for gzip
     * @return this builder
     */
    public MeshClient.Builder acceptCompressedDownloads(boolean value) {
        this.acceptCompressedDownloads = value;
        return self();
    }

    /**
     * Sets where chunks are staged while sending, and where a download spools its next chunk when
     * read-ahead is on (system property {@code nhs.mesh.readAhead=true}, off by default; see the
     * module README) (default: {@code java.io.tmpdir}). Files are created owner-only and deleted
     * when the send ends or the message is closed; they hold message content.
     *
     * @param value an existing directory
     * @return this builder
     */
    public MeshClient.Builder spoolDirectory(Path value) {
        this.spoolDirectory = Objects.requireNonNull(value, "spoolDirectory");
        return self();
    }

    /**
     * Sets the deadline of each chunk transfer (default {@link MeshClient#DEFAULT_TRANSFER_DEADLINE},
     * 30 minutes, or the options' deadline when that is longer). A chunk download must be fetched
     * <em>and read</em> within it, at the pace of the code reading it: MESH chunks reach 100 MB (the
     * sender chooses the size), which takes about 14 minutes at 1 Mbit/s. A chunk upload and its
     * retries must also end within it, each attempt within the options' attempt timeout. A stalled
     * transfer is still caught by the attempt timeout (no byte for that long); a view with a
     * deadline of its own ({@link MeshClient#withCallOptions}) uses that one instead.
     *
     * @param value from 1 second to 24 hours
     * @return this builder
     * @throws NhsValidationException outside that range
     */
    public MeshClient.Builder transferDeadline(Duration value) {
        Objects.requireNonNull(value, "transferDeadline");
        if (value.compareTo(Duration.ofSeconds(1)) < 0 || value.compareTo(Duration.ofHours(24)) > 0) {
            throw new NhsValidationException("transferDeadline", "must be between 1 second and 24 hours");
        }
        this.transferDeadline = value;
        return self();
    }

    /**
     * Builds the client.
     *
     * @return the client
     * @throws NhsConfigurationException when the mailbox, the host, or the password and shared
     *     key are missing
     */
    @Override
    public MeshClient build() {
        if (mailbox == null) {
            throw new NhsConfigurationException("MESH: a mailbox id is required");
        }
        AuthProvider a = auth();
        if (meshAuth) {
            if (password == null || sharedKey == null) {
                throw new NhsConfigurationException("MESH: the mailbox password and the shared key are required");
            }
            a = new MeshAuthProvider(mailbox, password, sharedKey, options().clock());
        }
        if (spoolDirectory != null && !Files.isDirectory(spoolDirectory)) {
            throw new NhsConfigurationException("MESH: the spool directory does not exist");
        }
        NhsHttpClient http = httpClient()
                .auth(a)
                .errorDecoder(MeshErrorDecoder.INSTANCE)
                .replayOnConnectionFailure(false) // every transmission needs a fresh NHSMESH header
                .defaultHeader("Accept", MeshCalls.ACCEPT_V2)
                .build();
        Duration transfer = transferDeadline != null
                ? transferDeadline
                : options().deadline().compareTo(MeshClient.DEFAULT_TRANSFER_DEADLINE) > 0
                        ? options().deadline()
                        : MeshClient.DEFAULT_TRANSFER_DEADLINE;
        return new MeshClient(new MeshCalls(
                http, mailbox, options(), chunkSize, acceptCompressedDownloads, spoolDirectory, transfer));
    }
}
