package uk.nhs.sdk.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.SignedJwtAuth;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.testkit.internal.Fake;
import uk.nhs.sdk.testkit.internal.MeshSettings;
import uk.nhs.sdk.testkit.internal.SandboxContext;
import uk.nhs.sdk.testkit.internal.mesh.MeshDirectory;
import uk.nhs.sdk.testkit.internal.oauth.TokenFake;
import uk.nhs.sdk.testkit.internal.oidc.IdentityProviders;
import uk.nhs.sdk.testkit.internal.pds.PdsFake;
import uk.nhs.sdk.testkit.spi.SandboxService;

/**
 * An embedded, stateful sandbox of the NHS services on a free loopback port: one fake per
 * service, each enforcing its specification's rules, so tests and prototypes run offline with no
 * credentials.
 *
 * <pre>{@code
 * try (NhsSandbox sandbox = NhsSandbox.start();
 *         SignedJwtAuth auth = sandbox.signedJwtAuth()) {     // the sandbox's own application
 *     Secret token = auth.accessToken();                      // through the real signed-JWT flow
 * }
 * }</pre>
 *
 * <p>Services and their base URLs (the testkit's README gives each fake's rules and seed data):
 * <ul>
 *   <li>API Platform OAuth2 ({@link #oauthTokenUrl()}): {@code client_credentials} with a signed
 *       JWT checked exactly as the platform does, token exchange and the combined flow, with the
 *       platform's own error bodies; its tokens carry the access mode PDS enforces.</li>
 *   <li>CIS2 and NHS login ({@link #cis2()}, {@link #nhsLogin()}): OIDC providers signing test
 *       clinicians and patients in.</li>
 *   <li>Personal Demographics Service FHIR R4 ({@link #pdsBaseUrl()}): retrieve, search, update
 *       and related people over the PDS sandbox's patients, with PDS's rules and access modes.</li>
 *   <li>MESH API v2 ({@link #meshBaseUrl()}): the mailboxes of {@link #meshMailboxes()}, signed in
 *       with the NHSMESH header keyed with {@link #meshSharedKey()}; message bodies are kept on
 *       disk in a directory {@link #close()} deletes.</li>
 *   <li>National Record Locator consumer and producer, ODS FHIR (driven by {@link SandboxOds})
 *       and NHS Notify (driven by {@link SandboxNotify}): at {@code apiBaseUrl(basePath)} with
 *       each API's base path.</li>
 * </ul>
 *
 * <p>The services are found with {@link java.util.ServiceLoader}: each registers a
 * {@link uk.nhs.sdk.testkit.spi.SandboxService} in
 * {@code META-INF/services/uk.nhs.sdk.testkit.spi.SandboxService}, and {@link #serviceUrls()}
 * lists them.
 *
 * <p>Thread-safe. {@link #reset()} returns every fake to its seed data; {@link #close()} stops
 * the server. In JUnit 5 tests, {@link NhsSandboxExtension} does both.
 */
public final class NhsSandbox implements AutoCloseable {
    private final SandboxContext context;
    private final List<SandboxService> services;
    private final List<Fake> fakes;
    private final SandboxFaults faults = new SandboxFaults();
    private final SandboxServer server;
    private final SandboxApplication application;
    private final Path dataDirectory;
    private final List<SandboxMeshMailbox> meshMailboxes;
    private final SandboxIdentityProvider.Registry identityProviders;

