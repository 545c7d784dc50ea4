package uk.nhs.sdk.messaging.mesh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.http.TlsConfig;
import uk.nhs.sdk.core.testing.TestPki;

/**
 * The MESH client over mutual TLS, configured per client through {@code NhsClientOptions.tls}:
 * a WireMock HTTPS server that requires a client certificate (keys and certificates made fresh by
 * the JDK's keytool, the client's CN in MESH's {@code local_id.ods_code.api.mesh-client.nhs.uk} form).
 */
class MeshMutualTlsTest {
    private static final String STORE_PASSWORD = "keystore-password-under-test";

    @TempDir
    static Path dir;

    private static WireMockServer server;

    @BeforeAll
    static void start() throws Exception {
        TestPki.create(dir, STORE_PASSWORD, "X26ABC1.X26.api.mesh-client.nhs.uk");
        server = new WireMockServer(wireMockConfig()
                .httpDisabled(true)
                .dynamicHttpsPort()
                .bindAddress("127.0.0.1")
                .keystorePath(path("server.p12"))
                .keystoreType("PKCS12")
                .keystorePassword(STORE_PASSWORD)
                .keyManagerPassword(STORE_PASSWORD)
                .needClientAuth(true)
                .trustStorePath(path("server-trust.p12"))
                .trustStoreType("PKCS12")
                .trustStorePassword(STORE_PASSWORD));
        server.start();
        server.stubFor(post(urlPathEqualTo("/messageexchange/X26ABC1"))
                .willReturn(aResponse().withStatus(200)));
    }

    @BeforeEach
    void forgetRequests() {
        server.resetRequests();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static String path(String name) {
        return dir.resolve(name).toString();
    }

    private static MeshClient client(TlsConfig tls) {
        return MeshClient.builder()
                .baseUrl(URI.create("https://127.0.0.1:" + server.httpsPort()))
                .mailbox("X26ABC1")
                .password(Secret.of("mailbox-password"))
                .sharedKey(Secret.of("shared-key"))
                .options(NhsClientOptions.builder()
                        .tls(tls)
                        .retry(RetryOptions.none())
                        .circuitBreaker(CircuitBreakerOptions.disabled())
                        .build())
                .build();
    }

    @Test
    void handshakesWithAPkcs12ClientCertificate() {
        client(TlsConfig.fromPkcs12(dir.resolve("client.p12"), Secret.of(STORE_PASSWORD), dir.resolve("server-ca.pem")))
                .handshake();

        server.verify(postRequestedFor(urlPathEqualTo("/messageexchange/X26ABC1")));
    }

    @Test
    void handshakesWithAPemKeyAndCertificate() {
        client(TlsConfig.fromPem(
                        dir.resolve("client-key.pem"), dir.resolve("client-cert.pem"), dir.resolve("server-ca.pem")))
                .handshake();

        server.verify(postRequestedFor(urlPathEqualTo("/messageexchange/X26ABC1")));
    }

    @Test
    void withoutAClientCertificateTheConnectionIsRefusedAsATransportFailure() {
        assertThatThrownBy(() -> client(TlsConfig.trustingCaBundle(dir.resolve("server-ca.pem")))
                        .handshake())
                .isInstanceOf(NhsTransportException.class);
    }

    @Test
    void aServerOutsideTheCaBundleIsRefused() {
        assertThatThrownBy(() -> client(TlsConfig.fromPkcs12(
                                dir.resolve("client.p12"), Secret.of(STORE_PASSWORD), dir.resolve("client-cert.pem")))
                        .handshake())
                .isInstanceOf(NhsTransportException.class);
    }
}
