package uk.nhs.sdk.spring.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.NhsEnvironment;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.RateLimitOptions;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.PrivateKeys;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.spring.NhsClientProperties;
import uk.nhs.sdk.spring.NhsOrganisationServiceProperties;
import uk.nhs.sdk.spring.NhsProperties;
import uk.nhs.sdk.spring.NhsPropertyException;
import uk.nhs.sdk.spring.NhsServiceProperties;

/**
 * The {@code nhs.*} properties checked and turned into the SDK's types. Every check throws
 * {@link NhsPropertyException} naming the property, and no message holds a property's value.
 */
final class NhsSettings {
    private final NhsProperties properties;
    private final NhsEnvironment environment;

    NhsSettings(NhsProperties properties) {
        this.properties = properties;
        this.environment = parseEnvironment(properties.getEnvironment());
    }

    NhsProperties properties() {
        return properties;
    }

    Optional<NhsEnvironment> environment() {
        return Optional.ofNullable(environment);
    }

    private static NhsEnvironment parseEnvironment(String name) {
        if (isBlank(name)) {
            return null;
        }
        try {
            return NhsEnvironment.fromName(name);
        } catch (NhsSdkException e) {
            throw new NhsPropertyException(
                    "nhs.environment",
                    "is not an NHS environment",
                    "Set nhs.environment to sandbox, integration or production.");
        }
    }

    /** Whether any signed-JWT setting is present, so that the application means to use it. */
    boolean signedJwtConfigured() {
        return !isBlank(properties.getKeyId())
                || properties.getPrivateKey() != null
                || !isBlank(properties.getPrivateKeyFile());
    }

    Secret apiKey() {
        return require(
                properties.getApiKey(),
                "nhs.api-key",
                "the API Platform application's API key is required for signed-JWT auth",
                "Set nhs.api-key (or the NHS_API_KEY environment variable) to the application's API key.");
    }

    String keyId() {
        if (isBlank(properties.getKeyId())) {
            throw new NhsPropertyException(
                    "nhs.key-id",
                    "is required for signed-JWT auth",
                    "Set nhs.key-id to the kid the application's public key is registered under.");
        }
        return properties.getKeyId();
    }