    private NhsSandbox(Builder b) {
        MeshSettings mesh = b.meshSettings();
        try {
            this.dataDirectory = Files.createTempDirectory("nhs-sandbox-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the sandbox's data directory", e);
        }
        try {
            AtomicReference<URI> base = new AtomicReference<>();
            this.context = new SandboxContext(b.clock, () -> Optional.ofNullable(base.get()), dataDirectory);
            context.shared(MeshSettings.class, () -> mesh);
            this.services = SandboxServices.discover();
            Map<String, Fake> byName = new LinkedHashMap<>();
            for (SandboxService service : services) {
                byName.put(service.name(), SandboxServices.create(service, context));
            }
            this.fakes = List.copyOf(byName.values());
            this.server = new SandboxServer(b.port, dataDirectory, context.requestBodies(), byName, faults);
            base.set(URI.create("http://127.0.0.1:" + server.port()));
        } catch (RuntimeException e) {
            try {
                SandboxFiles.deleteTree(dataDirectory);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        this.meshMailboxes = List.copyOf(SandboxMeshMailbox.of(mesh.directory()));
        this.identityProviders = new SandboxIdentityProvider.Registry(IdentityProviders.of(context));
        this.application = SandboxApplication.generate("sandbox-1");
        register(application);
    }

    /**
     * Starts a sandbox on a free port with the system clock.
     *
     * @return the running sandbox; close it when done
     */
    public static NhsSandbox start() {
        return builder().start();
    }

    /**
     * Starts a builder, to choose the port or the clock.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The sandbox's root URL.
     *
     * @return for example {@code http://127.0.0.1:54321}
     */
    public URI baseUrl() {
        return context.baseUrl();
    }

    /**
     * The base URL of an API Platform service inside the sandbox, mirroring
     * {@code NhsEnvironment.apiBaseUrl(basePath)}.
     *
     * @param basePath the API's base path, such as {@code personal-demographics/FHIR/R4}
     * @return the URL, with no trailing slash
     */
    public URI apiBaseUrl(String basePath) {
        Objects.requireNonNull(basePath, "basePath");
        String p = basePath.startsWith("/") ? basePath.substring(1) : basePath;
        return URI.create(baseUrl() + "/" + p);
    }

    /**
     * The OAuth2 token URL; a client assertion's {@code aud} must equal it exactly.
     *
     * @return for example {@code http://127.0.0.1:54321/oauth2/token}
     */
    public URI oauthTokenUrl() {
        return URI.create(baseUrl() + TokenFake.PATH);
    }

    /**
     * The Personal Demographics Service base URL inside the sandbox, what
     * {@code PdsClient.builder().baseUrl(URI)} takes.
     *
     * @return for example {@code http://127.0.0.1:54321/personal-demographics/FHIR/R4}
     */
    public URI pdsBaseUrl() {
        return URI.create(baseUrl() + PdsFake.BASE_PATH);
    }

    /**
     * The MESH API's base URL, what a MESH client's {@code baseUrl(URI)} takes: MESH paths
     * ({@code /messageexchange/{mailbox}/...}) start at the host root, so this is the sandbox's
     * root URL.
     *
     * @return for example {@code http://127.0.0.1:54321}
     */
    public URI meshBaseUrl() {
        return baseUrl();
    }

    /**
     * The MESH mailboxes the sandbox knows, with their passwords.
     *
     * @return the mailboxes, in configuration order; unmodifiable
     */
    public List<SandboxMeshMailbox> meshMailboxes() {
        return meshMailboxes;
    }

    /**
     * The MESH shared key every {@code Authorization} header's hash is keyed with: the one
     * configured, else the public MESH sandbox's {@code TestKey}.
     *
     * @return the shared key
     */
    public Secret meshSharedKey() {
        return MeshSettings.of(context).sharedKey();
    }

    /**
     * The state the sandbox's fakes share, for the testkit's handles on a fake ({@link SandboxNotify},
     * {@link SandboxOds}).
     */
    SandboxContext context() {
        return context;
    }

    /** The directory holding the sandbox's files (MESH message bodies); deleted by {@link #close()}. */
    Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Every service the sandbox hosts, by name, with its base URL: what a client's
     * {@code baseUrl(URI)} takes. The services are those registered with
     * {@link uk.nhs.sdk.testkit.spi.SandboxService}, in their order.
     *
     * @return an ordered, unmodifiable map such as {@code "API Platform OAuth2 token" -> http://127.0.0.1:54321/oauth2/token}
     */
    public Map<String, URI> serviceUrls() {
        Map<String, URI> urls = new LinkedHashMap<>();
        for (SandboxService service : services) {
            urls.put(service.name(), URI.create(baseUrl() + service.basePath()));
        }
        return Collections.unmodifiableMap(urls);
    }

    /**
     * The application the sandbox registered at start, ready for {@link #signedJwtAuth()}.
     *
     * @return the application
     */
    public SandboxApplication application() {
        return application;
    }

    /**
     * Registers an application and its public key with the OAuth2 fake.
     *
     * @param app the application, for example from {@link SandboxApplication#generate(String)}
     */
    public void register(SandboxApplication app) {
        registerPublicKey(app.apiKey().reveal(), app.keyId(), app.publicKey());
        TokenFake.applications(context)
                .registerSecret(app.apiKey().reveal(), app.clientSecret().reveal());
    }

    /**
     * Adds a public key to an application's JWKS (registering the application when new), as a
     * developer does on the API Platform's developer portal.
     *
     * @param apiKey the application's API key
     * @param keyId the key's {@code kid}
     * @param publicKey the key
     */
    public void registerPublicKey(String apiKey, String keyId, RSAPublicKey publicKey) {
        TokenFake.applications(context).register(apiKey, keyId, publicKey);
    }

    /**
     * Signed-JWT auth for the sandbox's {@link #application()}, pointed at {@link #oauthTokenUrl()}.
     * Each call makes a new provider, with a token cache and connection pool of its own.
     *
     * @return the auth provider; the caller closes it
     */
    public SignedJwtAuth signedJwtAuth() {
        return signedJwtAuth(NhsClientOptions.defaults());
    }

    /**
     * Signed-JWT auth for the sandbox's {@link #application()} with the given options. Each call
     * makes a new provider, with a token cache and connection pool of its own.
     *
     * @param options the token client's options (clock, retries)
     * @return the auth provider; the caller closes it
     */
    public SignedJwtAuth signedJwtAuth(NhsClientOptions options) {
        return SignedJwtAuth.builder()
                .tokenUrl(oauthTokenUrl())
                .apiKey(application.apiKey())
                .keyId(application.keyId())
                .privateKey(application.privateKey())
                .options(options)
                .build();
    }

    /**
     * The fake CIS2 provider (Healthcare realm) and the relying party registered with it.
     *
     * @return the provider
     */
    public SandboxIdentityProvider cis2() {
        return identityProviders.get(IdentityProviders.CIS2);
    }

    /**
     * The fake NHS login provider and the relying party registered with it.
     *
     * @return the provider
     */
    public SandboxIdentityProvider nhsLogin() {
        return identityProviders.get(IdentityProviders.NHS_LOGIN);
    }

    /**
     * The faults queued for the next requests, to test how a client copes with errors, lost
     * responses and reset connections.
     *
     * @return the sandbox's faults
     */
    public SandboxFaults faults() {
        return faults;
    }

    /**
     * How many access tokens the OAuth2 fake issued since the last reset.
     *
     * @return the count
     */
    public int issuedTokenCount() {
        return context.accessTokens().issuedCount();
    }

    /**
     * Whether a bearer token was issued by this sandbox and is still valid.
     *
     * @param accessToken the token
     * @return {@code true} when valid
     */
    public boolean isValidAccessToken(String accessToken) {
        return context.accessTokens().isValid(accessToken);
    }

    /**
     * Returns every fake to its seed data, forgets issued tokens, used {@code jti}s, MESH messages
     * (deleting their files) and used MESH nonces, and drops queued faults; registered
     * applications and MESH mailboxes stay.
     */
    public void reset() {
        faults.clear();
        for (Fake f : fakes) {
            f.reset();
        }
    }

    /** Stops the fakes' threads (Notify callbacks) and the server; deletes the data directory. */
    @Override
    public void close() {
        for (Fake f : fakes) {
            f.close();
        }
        server.stop();
        SandboxFiles.deleteTree(dataDirectory);
    }

    @Override
    public String toString() {
        return "NhsSandbox[" + baseUrl() + "]";
    }

    /** Builds and starts an {@link NhsSandbox}. */
    public static final class Builder {
        private int port;
        private Clock clock = Clock.systemUTC();
        private final Map<String, MeshDirectory.Mailbox> meshMailboxes = new LinkedHashMap<>();
        private final Map<String, List<String>> meshWorkflows = new LinkedHashMap<>();
        private Optional<Secret> meshSharedKey = Optional.empty();
        private boolean meshGzipOnTheFly;

        private Builder() {}

        /**
         * Sets the port (default 0: a free port).
         *
         * @param value the port, 0 to 65535
         * @return this builder
         */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535");
            }
            this.port = value;
            return this;
        }

        /**
         * Adds a MESH mailbox. When any is added, the sandbox knows only the mailboxes added this
         * way instead of the public MESH sandbox's.
         *
         * @param mailboxId the mailbox id: 1 to 100 upper-case letters and digits
         * @param password the mailbox password
         * @return this builder
         * @throws NhsValidationException when the id breaks that rule
         */
        public Builder meshMailbox(String mailboxId, Secret password) {
            return addMeshMailbox(mailboxId, password, "");
        }

        /**
         * Adds a MESH mailbox of an organisation, which endpoint lookup can then find.
         *
         * @param mailboxId the mailbox id: 1 to 100 upper-case letters and digits
         * @param password the mailbox password
         * @param odsCode the organisation's ODS code
         * @return this builder
         * @throws NhsValidationException when the id breaks that rule
         * @see #meshMailbox(String, Secret)
         */
        public Builder meshMailbox(String mailboxId, Secret password, OdsCode odsCode) {
            String code = Objects.requireNonNull(odsCode, "odsCode").value();
            return addMeshMailbox(mailboxId, password, code);
        }

        private Builder addMeshMailbox(String mailboxId, Secret password, String odsCode) {
            Objects.requireNonNull(mailboxId, "mailboxId");
            Objects.requireNonNull(password, "password");
            if (!mailboxId.matches("[A-Z0-9]{1,100}")) {
                throw new NhsValidationException("mailboxId", "must be 1 to 100 upper-case letters and digits");
            }
            meshMailboxes.put(
                    mailboxId, new MeshDirectory.Mailbox(mailboxId, mailboxId, password, odsCode, odsCode, ""));
            return this;
        }

        /**
         * Registers the mailboxes that receive a MESH workflow, which endpoint lookup and workflow
         * search answer with. Senders are not restricted, as in the public MESH sandbox.
         *
         * @param workflowId the workflow id, such as {@code TEST_WORKFLOW}
         * @param receiverMailboxIds the receiving mailboxes; each must be a configured mailbox by
         *     the time the sandbox starts
         * @return this builder
         */
        public Builder meshWorkflow(String workflowId, String... receiverMailboxIds) {
            Objects.requireNonNull(workflowId, "workflowId");
            if (workflowId.isBlank()) {
                throw new NhsValidationException("workflowId", "must not be blank");
            }
            List<String> receivers = new ArrayList<>();
            for (String id : receiverMailboxIds) {
                receivers.add(Objects.requireNonNull(id, "receiverMailboxIds").toUpperCase(Locale.ROOT));
            }
            meshWorkflows.put(workflowId, List.copyOf(receivers));
            return this;
        }

        /**
         * Sets the MESH shared key (default: the public MESH sandbox's {@code TestKey}).
         *
         * @param value the key
         * @return this builder
         */
        public Builder meshSharedKey(Secret value) {
            this.meshSharedKey = Optional.of(Objects.requireNonNull(value, "meshSharedKey"));
            return this;
        }

        /**
         * Whether the MESH fake gzips a chunk stored uncompressed on the fly (level 9, streamed)
         * for a download that accepts gzip, setting {@code mex-content-compressed: Y} on it, as
         * mesh-sandbox does; default off (sent as stored).
         * @param value whether to gzip uncompressed chunks on the fly
         * @return this builder
         */
        public Builder meshGzipOnTheFly(boolean value) {
            this.meshGzipOnTheFly = value;
            return this;
        }

        private MeshSettings meshSettings() {
            return MeshSettings.configured(meshMailboxes, meshWorkflows, meshSharedKey)
                    .withGzipOnTheFly(meshGzipOnTheFly);
        }

        /**
         * Sets the sandbox clock, which decides token expiry, assertion checks, the MESH token
         * timestamp window and when uncollected MESH messages expire.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Starts the sandbox.
         *
         * @return the running sandbox
         */
        public NhsSandbox start() {
            return new NhsSandbox(this);
        }
    }
}
