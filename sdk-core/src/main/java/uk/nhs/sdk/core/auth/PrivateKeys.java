package uk.nhs.sdk.core.auth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Objects;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.internal.pem.Pem;

/**
 * Loads the RSA private key an application signs its API Platform client assertions with.
 */
public final class PrivateKeys {
    private PrivateKeys() {}

    /**
     * Reads an RSA key from PEM text ({@code PRIVATE KEY}, PKCS#8, or {@code RSA PRIVATE KEY},
     * PKCS#1; unencrypted).
     *
     * @param pem the PEM text
     * @return the key
     * @throws NhsConfigurationException when the text holds no readable RSA key
     */
    public static RSAPrivateKey fromPem(String pem) {
        Objects.requireNonNull(pem, "pem");
        try {
            PrivateKey key = Pem.privateKey(pem);
            if (!(key instanceof RSAPrivateKey)) {
                throw new NhsConfigurationException("the private key is not an RSA key (RS512 needs RSA)");
            }
            return (RSAPrivateKey) key;
        } catch (GeneralSecurityException e) {
            throw new NhsConfigurationException("cannot read the PEM private key: " + e.getMessage(), e);
        }
    }

    /**
     * Reads an RSA key from a PEM file.
     *
     * @param file the file
     * @return the key
     * @throws NhsConfigurationException when the file cannot be read or holds no RSA key
     */
    public static RSAPrivateKey fromPem(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            return fromPem(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new NhsConfigurationException("cannot read the private key file " + file.getFileName(), e);
        }
    }

    /**
     * Reads an RSA key from a PKCS#12 keystore.
     *
     * @param file the keystore
     * @param password the keystore and key password
     * @param alias the key's alias, or {@code null} for the first key entry
     * @return the key
     * @throws NhsConfigurationException when the keystore cannot be read or holds no RSA key
     */
    public static RSAPrivateKey fromPkcs12(Path file, Secret password, String alias) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(password, "password");
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            char[] pw = password.reveal().toCharArray();
            ks.load(in, pw);
            String name = alias;
            if (name == null) {
                for (String a : java.util.Collections.list(ks.aliases())) {
                    if (ks.isKeyEntry(a)) {
                        name = a;
                        break;
                    }
                }
            }
            Key key = name == null ? null : ks.getKey(name, pw);
            if (!(key instanceof RSAPrivateKey)) {
                throw new NhsConfigurationException("the keystore " + file.getFileName() + " holds no RSA private key"
                        + (alias == null ? "" : " under that alias"));
            }
            return (RSAPrivateKey) key;
        } catch (IOException | GeneralSecurityException e) {
            throw new NhsConfigurationException("cannot read the PKCS#12 keystore " + file.getFileName(), e);
        }
    }

    /**
     * Derives the public key of a private key that carries its CRT parameters (keys read from
     * PEM or PKCS#12 do), for publishing in a JWKS.
     *
     * @param privateKey the private key
     * @return the matching public key
     * @throws NhsConfigurationException when the key has no public exponent
     */
    public static RSAPublicKey publicKeyOf(RSAPrivateKey privateKey) {
        if (!(privateKey instanceof RSAPrivateCrtKey)) {
            throw new NhsConfigurationException("the private key carries no public exponent; supply the public key");
        }
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) privateKey;
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new NhsConfigurationException("cannot derive the public key", e);
        }
    }
}
