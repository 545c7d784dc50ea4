package uk.nhs.sdk.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsTransportException;

/**
 * Mutual TLS end to end: a WireMock HTTPS server that requires a client certificate, and clients
 * configured from PKCS#12 and from PEM files. The keys and certificates are made fresh by the
 * JDK's keytool for each run.
 */
class MutualTlsTest {
    private static final String PASSWORD = "changeit-test";

    @TempDir
    static Path dir;

    private static WireMockServer server;

    @BeforeAll
    static void start() throws Exception {
        uk.nhs.sdk.core.testing.TestPki.create(dir, PASSWORD, "SERVER001.X26.api.mesh-client.nhs.uk");
        server = new WireMockServer(wireMockConfig()
                .httpDisabled(true)
                .dynamicHttpsPort()
                .bindAddress("127.0.0.1")
                .keystorePath(dir.resolve("server.p12").toString())
                .keystoreType("PKCS12")
                .keystorePassword(PASSWORD)
                .keyManagerPassword(PASSWORD)
                .needClientAuth(true)
                .trustStorePath(dir.resolve("server-trust.p12").toString())
                .trustStoreType("PKCS12")
                .trustStorePassword(PASSWORD));
        server.start();
        server.stubFor(get(urlPathEqualTo("/hello")).willReturn(aResponse().withBody("hi")));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static NhsHttpClient client(TlsConfig tls) {
        return NhsHttpClient.builder()
                .serviceName("MTLS")
                .baseUrl(URI.create("https://127.0.0.1:" + server.httpsPort()))
                .options(NhsClientOptions.builder()
                        .tls(tls)
                        .retry(RetryOptions.none())
                        .build())
                .build();
    }

    @Test
    void connectsWithAPkcs12ClientCertificate() {
        TlsConfig tls =
                TlsConfig.fromPkcs12(dir.resolve("client.p12"), Secret.of(PASSWORD), dir.resolve("server-ca.pem"));
        assertThat(client(tls)
                        .execute(NhsRequest.builder("GET", "/hello").build())
                        .bodyString())
                .isEqualTo("hi");
    }

    @Test
    void connectsWithPemKeyAndCertificate() {
        TlsConfig tls = TlsConfig.fromPem(
                dir.resolve("client-key.pem"), dir.resolve("client-cert.pem"), dir.resolve("server-ca.pem"));
        assertThat(client(tls)
                        .execute(NhsRequest.builder("GET", "/hello").build())
                        .bodyString())
                .isEqualTo("hi");
    }

    @Test
    void withoutAClientCertificateTheHandshakeFails() {
        TlsConfig trustOnly = TlsConfig.trustingCaBundle(dir.resolve("server-ca.pem"));
        assertThatThrownBy(() -> client(trustOnly)
                        .execute(NhsRequest.builder("GET", "/hello").build()))
                .isInstanceOf(NhsTransportException.class);
    }

    @Test
    void anUntrustedServerIsRefused() {
        TlsConfig wrongCa =
                TlsConfig.fromPkcs12(dir.resolve("client.p12"), Secret.of(PASSWORD), dir.resolve("client-cert.pem"));
        assertThatThrownBy(() -> client(wrongCa)
                        .execute(NhsRequest.builder("GET", "/hello").build()))
                .isInstanceOf(NhsTransportException.class);
    }

    @Test
    void aWrongPasswordIsAConfigurationErrorThatNamesOnlyTheFile() {
        assertThatThrownBy(() -> TlsConfig.fromPkcs12(dir.resolve("client.p12"), Secret.of("wrong-password"), null))
                .isInstanceOf(NhsConfigurationException.class)
                .hasMessageContaining("client.p12")
                .hasMessageNotContaining("wrong-password");
    }

    @Test
    void signingKeysLoadFromPkcs12AndPemAlike() {
        java.security.interfaces.RSAPrivateKey fromP12 =
                uk.nhs.sdk.core.auth.PrivateKeys.fromPkcs12(dir.resolve("client.p12"), Secret.of(PASSWORD), null);
        java.security.interfaces.RSAPrivateKey fromPem =
                uk.nhs.sdk.core.auth.PrivateKeys.fromPem(dir.resolve("client-key.pem"));
        assertThat(fromP12).isEqualTo(fromPem);
        assertThat(uk.nhs.sdk.core.auth.PrivateKeys.publicKeyOf(fromP12).getModulus())
                .isEqualTo(fromP12.getModulus());
        assertThatThrownBy(() -> uk.nhs.sdk.core.auth.PrivateKeys.fromPkcs12(
                        dir.resolve("client.p12"), Secret.of(PASSWORD), "no-such-alias"))
                .isInstanceOf(NhsConfigurationException.class);
    }
}
