package uk.nhs.sdk.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.spring.NhsPropertyException;

/** A missing or invalid property fails the start, naming the property and never showing a secret. */
class NhsStartupFailureTest {
    private static final String PASSWORD = "mesh-password-never-shown";
    private static final String API_KEY = "api-key-never-shown";

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(NhsAutoConfiguration.class));

    static {
        LogGuard.forbid(PASSWORD);
        LogGuard.forbid(API_KEY);
    }

    private void failsNaming(String property, String... properties) {
        runner.withPropertyValues(properties).run(ctx -> {
            assertThat(ctx).hasFailed();
            Throwable failure = ctx.getStartupFailure();
            NhsPropertyException cause = find(failure);
            assertThat(cause).as("an NhsPropertyException in %s", failure).isNotNull();
            assertThat(cause.property()).isEqualTo(property);
            assertThat(cause.getMessage()).contains(property);
            FailureAnalysis analysis = new NhsFailureAnalyzer().analyze(failure);
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains(property);
            assertThat(analysis.getAction()).isNotBlank();
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(PASSWORD, API_KEY, "BEGIN");
            }
            assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(PASSWORD, API_KEY);
        });
    }

    private static NhsPropertyException find(Throwable t) {
        for (; t != null; t = t.getCause()) {
            if (t instanceof NhsPropertyException) {
                return (NhsPropertyException) t;
            }
        }
        return null;
    }

    @Test
    void aMeshMailboxWithoutASharedKey() {
        failsNaming(
                "nhs.mesh.shared-key",
                "nhs.mesh.enabled=true",
                "nhs.mesh.base-url=https://mesh.example.nhs.uk",
                "nhs.mesh.mailbox=X26ABC1",
                "nhs.mesh.password=" + PASSWORD);
    }

    @Test
    void aMeshMailboxWithoutAPassword() {
        failsNaming(
                "nhs.mesh.password",
                "nhs.mesh.enabled=true",
                "nhs.environment=integration",
                "nhs.mesh.mailbox=X26ABC1",
                "nhs.mesh.shared-key=" + PASSWORD);
    }

    @Test
    void meshWithoutAMailbox() {
        failsNaming("nhs.mesh.mailbox", "nhs.mesh.enabled=true", "nhs.environment=integration");
    }

    @Test
    void meshInTheSandboxEnvironmentWithoutABaseUrl() {
        failsNaming(
                "nhs.mesh.base-url",
                "nhs.mesh.enabled=true",
                "nhs.environment=sandbox",
                "nhs.mesh.mailbox=X26ABC1",
                "nhs.mesh.password=" + PASSWORD,
                "nhs.mesh.shared-key=k");
    }

    @Test
    void aPrivateKeyThatDoesNotParse() {
        failsNaming(
                "nhs.private-key",
                "nhs.environment=integration",
                "nhs.api-key=" + API_KEY,
                "nhs.key-id=k1",
                "nhs.private-key=-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----");
    }

    @Test
    void bothPrivateKeyAndPrivateKeyFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("key.pem");
        Files.writeString(file, SandboxProperties.pem(rsaKey()));
        failsNaming(
                "nhs.private-key",
                "nhs.environment=integration",
                "nhs.api-key=" + API_KEY,
                "nhs.key-id=k1",
                "nhs.private-key-file=" + file,
                "nhs.private-key=" + SandboxProperties.pem(rsaKey()));
    }

    @Test
    void aPrivateKeyFileThatCannotBeRead(@TempDir Path dir) {
        failsNaming(
                "nhs.private-key-file",
                "nhs.environment=integration",
                "nhs.api-key=" + API_KEY,
                "nhs.key-id=k1",
                "nhs.private-key-file=" + dir.resolve("missing.pem"));
    }

    @Test
    void aKeyIdWithoutAnApiKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("key.pem");
        Files.writeString(file, SandboxProperties.pem(rsaKey()));
        failsNaming("nhs.api-key", "nhs.environment=integration", "nhs.key-id=k1", "nhs.private-key-file=" + file);
    }

    @Test
    void aPrivateKeyWithoutAKeyId(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("key.pem");
        Files.writeString(file, SandboxProperties.pem(rsaKey()));
        failsNaming(
                "nhs.key-id", "nhs.environment=integration", "nhs.api-key=" + API_KEY, "nhs.private-key-file=" + file);
    }

    @Test
    void aBaseUrlThatIsNotHttpsOutsideLoopback() {
        failsNaming("nhs.pds.base-url", "nhs.pds.enabled=true", "nhs.pds.base-url=http://pds.example.nhs.uk/FHIR");
    }

    @Test
    void aBaseUrlThatIsNotAUrl() {
        failsNaming("nhs.pds.base-url", "nhs.pds.enabled=true", "nhs.pds.base-url=not a url");
    }

    @Test
    void anEnabledServiceWithNeitherBaseUrlNorEnvironment() {
        failsNaming("nhs.pds.base-url", "nhs.pds.enabled=true");
    }

    @Test
    void anUnknownEnvironment() {
        failsNaming("nhs.environment", "nhs.environment=staging");
    }

    @Test
    void pdsOutsideTheSandboxWithoutSignedJwtCredentials() {
        failsNaming("nhs.private-key", "nhs.pds.enabled=true", "nhs.environment=integration");
    }

    @Test
    void nrlWithoutAnOdsCode() {
        failsNaming("nhs.nrl-consumer.ods-code", "nhs.nrl-consumer.enabled=true", "nhs.environment=sandbox");
    }

    @Test
    void odsWithoutAnApiKey() {
        failsNaming("nhs.ods.api-key", "nhs.ods.enabled=true", "nhs.environment=sandbox");
    }

    @Test
    void aRetryCountBelowOne() {
        failsNaming("nhs.client.retry-max-attempts", "nhs.client.retry-max-attempts=0");
    }

    @Test
    void aClientCertificateWithoutItsKey(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        failsNaming(
                "nhs.mesh.tls.client-key",
                "nhs.mesh.enabled=true",
                "nhs.environment=integration",
                "nhs.mesh.mailbox=X26ABC1",
                "nhs.mesh.password=" + PASSWORD,
                "nhs.mesh.shared-key=k",
                "nhs.mesh.tls.client-certificate-file=" + cert);
    }

    @Test
    void aNegativeConnectTimeout() {
        failsNaming("nhs.client.connect-timeout", "nhs.client.connect-timeout=-1s");
    }

    @Test
    void aZeroAttemptTimeout() {
        failsNaming("nhs.client.attempt-timeout", "nhs.client.attempt-timeout=0s");
    }

    @Test
    void aZeroDeadline() {
        failsNaming("nhs.client.deadline", "nhs.client.deadline=0s");
    }

    @Test
    void aRateLimitOfZero() {
        failsNaming("nhs.pds.rate-limit", "nhs.pds.enabled=true", "nhs.environment=sandbox", "nhs.pds.rate-limit=0");
    }

    @Test
    void aNegativeRateLimitWaitIsNamedItself() {
        failsNaming(
                "nhs.pds.rate-limit-max-wait",
                "nhs.pds.enabled=true",
                "nhs.environment=sandbox",
                "nhs.pds.rate-limit=5",
                "nhs.pds.rate-limit-max-wait=-1s");
    }

    @Test
    void plainHttpToAHostNamedLikeALoopbackAddress() {
        // 127.example.nhs.uk is a DNS name, not the loopback address: plain http to it leaves the machine
        failsNaming("nhs.pds.base-url", "nhs.pds.enabled=true", "nhs.pds.base-url=http://127.example.nhs.uk/FHIR");
    }

    @Test
    void plainHttpTokenUrlToARemoteHost(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("key.pem");
        Files.writeString(file, SandboxProperties.pem(rsaKey()));
        failsNaming(
                "nhs.token-url",
                "nhs.api-key=" + API_KEY,
                "nhs.key-id=k1",
                "nhs.private-key-file=" + file,
                "nhs.token-url=http://api.service.nhs.uk/oauth2/token");
    }

    @Test
    void aHealthIntervalThatIsNotPositive() {
        failsNaming("nhs.health.interval", "nhs.health.interval=0s");
    }

    private static byte[] rsaKey() throws NoSuchAlgorithmException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair().getPrivate().getEncoded();
    }
}
