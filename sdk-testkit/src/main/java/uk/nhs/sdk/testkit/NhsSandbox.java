package uk.nhs.sdk.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.auth.SignedJwtAuth;
import uk.nhs.sdk.testkit.internal.Fake;
import uk.nhs.sdk.testkit.internal.SandboxContext;
import uk.nhs.sdk.testkit.internal.oauth.TokenFake;
import uk.nhs.sdk.testkit.internal.pds.PdsFake;

/**
 * An embedded, stateful sandbox of the NHS services on a free loopback port: one fake per
 * service, each enforcing its specification's rules, so tests and prototypes run offline with no
 * credentials.
 *
 * <pre>{@code
 * try (NhsSandbox sandbox = NhsSandbox.start()) {
 *     SignedJwtAuth auth = sandbox.signedJwtAuth();           // the sandbox's own application
 *     Secret token = auth.accessToken();                      // through the real signed-JWT flow
 * }
 * }</pre>
 *
 * <p>Services and their base URLs:
 * <ul>
 *   <li>API Platform OAuth2 ({@link #oauthTokenUrl()}): {@code client_credentials} with a signed
 *       JWT, checked exactly as the platform does (RS512, known {@code kid}, exact {@code aud},
 *       {@code exp} at most 310 s ahead, {@code jti} never reused, form encoding), refusals with
 *       the platform's own error bodies.</li>
 *   <li>Personal Demographics Service FHIR R4 ({@link #pdsBaseUrl()}): retrieve, search, update
 *       and related people over the PDS sandbox's patients (9000000009 full, 9000000017,
 *       9000000025 restricted, 9000000033 minimal, 9111231130 not found, 9000000000 invalid, and
 *       9000000041 superseded by 9000000009), enforcing a UUID {@code X-Request-ID},
 *       {@code If-Match} versions on update (409, 412), redaction of restricted records,
 *       de-duplication of resent updates, PDS's search rules and "too many matches"; a bearer
 *       token, when sent, must be one this sandbox issued.</li>
 * </ul>
 *
 * <p>Thread-safe. {@link #reset()} returns every fake to its seed data; {@link #close()} stops
 * the server. In JUnit 5 tests, {@link NhsSandboxExtension} does both.
 */
public final class NhsSandbox implements AutoCloseable {
    private final WireMockServer server;
    private final SandboxContext context;
    private final TokenFake tokens;
    private final List<Fake> fakes;
    private final SandboxFaults faults = new SandboxFaults();
    private final SandboxApplication application;

    private NhsSandbox(Builder b) {
        URI[] base = new URI[1];
        this.context = new SandboxContext(b.clock, () -> base[0]);
        this.tokens = new TokenFake(context);
        this.fakes = List.of(tokens, new PdsFake(context));
        Map<String, Fake> byName = new LinkedHashMap<>();
        for (Fake f : fakes) {
            byName.put(f.name(), f);
        }
        WireMockConfiguration config = options()
                .bindAddress("127.0.0.1")
                .port(b.port)
                .disableRequestJournal()
                .gzipDisabled(true)
                .notifier(new ConsoleNotifier(false))
                .extensions(new Dispatcher(Map.copyOf(byName), faults));
        this.server = new WireMockServer(config);
        server.start();
        base[0] = URI.create("http://127.0.0.1:" + server.port());
        for (Fake f : fakes) {
            for (Fake.Route r : f.routes()) {
                server.stubFor(request(r.method(), urlPathMatching(r.pathRegex())).willReturn(aResponse()
                        .withTransformers(Dispatcher.NAME)
                        .withTransformerParameter(Dispatcher.FAKE_PARAMETER, f.name())));
            }
        }
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
     * Every service the sandbox hosts, by name, with its base URL: what a client's
     * {@code baseUrl(URI)} takes.
     *
     * @return an ordered, unmodifiable map such as {@code "API Platform OAuth2 token" -> http://127.0.0.1:54321/oauth2/token}
     */
    public Map<String, URI> serviceUrls() {
        Map<String, URI> urls = new LinkedHashMap<>();
        urls.put("API Platform OAuth2 token", oauthTokenUrl());
        urls.put("Personal Demographics Service (PDS) FHIR R4", pdsBaseUrl());
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
        tokens.applications().register(apiKey, keyId, publicKey);
    }

    /**
     * Signed-JWT auth for the sandbox's {@link #application()}, pointed at {@link #oauthTokenUrl()}.
     *
     * @return the auth provider
     */
    public SignedJwtAuth signedJwtAuth() {
        return signedJwtAuth(NhsClientOptions.defaults());
    }

    /**
     * Signed-JWT auth for the sandbox's {@link #application()} with the given options.
     *
     * @param options the token client's options (clock, retries)
     * @return the auth provider
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
     * Returns every fake to its seed data, forgets issued tokens and used {@code jti}s, and drops
     * queued faults; registered applications stay.
     */
    public void reset() {
        faults.clear();
        for (Fake f : fakes) {
            f.reset();
        }
    }

    /**
     * Stops the server.
     */
    @Override
    public void close() {
        server.stop();
    }

    @Override
    public String toString() {
        return "NhsSandbox[" + baseUrl() + "]";
    }

    /**
     * Runs a sandbox until the process is stopped, printing its URLs.
     *
     * @param args optionally the port
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        Builder b = builder();
        if (args.length > 0) {
            b.port(Integer.parseInt(args[0]));
        }
        NhsSandbox sandbox = b.start();
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
        System.out.println("NHS sandbox running at " + sandbox.baseUrl());
        sandbox.serviceUrls().forEach((name, url) -> System.out.println("  " + name + ": " + url));
        new CountDownLatch(1).await();
    }

    /**
     * Builds and starts an {@link NhsSandbox}.
     */
    public static final class Builder {
        private int port;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

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
         * Sets the sandbox clock, which decides token expiry and assertion checks.
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
