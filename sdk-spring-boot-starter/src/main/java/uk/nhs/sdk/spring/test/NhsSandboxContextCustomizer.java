package uk.nhs.sdk.spring.test;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import uk.nhs.sdk.records.RecordsApi;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.SandboxApplication;
import uk.nhs.sdk.testkit.SandboxMeshMailbox;
import uk.nhs.sdk.testkit.SandboxNotify;

/**
 * Starts the embedded sandbox for one application context, registers it as the bean
 * {@value #BEAN_NAME} (stopped when the context closes, after the clients), and adds the
 * {@code nhs.*} properties that point every client at it, ahead of every other property source.
 */
final class NhsSandboxContextCustomizer implements ContextCustomizer {
    static final String BEAN_NAME = "nhsSandbox";
    static final String PROPERTY_SOURCE = "nhsSandbox";

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        NhsSandbox sandbox = NhsSandbox.start();
        try {
            ConfigurableListableBeanFactory beans = context.getBeanFactory();
            beans.registerSingleton(BEAN_NAME, sandbox);
            if (beans instanceof DefaultSingletonBeanRegistry) {
                ((DefaultSingletonBeanRegistry) beans).registerDisposableBean(BEAN_NAME, sandbox::close);
            }
            String mailbox = context.getEnvironment().getProperty("nhs.mesh.mailbox");
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(PROPERTY_SOURCE, properties(sandbox, mailbox)));
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    static Map<String, Object> properties(NhsSandbox sandbox, String wantedMailbox) {
        Map<String, Object> p = new LinkedHashMap<>();
        SandboxApplication app = sandbox.application();
        p.put("nhs.token-url", sandbox.oauthTokenUrl().toString());
        p.put("nhs.api-key", app.apiKey().reveal());
        p.put("nhs.key-id", app.keyId());
        p.put("nhs.private-key", pem(app.privateKey().getEncoded()));
        p.put("nhs.private-key-file", "");
        p.put("nhs.pds.base-url", sandbox.pdsBaseUrl().toString());
        p.put(
                "nhs.nrl-consumer.base-url",
                sandbox.apiBaseUrl(RecordsApi.NRL_CONSUMER.basePath()).toString());
        p.put(
                "nhs.nrl-producer.base-url",
                sandbox.apiBaseUrl(RecordsApi.NRL_PRODUCER.basePath()).toString());
        p.put("nhs.ods.base-url", sandbox.apiBaseUrl(RecordsApi.ODS.basePath()).toString());
        p.put("nhs.ods.api-key", app.apiKey().reveal());
        p.put("nhs.notify.base-url", SandboxNotify.of(sandbox).baseUrl().toString());
        SandboxMeshMailbox mailbox = mailbox(sandbox.meshMailboxes(), wantedMailbox);
        p.put("nhs.mesh.base-url", sandbox.meshBaseUrl().toString());
        p.put("nhs.mesh.mailbox", mailbox.id());
        p.put("nhs.mesh.password", mailbox.password().reveal());
        p.put("nhs.mesh.shared-key", sandbox.meshSharedKey().reveal());
        for (String tls : List.of(
                "client-certificate",
                "client-certificate-file",
                "client-key",
                "client-key-file",
                "ca-bundle",
                "ca-bundle-file")) {
            p.put("nhs.mesh.tls." + tls, "");
        }
        return p;
    }

    private static SandboxMeshMailbox mailbox(List<SandboxMeshMailbox> mailboxes, String wanted) {
        for (SandboxMeshMailbox m : mailboxes) {
            if (m.id().equalsIgnoreCase(wanted == null ? "" : wanted.strip())) {
                return m;
            }
        }
        return mailboxes.get(0);
    }

    private static String pem(byte[] pkcs8) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8);
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NhsSandboxContextCustomizer;
    }

    @Override
    public int hashCode() {
        return NhsSandboxContextCustomizer.class.hashCode();
    }
}
