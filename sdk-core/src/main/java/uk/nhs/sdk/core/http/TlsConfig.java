package uk.nhs.sdk.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.internal.pem.Pem;

/**
 * The TLS settings of a client: which servers to trust and, for mutual TLS (MESH), the client's
 * own key and certificate. Built per client; the JVM's defaults are never changed.
 *
 * <p>Build one from a PKCS#12 file, from PEM files (PKCS#8 or PKCS#1 key, certificate chain, CA
 * bundle), or from an {@link SSLContext} you made yourself. TLS 1.2 is the minimum.
 */
public final class TlsConfig {
    private final SSLContext sslContext;
    private final X509TrustManager trustManager;

    private TlsConfig(SSLContext sslContext, X509TrustManager trustManager) {
        this.sslContext = sslContext;
        this.trustManager = trustManager;
    }

    /**
     * Uses a ready-made context.
     *
     * @param sslContext the context (with its key managers for mutual TLS)
     * @param trustManager the trust manager the context was initialised with
     * @return the configuration
     */
    public static TlsConfig of(SSLContext sslContext, X509TrustManager trustManager) {
        return new TlsConfig(
                Objects.requireNonNull(sslContext, "sslContext"), Objects.requireNonNull(trustManager, "trustManager"));
    }

    /**
     * Mutual TLS from a PKCS#12 file holding the client key and certificate chain.
     *
     * @param pkcs12 the PKCS#12 file
     * @param password its password
     * @param caBundlePem PEM file of the CA certificates to trust for the server, or {@code null}
     *     for the JVM's default trust
     * @return the configuration
     * @throws NhsConfigurationException when a file cannot be read or parsed (the message names
     *     the file, never the password)
     */
    public static TlsConfig fromPkcs12(Path pkcs12, Secret password, Path caBundlePem) {
        Objects.requireNonNull(pkcs12, "pkcs12");
        Objects.requireNonNull(password, "password");
        try (InputStream in = Files.newInputStream(pkcs12)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            char[] pw = password.reveal().toCharArray();
            ks.load(in, pw);
            return build(ks, pw, trustManager(caBundlePem));
        } catch (IOException | GeneralSecurityException e) {
            throw new NhsConfigurationException(
                    "cannot load the PKCS#12 client certificate " + pkcs12.getFileName(), e);
        }
    }

    /**
     * Mutual TLS from PEM files.
     *
     * @param privateKeyPem the client's private key (PKCS#8 {@code PRIVATE KEY} or PKCS#1
     *     {@code RSA PRIVATE KEY}, unencrypted)
     * @param certificatePem the client certificate, followed by any intermediates
     * @param caBundlePem the CA certificates to trust for the server, or {@code null} for the JVM's
     *     default trust
     * @return the configuration
     * @throws NhsConfigurationException when a file cannot be read or parsed
     */
    public static TlsConfig fromPem(Path privateKeyPem, Path certificatePem, Path caBundlePem) {
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        Objects.requireNonNull(certificatePem, "certificatePem");
        try {
            PrivateKey key = Pem.privateKey(Files.readString(privateKeyPem, StandardCharsets.US_ASCII));
            List<X509Certificate> chain = Pem.certificates(Files.readString(certificatePem, StandardCharsets.US_ASCII));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = new char[0];
            ks.setKeyEntry("client", key, pw, chain.toArray(new Certificate[0]));
            return build(ks, pw, trustManager(caBundlePem));
        } catch (IOException | GeneralSecurityException e) {
            throw new NhsConfigurationException("cannot load the PEM client key or certificate", e);
        }
    }

    /**
     * Server trust only (no client certificate), from a PEM CA bundle.
     *
     * @param caBundlePem the CA certificates to trust
     * @return the configuration
     * @throws NhsConfigurationException when the file cannot be read or parsed
     */
    public static TlsConfig trustingCaBundle(Path caBundlePem) {
        Objects.requireNonNull(caBundlePem, "caBundlePem");
        try {
            X509TrustManager tm = trustManager(caBundlePem);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {tm}, null);
            return new TlsConfig(ctx, tm);
        } catch (IOException | GeneralSecurityException e) {
            throw new NhsConfigurationException("cannot load the CA bundle " + caBundlePem.getFileName(), e);
        }
    }

    private static TlsConfig build(KeyStore keys, char[] password, X509TrustManager tm)
            throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), new TrustManager[] {tm}, null);
        return new TlsConfig(ctx, tm);
    }

    private static X509TrustManager trustManager(Path caBundlePem) throws IOException, GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (caBundlePem == null) {
            tmf.init((KeyStore) null);
        } else {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (X509Certificate c : Pem.certificates(Files.readString(caBundlePem, StandardCharsets.US_ASCII))) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            tmf.init(trust);
        }
        for (TrustManager t : tmf.getTrustManagers()) {
            if (t instanceof X509TrustManager) {
                return (X509TrustManager) t;
            }
        }
        throw new GeneralSecurityException("no X509TrustManager available");
    }

    /**
     * The SSL context.
     *
     * @return the context
     */
    public SSLContext sslContext() {
        return sslContext;
    }

    /**
     * The trust manager the context uses for servers.
     *
     * @return the trust manager
     */
    public X509TrustManager trustManager() {
        return trustManager;
    }

    @Override
    public String toString() {
        return "TlsConfig[protocol=" + sslContext.getProtocol() + "]";
    }
}
