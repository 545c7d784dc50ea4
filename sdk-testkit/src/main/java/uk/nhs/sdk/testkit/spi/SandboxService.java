package uk.nhs.sdk.testkit.spi;

/**
 * A service the embedded sandbox hosts, found with {@link java.util.ServiceLoader}: registering a
 * fake is one line, the provider's class name, in
 * {@code META-INF/services/uk.nhs.sdk.testkit.spi.SandboxService}.
 *
 * <p>Each {@link uk.nhs.sdk.testkit.NhsSandbox} creates one fake per provider, in {@link #order()},
 * routes the fake's requests to it, lists the service in
 * {@link uk.nhs.sdk.testkit.NhsSandbox#serviceUrls()} as {@link #name()} with the URL
 * {@code baseUrl + basePath()}, and resets the fake with the sandbox.
 *
 * <p>Implementations have a public no-argument constructor and are stateless: the state lives in
 * the fake {@link #create(SandboxServiceContext)} returns.
 */
public interface SandboxService {
    /**
     * The service's name as {@link uk.nhs.sdk.testkit.NhsSandbox#serviceUrls()} lists it; unique
     * among the sandbox's services.
     *
     * @return for example {@code Personal Demographics Service (PDS) FHIR R4}
     */
    String name();

    /**
     * The path of the service's base URL on the sandbox: empty for a service whose paths start at
     * the root (MESH), else starting with {@code /} and not ending with one.
     *
     * @return for example {@code /personal-demographics/FHIR/R4}
     */
    String basePath();

    /**
     * Where the service comes in the sandbox's list of services; lower first, ties broken by
     * {@link #name()}. The SDK's own services use multiples of 100 (the OAuth2 token service 100,
     * PDS 200, MESH 300).
     *
     * @return the position
     */
    int order();

    /**
     * Creates the service's fake for one sandbox, before the sandbox's server starts.
     *
     * @param context the sandbox's clock, files and shared state
     * @return the fake
     */
    SandboxFake create(SandboxServiceContext context);
}