    RSAPrivateKey privateKey() {
        Secret pem = properties.getPrivateKey();
        String file = properties.getPrivateKeyFile();
        if (pem != null && !isBlank(file)) {
            throw new NhsPropertyException(
                    "nhs.private-key",
                    "is set together with nhs.private-key-file",
                    "Set only one of nhs.private-key and nhs.private-key-file.");
        }
        if (pem != null) {
            try {
                return PrivateKeys.fromPem(pem.reveal());
            } catch (NhsSdkException e) {
                throw new NhsPropertyException(
                        "nhs.private-key",
                        "does not hold a readable RSA private key",
                        "Set nhs.private-key to the PEM text of an unencrypted RSA key (PKCS#8 or PKCS#1).");
            }
        }
        if (isBlank(file)) {
            throw new NhsPropertyException(
                    "nhs.private-key",
                    "is required for signed-JWT auth",
                    "Set nhs.private-key-file to the key's PEM file, or nhs.private-key to its PEM text.");
        }
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new NhsPropertyException(
                    "nhs.private-key-file",
                    "names a file that cannot be read",
                    "Set nhs.private-key-file to a readable PEM file.");
        }
        try {
            return PrivateKeys.fromPem(path);
        } catch (NhsSdkException e) {
            throw new NhsPropertyException(
                    "nhs.private-key-file",
                    "does not hold a readable RSA private key",
                    "Point nhs.private-key-file at an unencrypted RSA key in PEM (PKCS#8 or PKCS#1).");
        }
    }

    URI tokenUrl() {
        if (!isBlank(properties.getTokenUrl())) {
            return url("nhs.token-url", properties.getTokenUrl());
        }
        if (environment == null) {
            throw new NhsPropertyException(
                    "nhs.token-url",
                    "is required when nhs.environment is not set",
                    "Set nhs.environment, or nhs.token-url to the API Platform's token URL.");
        }
        return environment.oauthTokenUrl();
    }

    /**
     * The options every client starts from.
     *
     * @return the builder, with {@code nhs.client.*} and {@code nhs.application-id} applied
     */
    NhsClientOptions.Builder clientOptions() {
        NhsClientProperties c = properties.getClient();
        NhsClientOptions.Builder b = NhsClientOptions.builder();
        if (!isBlank(properties.getApplicationId())) {
            apply("nhs.application-id", () -> b.applicationId(properties.getApplicationId()));
        }
        if (c.getConnectTimeout() != null) {
            apply("nhs.client.connect-timeout", () -> b.connectTimeout(c.getConnectTimeout()));
        }
        if (c.getAttemptTimeout() != null) {
            apply("nhs.client.attempt-timeout", () -> b.attemptTimeout(c.getAttemptTimeout()));
        }
        if (c.getDeadline() != null) {
            apply("nhs.client.deadline", () -> b.deadline(c.getDeadline()));
        }
        if (c.getRetryMaxAttempts() != null) {
            apply(
                    "nhs.client.retry-max-attempts",
                    () -> b.retry(RetryOptions.builder()
                            .maxAttempts(c.getRetryMaxAttempts())
                            .build()));
        }
        return b;
    }

    /**
     * A service's options: the shared ones plus its rate limit.
     *
     * @param prefix such as {@code nhs.pds}
     * @param service the service's properties
     * @param shared the options every client starts from
     * @return the service's options builder
     */
    NhsClientOptions.Builder serviceOptions(String prefix, NhsServiceProperties service, NhsClientOptions shared) {
        NhsClientOptions.Builder b = shared.toBuilder();
        if (service.getRateLimitMaxWait() != null
                && service.getRateLimitMaxWait().isNegative()) {
            throw new NhsPropertyException(
                    prefix + ".rate-limit-max-wait",
                    "must not be negative",
                    "Set " + prefix + ".rate-limit-max-wait to zero or a positive duration, such as 2s.");
        }
        if (service.getRateLimit() != null) {
            Duration maxWait = service.getRateLimitMaxWait() == null ? Duration.ZERO : service.getRateLimitMaxWait();
            apply(
                    prefix + ".rate-limit",
                    () -> b.rateLimit(RateLimitOptions.perSecond(service.getRateLimit(), maxWait)));
        }
        return b;
    }

    /**
     * A service's base URL when set; otherwise empty, and the environment must be set.
     *
     * @param prefix such as {@code nhs.pds}
     * @param service the service's properties
     * @return the base URL property parsed, or empty to take the environment's
     */
    Optional<URI> baseUrl(String prefix, NhsServiceProperties service) {
        if (!isBlank(service.getBaseUrl())) {
            return Optional.of(url(prefix + ".base-url", service.getBaseUrl()));
        }
        if (environment == null) {
            throw new NhsPropertyException(
                    prefix + ".base-url",
                    "is required when nhs.environment is not set",
                    "Set nhs.environment, or " + prefix + ".base-url to the service's base URL.");
        }
        return Optional.empty();
    }

    /** Whether a service's calls leave this machine: a non-loopback base URL, or INT or production. */
    boolean remote(Optional<URI> baseUrl) {
        if (baseUrl.isPresent()) {
            return !isLoopback(baseUrl.get().getHost());
        }
        return environment != NhsEnvironment.SANDBOX;
    }

    OdsCode odsCode(String prefix, NhsOrganisationServiceProperties service) {
        String property = prefix + ".ods-code";
        if (isBlank(service.getOdsCode())) {
            throw new NhsPropertyException(
                    property, "is required", "Set " + property + " to the ODS code of the end user's organisation.");
        }
        try {
            return OdsCode.of(service.getOdsCode());
        } catch (NhsSdkException e) {
            throw new NhsPropertyException(property, "is not an ODS code", "Set " + property + " to a valid ODS code.");
        }
    }

    static <T> T require(T value, String property, String problem, String action) {
        if (value == null) {
            throw new NhsPropertyException(property, problem, action);
        }
        return value;
    }

    /** Runs one step of building something from a property, naming the property if it fails. */
    static <T> T apply(String property, Supplier<T> step) {
        try {
            return step.get();
        } catch (NhsPropertyException e) {
            throw e;
        } catch (NhsSdkException | IllegalArgumentException e) {
            throw new NhsPropertyException(
                    property,
                    "is invalid (" + e.getClass().getSimpleName() + ")",
                    "Correct " + property + "; see the starter's README for its allowed values.");
        }
    }

    static URI url(String property, String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new NhsPropertyException(property, "is not a URL", "Set " + property + " to an absolute https URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new NhsPropertyException(
                    property, "is not an absolute http(s) URL", "Set " + property + " to an absolute https URL.");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new NhsPropertyException(
                    property,
                    "uses http to a host that is not loopback",
                    "Use https; plain http is allowed only to localhost (the embedded sandbox).");
        }
        return uri;
    }

    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        // 127.x only as an IPv4 literal: a host name such as 127.example.com is remote
        return h.equals("localhost")
                || h.endsWith(".localhost")
                || h.matches("127(\\.\\d{1,3}){3}")
                || h.equals("[::1]")
                || h.equals("::1");
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** Writes PEM text to an owner-only temporary file, for the SDK's file-based TLS loaders. */
    static Path pemFile(String pem) throws IOException {
        Path file = Files.createTempFile("nhs-sdk-", ".pem");
        try {
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }
}
