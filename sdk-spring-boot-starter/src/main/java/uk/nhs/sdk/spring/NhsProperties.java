package uk.nhs.sdk.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import uk.nhs.sdk.core.Secret;

/**
 * The SDK's configuration under {@code nhs.*}, bound by Spring Boot from {@code application.yaml},
 * system properties or the environment (relaxed binding: {@code NHS_MESH_PASSWORD} sets
 * {@code nhs.mesh.password}). Secrets are held as {@link Secret}, whose {@code toString()} is
 * {@code ***}.
 *
 * <p>Each service has its own {@code enabled} flag; the auto-configuration creates a client for
 * each service enabled and checks the configuration when the application starts.
 */
@ConfigurationProperties(prefix = NhsProperties.PREFIX)
public class NhsProperties {
    /** The prefix of every property of the SDK. */
    public static final String PREFIX = "nhs";

    /**
     * The NHS environment every service uses unless it sets its own base URL: sandbox,
     * integration (int) or production (prod).
     */
    private String environment;

    /** The application's name, sent in the User-Agent of every request. */
    private String applicationId;

    /**
     * The API Platform application's API key: the issuer of its signed JWTs, and the apikey header
     * of the APIs that take one. Set it from the environment: NHS_API_KEY.
     */
    private Secret apiKey;

    /** The kid of the key the application signs its JWTs with, as registered in its JWKS. */
    private String keyId;

    /**
     * The application's RSA private key as PEM text (PKCS#8 or PKCS#1, unencrypted), instead of
     * private-key-file. Set it from the environment: NHS_PRIVATE_KEY.
     */
    private Secret privateKey;

    /** The PEM file of the application's RSA private key, instead of private-key. */
    private String privateKeyFile;

    /** The API Platform token URL; the environment's when unset. */
    private String tokenUrl;

    /** The options every client starts from: timeouts, deadline and retries. */
    @NestedConfigurationProperty
    private final NhsClientProperties client = new NhsClientProperties();

    /** The health indicators. */
    @NestedConfigurationProperty
    private final NhsHealthProperties health = new NhsHealthProperties();

    /** Micrometer metrics of the SDK's calls. */
    @NestedConfigurationProperty
    private final NhsObservabilityProperties metrics = new NhsObservabilityProperties();

    /** OpenTelemetry tracing of the SDK's calls. */
    @NestedConfigurationProperty
    private final NhsTracingProperties tracing = new NhsTracingProperties();

    /** The Personal Demographics Service (PDS FHIR) client. */
    @NestedConfigurationProperty
    private final NhsServiceProperties pds = new NhsServiceProperties();

    /** The MESH client. */
    @NestedConfigurationProperty
    private final NhsMeshProperties mesh = new NhsMeshProperties();

    /** The National Record Locator consumer client. */
    @NestedConfigurationProperty
    private final NhsOrganisationServiceProperties nrlConsumer = new NhsOrganisationServiceProperties();

    /** The National Record Locator producer client. */
    @NestedConfigurationProperty
    private final NhsOrganisationServiceProperties nrlProducer = new NhsOrganisationServiceProperties();

    /** The ODS FHIR (organisation data) client. */
    @NestedConfigurationProperty
    private final NhsOdsProperties ods = new NhsOdsProperties();

    /** The NHS Notify client. */
    @NestedConfigurationProperty
    private final NhsServiceProperties notify = new NhsServiceProperties();

    /** Creates the properties with their defaults. */
    public NhsProperties() {
        // defaults are the field initialisers
    }

    /**
     * The NHS environment's name.
     *
     * @return the name, or {@code null} when not set
     */
    public String getEnvironment() {
        return environment;
    }

    /**
     * Sets the NHS environment's name.
     *
     * @param environment the name
     */
    public void setEnvironment(String environment) {
        this.environment = environment;
    }

    /**
     * The application id.
     *
     * @return the id, or {@code null} when not set
     */
    public String getApplicationId() {
        return applicationId;
    }

    /**
     * Sets the application id.
     *
     * @param applicationId the id
     */
    public void setApplicationId(String applicationId) {
        this.applicationId = applicationId;
    }

    /**
     * The API key.
     *
     * @return the key, or {@code null} when not set
     */
    public Secret getApiKey() {
        return apiKey;
    }

    /**
     * Sets the API key.
     *
     * @param apiKey the key
     */
    public void setApiKey(Secret apiKey) {
        this.apiKey = apiKey;
    }

    /**
     * The signing key's id.
     *
     * @return the id, or {@code null} when not set
     */
    public String getKeyId() {
        return keyId;
    }

    /**
     * Sets the signing key's id.
     *
     * @param keyId the id
     */
    public void setKeyId(String keyId) {
        this.keyId = keyId;
    }

    /**
     * The private key as PEM text.
     *
     * @return the key, or {@code null} when not set
     */
    public Secret getPrivateKey() {
        return privateKey;
    }

    /**
     * Sets the private key as PEM text.
     *
     * @param privateKey the key
     */
    public void setPrivateKey(Secret privateKey) {
        this.privateKey = privateKey;
    }

    /**
     * The private key's PEM file.
     *
     * @return the path, or {@code null} when not set
     */
    public String getPrivateKeyFile() {
        return privateKeyFile;
    }

    /**
     * Sets the private key's PEM file.
     *
     * @param privateKeyFile the path
     */
    public void setPrivateKeyFile(String privateKeyFile) {
        this.privateKeyFile = privateKeyFile;
    }

    /**
     * The token URL.
     *
     * @return the URL, or {@code null} for the environment's
     */
    public String getTokenUrl() {
        return tokenUrl;
    }

    /**
     * Sets the token URL.
     *
     * @param tokenUrl the URL
     */
    public void setTokenUrl(String tokenUrl) {
        this.tokenUrl = tokenUrl;
    }

    /**
     * The client options.
     *
     * @return the options
     */
    public NhsClientProperties getClient() {
        return client;
    }

    /**
     * The health indicators' settings.
     *
     * @return the settings
     */
    public NhsHealthProperties getHealth() {
        return health;
    }

    /**
     * The metrics settings.
     *
     * @return the settings
     */
    public NhsObservabilityProperties getMetrics() {
        return metrics;
    }

    /**
     * The tracing settings.
     *
     * @return the settings
     */
    public NhsTracingProperties getTracing() {
        return tracing;
    }

    /**
     * The PDS settings.
     *
     * @return the settings
     */
    public NhsServiceProperties getPds() {
        return pds;
    }

    /**
     * The MESH settings.
     *
     * @return the settings
     */
    public NhsMeshProperties getMesh() {
        return mesh;
    }

    /**
     * The NRL consumer settings.
     *
     * @return the settings
     */
    public NhsOrganisationServiceProperties getNrlConsumer() {
        return nrlConsumer;
    }

    /**
     * The NRL producer settings.
     *
     * @return the settings
     */
    public NhsOrganisationServiceProperties getNrlProducer() {
        return nrlProducer;
    }

    /**
     * The ODS settings.
     *
     * @return the settings
     */
    public NhsOdsProperties getOds() {
        return ods;
    }

    /**
     * The NHS Notify settings.
     *
     * @return the settings
     */
    public NhsServiceProperties getNotify() {
        return notify;
    }
}
