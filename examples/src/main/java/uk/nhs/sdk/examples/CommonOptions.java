package uk.nhs.sdk.examples;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;
import uk.nhs.sdk.core.NhsEnvironment;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.Secret;

/**
 * The options every service command takes (see the tool's README): where to connect, how to
 * print, and the API Platform credentials, which also come from environment variables and are
 * never echoed.
 */
public final class CommonOptions {
    @Option(
            names = "--env",
            paramLabel = "sandbox|int|prod",
            description =
                    "The NHS environment. Default: the embedded sandbox (offline) when neither --env nor --base-url is given.")
    String env;

    @Option(
            names = "--base-url",
            paramLabel = "URL",
            description =
                    "Talk to this server instead (the service's base URL): a running `nhs sandbox`, a local peer, a proxy.")
    URI baseUrl;

    @Option(
            names = "--output",
            paramLabel = "text|json",
            defaultValue = "text",
            description = "text (default) or json: the service's resource or result as JSON on stdout, nothing else.")
    String output;

    @Option(names = "--api-key", paramLabel = "KEY", description = "API Platform API key (or NHS_API_KEY).")
    String apiKey;

    @Option(
            names = "--private-key",
            paramLabel = "FILE",
            description = "PEM (PKCS#8) private key whose public key is in your JWKS (or NHS_PRIVATE_KEY).")
    Path privateKey;

    @Option(names = "--key-id", paramLabel = "KID", description = "The kid of that key in your JWKS (or NHS_KEY_ID).")
    String keyId;

    @Option(
            names = "--ods-code",
            paramLabel = "CODE",
            description = "The end-user organisation, sent as NHSD-End-User-Organisation-ODS.")
    String odsCode;

    @Option(names = "--correlation-id", paramLabel = "ID", description = "Sent as X-Correlation-ID.")
    String correlationId;

    /**
     * Creates the options (picocli fills them).
     */
    public CommonOptions() {}

    /**
     * The environment chosen with {@code --env}.
     *
     * @return the environment, or empty for the embedded sandbox or {@code --base-url}
     * @throws UsageException for an unknown name
     */
    public Optional<NhsEnvironment> environment() {
        if (env == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(NhsEnvironment.fromName(env));
        } catch (uk.nhs.sdk.core.error.NhsValidationException e) {
            throw new UsageException("--env must be sandbox, int or prod");
        }
    }

    /**
     * The server given with {@code --base-url}.
     *
     * @return the URL, if given
     */
    public Optional<URI> baseUrl() {
        return Optional.ofNullable(baseUrl);
    }

    /**
     * Whether neither {@code --env} nor {@code --base-url} was given, so the command runs against
     * an embedded sandbox.
     *
     * @return {@code true} for the embedded sandbox
     */
    public boolean embedded() {
        return env == null && baseUrl == null;
    }

    /**
     * The output format.
     *
     * @return the format
     * @throws UsageException for anything but text or json
     */
    public OutputFormat output() {
        switch (output.toLowerCase(Locale.ROOT)) {
            case "text":
                return OutputFormat.TEXT;
            case "json":
                return OutputFormat.JSON;
            default:
                throw new UsageException("--output must be text or json");
        }
    }

    /**
     * The API key from {@code --api-key} or {@code NHS_API_KEY}.
     *
     * @return the key, if given
     */
    public Optional<Secret> apiKey() {
        return Optional.ofNullable(apiKey).or(() -> Env.get("NHS_API_KEY")).map(Secret::of);
    }

    /**
     * The private key file from {@code --private-key} or {@code NHS_PRIVATE_KEY}.
     *
     * @return the path, if given
     */
    public Optional<Path> privateKey() {
        return Optional.ofNullable(privateKey)
                .or(() -> Env.get("NHS_PRIVATE_KEY").map(Path::of));
    }

    /**
     * The key id from {@code --key-id} or {@code NHS_KEY_ID}.
     *
     * @return the key id, if given
     */
    public Optional<String> keyId() {
        return Optional.ofNullable(keyId).or(() -> Env.get("NHS_KEY_ID"));
    }

    /**
     * The end-user organisation.
     *
     * @return the ODS code, if given
     */
    public Optional<OdsCode> odsCode() {
        return Optional.ofNullable(odsCode).map(OdsCode::of);
    }

    /**
     * The correlation id.
     *
     * @return the id, if given
     */
    public Optional<String> correlationId() {
        return Optional.ofNullable(correlationId);
    }
}
