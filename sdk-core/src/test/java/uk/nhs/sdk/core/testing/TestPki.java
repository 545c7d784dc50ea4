package uk.nhs.sdk.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Fresh keys and certificates for mutual-TLS tests, made by the JDK's {@code keytool} in a
 * directory: a server key and certificate for {@code 127.0.0.1}/{@code localhost}
 * ({@code server.p12}, and {@code server-ca.pem} to trust it), a client key and certificate
 * ({@code client.p12}, {@code client-cert.pem}, {@code client-key.pem} as PKCS#8 PEM), and the
 * server's trust store holding the client certificate ({@code server-trust.p12}). Every store
 * uses {@link #password()}.
 */
public final class TestPki {
    private final Path dir;
    private final String password;

    private TestPki(Path dir, String password) {
        this.dir = dir;
        this.password = password;
    }

    /**
     * Makes the keys and certificates.
     *
     * @param dir an empty directory
     * @param password the password of every store (registered with {@link LogGuard#forbid})
     * @param clientCommonName the client certificate's CN, such as MESH's
     *     {@code X26ABC1.X26.api.mesh-client.nhs.uk}
     * @return the files
     * @throws IOException when keytool fails
     */
    public static TestPki create(Path dir, String password, String clientCommonName) throws IOException {
        LogGuard.forbid(password);
        TestPki pki = new TestPki(dir, password);
        pki.keytool(
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                pki.file("server.p12"),
                "-storepass",
                password,
                "-keypass",
                password);
        pki.keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "server",
                "-keystore",
                pki.file("server.p12"),
                "-storepass",
                password,
                "-file",
                pki.file("server-ca.pem"));
        pki.keytool(
                "-genkeypair",
                "-alias",
                "client",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=" + clientCommonName,
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                pki.file("client.p12"),
                "-storepass",
                password,
                "-keypass",
                password);
        pki.keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "client",
                "-keystore",
                pki.file("client.p12"),
                "-storepass",
                password,
                "-file",
                pki.file("client-cert.pem"));
        pki.keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "client",
                "-file",
                pki.file("client-cert.pem"),
                "-storetype",
                "PKCS12",
                "-keystore",
                pki.file("server-trust.p12"),
                "-storepass",
                password);
        pki.writeClientKeyPem();
        return pki;
    }

    /**
     * A file of the set.
     *
     * @param name such as {@code client.p12}
     * @return its path
     */
    public Path path(String name) {
        return dir.resolve(name);
    }

    /**
     * The password of every store.
     *
     * @return the password
     */
    public String password() {
        return password;
    }

    private String file(String name) {
        return path(name).toString();
    }

    private void keytool(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool failed: " + new String(out, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for keytool", e);
        }
    }

    private void writeClientKeyPem() throws IOException {
        try (InputStream in = Files.newInputStream(path("client.p12"))) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password.toCharArray());
            Key key = ks.getKey("client", password.toCharArray());
            Files.writeString(
                    path("client-key.pem"),
                    "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getEncoded())
                            + "\n-----END PRIVATE KEY-----\n");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the client key", e);
        }
    }
}
