package uk.nhs.sdk.spring.autoconfigure;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.SandboxMeshMailbox;

/** The nhs.* properties that point the auto-configured clients at an embedded sandbox. */
final class SandboxProperties {
    private SandboxProperties() {}

    static Map<String, Object> of(NhsSandbox sandbox) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("nhs.token-url", sandbox.oauthTokenUrl().toString());
        p.put("nhs.api-key", sandbox.application().apiKey().reveal());
        p.put("nhs.key-id", sandbox.application().keyId());
        p.put("nhs.private-key", pem(sandbox.application().privateKey().getEncoded()));
        p.put("nhs.pds.base-url", sandbox.pdsBaseUrl().toString());
        SandboxMeshMailbox mailbox = sandbox.meshMailboxes().get(0);
        p.put("nhs.mesh.base-url", sandbox.meshBaseUrl().toString());
        p.put("nhs.mesh.mailbox", mailbox.id());
        p.put("nhs.mesh.password", mailbox.password().reveal());
        p.put("nhs.mesh.shared-key", sandbox.meshSharedKey().reveal());
        // the sandbox's generated API key; not its MESH password and shared key, which are the public
        // MESH sandbox's ("password", "TestKey") and so words in ordinary log lines
        LogGuard.forbid(sandbox.application().apiKey().reveal());
        return p;
    }

    /** Adds the properties ahead of the runner's own. */
    static ApplicationContextInitializer<ConfigurableApplicationContext> initializer(Map<String, Object> properties) {
        return ctx -> ctx.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("sandbox", new LinkedHashMap<>(properties)));
    }

    static String pem(byte[] pkcs8) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n";
    }
}
