package uk.nhs.sdk.examples.springboot;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.SandboxApplication;

/**
 * Starts the SDK's embedded sandbox in this process when {@code example.embedded-sandbox} is
 * true (the {@code sandbox} profile of {@code application.yaml} sets it), and points {@code nhs.*}
 * at it: the base URLs, the token URL and the signed-JWT credentials of the application the
 * sandbox registered, which exist only once it runs. Everything else (which clients, the MESH
 * mailbox) stays in {@code application.yaml}. The sandbox stops with the application context.
 *
 * <p>Registered in {@code META-INF/spring.factories}, so the packaged jar and the tests start it
 * the same way.
 */
public class EmbeddedSandbox implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSandbox.class);

    /** The property that turns the embedded sandbox on. */
    public static final String ENABLED = "example.embedded-sandbox";

    /** The name of the property source holding the sandbox's URLs and credentials. */
    public static final String PROPERTY_SOURCE = "nhsEmbeddedSandbox";

    /** Created by Spring. */
    public EmbeddedSandbox() {
        // stateless
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (!environment.getProperty(ENABLED, Boolean.class, false)) {
            return;
        }
        NhsSandbox sandbox = NhsSandbox.start();
        try {
            context.getBeanFactory().registerSingleton("nhsEmbeddedSandbox", sandbox);
            // stopped with the context (after the clients, registered later), or when its refresh fails
            ((DefaultSingletonBeanRegistry) context.getBeanFactory())
                    .registerDisposableBean("nhsEmbeddedSandbox", sandbox::close);
            environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties(sandbox)));
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
        LOG.info(
                "Embedded NHS sandbox at {}: PDS, MESH and the API Platform token endpoint are fakes in this "
                        + "process (no network, no credentials)",
                sandbox.baseUrl());
    }

    /**
     * The {@code nhs.*} properties that point the starter's clients at a running sandbox.
     *
     * @param sandbox the sandbox
     * @return the properties, by name
     */
    static Map<String, Object> properties(NhsSandbox sandbox) {
        SandboxApplication app = sandbox.application();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("nhs.token-url", sandbox.oauthTokenUrl().toString());
        p.put("nhs.api-key", app.apiKey().reveal());
        p.put("nhs.key-id", app.keyId());
        p.put("nhs.private-key", pem(app.privateKey().getEncoded()));
        p.put("nhs.pds.base-url", sandbox.pdsBaseUrl().toString());
        p.put("nhs.mesh.base-url", sandbox.meshBaseUrl().toString());
        p.put("nhs.mesh.shared-key", sandbox.meshSharedKey().reveal());
        return p;
    }

    private static String pem(byte[] pkcs8) {
        Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        return "-----BEGIN PRIVATE KEY-----\n" + base64.encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n";
    }
}
