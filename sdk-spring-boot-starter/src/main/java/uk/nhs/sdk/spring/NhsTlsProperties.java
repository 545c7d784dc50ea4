package uk.nhs.sdk.spring;

import uk.nhs.sdk.core.Secret;

/**
 * Mutual-TLS material under {@code nhs.mesh.tls.*}, each item as a PEM file or as PEM text (not
 * both): the client certificate (with any intermediates), its private key, and the CA bundle to
 * trust for the server (the JVM's trust store when unset).
 */
public class NhsTlsProperties {
    /** The PEM file of the client certificate, followed by any intermediates. */
    private String clientCertificateFile;

    /** The client certificate as PEM text, instead of client-certificate-file. */
    private String clientCertificate;

    /** The PEM file of the client certificate's private key (PKCS#8 or PKCS#1, unencrypted). */
    private String clientKeyFile;

    /**
     * The client certificate's private key as PEM text, instead of client-key-file. Set it from
     * the environment: NHS_MESH_TLS_CLIENT_KEY.
     */
    private Secret clientKey;

    /** The PEM file of the CA certificates to trust for the server. */
    private String caBundleFile;

    /** The CA certificates to trust for the server as PEM text, instead of ca-bundle-file. */
    private String caBundle;

    /** Creates the settings with their defaults. */
    public NhsTlsProperties() {
        // defaults are the field initialisers
    }

    /**
     * The client certificate file.
     *
     * @return the path, or {@code null}
     */
    public String getClientCertificateFile() {
        return clientCertificateFile;
    }

    /**
     * Sets the client certificate file.
     *
     * @param clientCertificateFile the path
     */
    public void setClientCertificateFile(String clientCertificateFile) {
        this.clientCertificateFile = clientCertificateFile;
    }

    /**
     * The client certificate as PEM text.
     *
     * @return the PEM text, or {@code null}
     */
    public String getClientCertificate() {
        return clientCertificate;
    }

    /**
     * Sets the client certificate as PEM text.
     *
     * @param clientCertificate the PEM text
     */
    public void setClientCertificate(String clientCertificate) {
        this.clientCertificate = clientCertificate;
    }

    /**
     * The client key file.
     *
     * @return the path, or {@code null}
     */
    public String getClientKeyFile() {
        return clientKeyFile;
    }

    /**
     * Sets the client key file.
     *
     * @param clientKeyFile the path
     */
    public void setClientKeyFile(String clientKeyFile) {
        this.clientKeyFile = clientKeyFile;
    }

    /**
     * The client key as PEM text.
     *
     * @return the key, or {@code null}
     */
    public Secret getClientKey() {
        return clientKey;
    }

    /**
     * Sets the client key as PEM text.
     *
     * @param clientKey the key
     */
    public void setClientKey(Secret clientKey) {
        this.clientKey = clientKey;
    }

    /**
     * The CA bundle file.
     *
     * @return the path, or {@code null}
     */
    public String getCaBundleFile() {
        return caBundleFile;
    }

    /**
     * Sets the CA bundle file.
     *
     * @param caBundleFile the path
     */
    public void setCaBundleFile(String caBundleFile) {
        this.caBundleFile = caBundleFile;
    }

    /**
     * The CA bundle as PEM text.
     *
     * @return the PEM text, or {@code null}
     */
    public String getCaBundle() {
        return caBundle;
    }

    /**
     * Sets the CA bundle as PEM text.
     *
     * @param caBundle the PEM text
     */
    public void setCaBundle(String caBundle) {
        this.caBundle = caBundle;
    }
}
