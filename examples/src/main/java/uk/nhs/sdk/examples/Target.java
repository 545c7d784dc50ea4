package uk.nhs.sdk.examples;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.NhsEnvironment;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.AuthProvider;
import uk.nhs.sdk.core.auth.PrivateKeys;
import uk.nhs.sdk.core.auth.SignedJwtAuth;
import uk.nhs.sdk.testkit.NhsSandbox;

/**
 * Where a command's calls go, resolved from the common options:
 * <ul>
 *   <li>neither {@code --env} nor {@code --base-url}: an embedded sandbox, started for this command
 *       and stopped when it ends, with the sandbox's own application for signed-JWT auth;</li>
 *   <li>{@code --env sandbox}: the NHS public sandbox, which needs no credentials;</li>
 *   <li>{@code --env int|prod}: the real services, with signed-JWT auth from the credentials;</li>
 *   <li>{@code --base-url URL}: that server; signed-JWT auth when credentials are given (the token
 *       URL is that of {@code --env}, which is then required), otherwise none.</li>
 * </ul>
 */
public final class Target implements AutoCloseable {
    private final CommonOptions options;
    private final NhsSandbox sandbox;
    private AuthProvider auth;

    private Target(CommonOptions options, NhsSandbox sandbox) {
        this.options = options;
        this.sandbox = sandbox;
    }

    /**
     * Resolves the target, starting an embedded sandbox when one is needed.
     *
     * @param options the common options
     * @return the target; close it to release the auth it made and stop any embedded sandbox
     */
    public static Target open(CommonOptions options) {
        options.output();
        options.environment();
        return new Target(options, options.embedded() ? NhsSandbox.start() : null);
    }

    /**
     * The embedded sandbox, when the command runs against one.
     *
     * @return the sandbox
     */
    public Optional<NhsSandbox> sandbox() {
        return Optional.ofNullable(sandbox);
    }

    /**
     * The base URL of an API Platform service.
     *
     * @param basePath the API's base path, such as {@code personal-demographics/FHIR/R4}
     * @return {@code --base-url} when given, else the service's URL in the environment or sandbox
     */
    public URI apiBaseUrl(String basePath) {
        if (options.baseUrl().isPresent()) {
            return options.baseUrl().get();
        }
        if (sandbox != null) {
            return sandbox.apiBaseUrl(basePath);
        }
        return options.environment().orElseThrow().apiBaseUrl(basePath);
    }

    /**
     * The client options the commands use.
     *
     * @return the options, with the tool's application id
     */
    public NhsClientOptions clientOptions() {
        return NhsClientOptions.builder().applicationId("nhs-cli").build();
    }

    /**
     * The API Platform auth for this target, made on first use and closed with the target.
     *
     * @return signed-JWT auth, or none for the public sandbox and a bare {@code --base-url}
     * @throws UsageException when the real environments are chosen without credentials
     */
    public synchronized AuthProvider apiPlatformAuth() {
        if (auth == null) {
            auth = resolveAuth();
        }
        return auth;
    }

    private AuthProvider resolveAuth() {
        boolean hasCredentials = options.apiKey().isPresent()
                || options.privateKey().isPresent()
                || options.keyId().isPresent();
        if (sandbox != null && !hasCredentials) {
            return sandbox.signedJwtAuth(clientOptions());
        }
        Optional<NhsEnvironment> env = options.environment();
        if (!hasCredentials) {
            if (env.isPresent()
                    && env.get() != NhsEnvironment.SANDBOX
                    && options.baseUrl().isEmpty()) {
                throw new UsageException("--env " + options.env + " needs --api-key, --private-key and --key-id "
                        + "(or NHS_API_KEY, NHS_PRIVATE_KEY, NHS_KEY_ID)");
            }
            return AuthProvider.none();
        }
        Secret apiKey = options.apiKey().orElseThrow(() -> new UsageException("--api-key (or NHS_API_KEY) is missing"));
        Path key = options.privateKey()
                .orElseThrow(() -> new UsageException("--private-key (or NHS_PRIVATE_KEY) is missing"));
        String kid = options.keyId().orElseThrow(() -> new UsageException("--key-id (or NHS_KEY_ID) is missing"));
        SignedJwtAuth.Builder b = SignedJwtAuth.builder()
                .apiKey(apiKey)
                .keyId(kid)
                .privateKey(PrivateKeys.fromPem(key))
                .options(clientOptions());
        if (sandbox != null) {
            return b.tokenUrl(sandbox.oauthTokenUrl()).build();
        }
        return b.environment(env.orElseThrow(() -> new UsageException(
                        "with --base-url and credentials, --env names the OAuth2 server (int or prod)")))
                .build();
    }

    /**
     * Closes the signed-JWT auth this target made (it owns a connection pool), then stops the
     * embedded sandbox, if one was started.
     */
    @Override
    public synchronized void close() {
        try {
            if (auth instanceof SignedJwtAuth) {
                ((SignedJwtAuth) auth).close();
            }
        } finally {
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }
}
