package uk.nhs.sdk.spring;

import org.springframework.boot.context.properties.NestedConfigurationProperty;
import uk.nhs.sdk.core.Secret;

/**
 * The MESH client under {@code nhs.mesh.*}: mailbox, its password, the environment's shared key
 * and the mutual-TLS material.
 */
public class NhsMeshProperties extends NhsServiceProperties {
    /** The MESH mailbox id, such as X26ABC1 (required). */
    private String mailbox;

    /** The mailbox password (required). Set it from the environment: NHS_MESH_PASSWORD. */
    private Secret password;

    /**
     * The environment's MESH shared key, issued at onboarding (required). Set it from the
     * environment: NHS_MESH_SHARED_KEY.
     */
    private Secret sharedKey;

    /** The mutual-TLS material: the client certificate, its key and the CA bundle to trust. */
    @NestedConfigurationProperty
    private final NhsTlsProperties tls = new NhsTlsProperties();

    /** Creates the settings with their defaults. */
    public NhsMeshProperties() {
        // defaults are the field initialisers
    }

    /**
     * The mailbox id.
     *
     * @return the id, or {@code null} when not set
     */
    public String getMailbox() {
        return mailbox;
    }

    /**
     * Sets the mailbox id.
     *
     * @param mailbox the id
     */
    public void setMailbox(String mailbox) {
        this.mailbox = mailbox;
    }

    /**
     * The mailbox password.
     *
     * @return the password, or {@code null} when not set
     */
    public Secret getPassword() {
        return password;
    }

    /**
     * Sets the mailbox password.
     *
     * @param password the password
     */
    public void setPassword(Secret password) {
        this.password = password;
    }

    /**
     * The shared key.
     *
     * @return the key, or {@code null} when not set
     */
    public Secret getSharedKey() {
        return sharedKey;
    }

    /**
     * Sets the shared key.
     *
     * @param sharedKey the key
     */
    public void setSharedKey(Secret sharedKey) {
        this.sharedKey = sharedKey;
    }

    /**
     * The mutual-TLS material.
     *
     * @return the TLS settings
     */
    public NhsTlsProperties getTls() {
        return tls;
    }
}
