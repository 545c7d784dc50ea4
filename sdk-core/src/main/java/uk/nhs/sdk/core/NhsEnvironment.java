package uk.nhs.sdk.core;

import java.net.URI;
import java.util.Optional;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * The NHS environments the SDK knows, each resolving the base URLs of the services.
 *
 * <p>Every client also takes {@code baseUrl(URI)}, which wins over the environment: use it for the
 * embedded sandbox ({@code NhsSandbox}), a local peer or a proxy.
 */
public enum NhsEnvironment {
    /** The public, open sandbox of the API Platform; MESH has no public sandbox host. */
    SANDBOX("https://sandbox.api.service.nhs.uk", null),
    /** The integration (INT) environment, for testing with real credentials and test data. */
    INTEGRATION("https://int.api.service.nhs.uk", "https://msg.intspineservices.nhs.uk"),
    /** Live services. */
    PRODUCTION("https://api.service.nhs.uk", "https://mesh-sync.spineservices.nhs.uk");

    private final URI apiPlatform;
    private final URI mesh;

    NhsEnvironment(String apiPlatform, String mesh) {
        this.apiPlatform = URI.create(apiPlatform);
        this.mesh = mesh == null ? null : URI.create(mesh);
    }

    /**
     * The API Platform host, under which every API lives at its own base path.
     *
     * @return for example {@code https://int.api.service.nhs.uk}
     */
    public URI apiPlatformBaseUrl() {
        return apiPlatform;
    }

    /**
     * The base URL of an API Platform service.
     *
     * @param basePath the API's base path, such as {@code personal-demographics/FHIR/R4}
     * @return the service's base URL, with no trailing slash
     */
    public URI apiBaseUrl(String basePath) {
        String p = basePath.startsWith("/") ? basePath.substring(1) : basePath;
        return URI.create(apiPlatform + "/" + p);
    }

    /**
     * The API Platform OAuth2 token endpoint; the signed JWT's {@code aud} must equal it exactly.
     *
     * @return for example {@code https://int.api.service.nhs.uk/oauth2/token}
     */
    public URI oauthTokenUrl() {
        return apiBaseUrl("oauth2/token");
    }

    /**
     * The MESH API host.
     *
     * @return the MESH base URL; empty for {@link #SANDBOX}, which has no public MESH host
     */
    public Optional<URI> meshBaseUrl() {
        return Optional.ofNullable(mesh);
    }

    /**
     * Parses the short names used on the command line.
     *
     * @param name {@code sandbox}, {@code int} or {@code prod} (or the enum names, any case)
     * @return the environment
     * @throws NhsValidationException for any other name
     */
    public static NhsEnvironment fromName(String name) {
        switch (name.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "sandbox":
                return SANDBOX;
            case "int":
            case "integration":
                return INTEGRATION;
            case "prod":
            case "production":
                return PRODUCTION;
            default:
                throw new NhsValidationException("environment", "unknown: expected sandbox, int or prod");
        }
    }
}
