package uk.nhs.sdk.spring.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.http.TlsConfig;
import uk.nhs.sdk.spring.NhsPropertyException;
import uk.nhs.sdk.spring.NhsTlsProperties;

/** Turns {@code nhs.mesh.tls.*} into the SDK's {@link TlsConfig}. */
final class MeshTls {
    private static final String PREFIX = "nhs.mesh.tls.";

    private MeshTls() {}

    static Optional<TlsConfig> of(NhsTlsProperties tls) {
        List<Path> temporary = new ArrayList<>();
        try {
            Path cert =
                    file(tls.getClientCertificateFile(), tls.getClientCertificate(), "client-certificate", temporary);
            Path key = file(
                    tls.getClientKeyFile(),
                    tls.getClientKey() == null ? null : tls.getClientKey().reveal(),
                    "client-key",
                    temporary);
            Path ca = file(tls.getCaBundleFile(), tls.getCaBundle(), "ca-bundle", temporary);
            if (cert != null && key == null) {
                throw new NhsPropertyException(
                        PREFIX + "client-key",
                        "is required with a client certificate",
                        "Set " + PREFIX + "client-key-file (or " + PREFIX
                                + "client-key) to the certificate's private key.");
            }
            if (key != null && cert == null) {
                throw new NhsPropertyException(
                        PREFIX + "client-certificate",
                        "is required with a client key",
                        "Set " + PREFIX + "client-certificate-file (or " + PREFIX + "client-certificate).");
            }
            try {
                if (cert != null) {
                    return Optional.of(TlsConfig.fromPem(key, cert, ca));
                }
                if (ca != null) {
                    return Optional.of(TlsConfig.trustingCaBundle(ca));
                }
                return Optional.empty();
            } catch (NhsSdkException e) {
                String property = cert != null ? PREFIX + "client-key" : PREFIX + "ca-bundle";
                throw new NhsPropertyException(
                        property,
                        "cannot be read as PEM (the client key, certificate or CA bundle)",
                        "Check " + PREFIX
                                + "client-key, client-certificate and ca-bundle (or their -file forms) hold PEM.");
            }
        } finally {
            for (Path p : temporary) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    p.toFile().deleteOnExit();
                }
            }
        }
    }

    private static Path file(String file, String pem, String name, List<Path> temporary) {
        boolean hasFile = !NhsSettings.isBlank(file);
        boolean hasPem = pem != null && !pem.isBlank();
        if (hasFile && hasPem) {
            throw new NhsPropertyException(
                    PREFIX + name,
                    "is set together with " + PREFIX + name + "-file",
                    "Set only one of " + PREFIX + name + " and " + PREFIX + name + "-file.");
        }
        if (hasFile) {
            Path p = Path.of(file);
            if (!Files.isReadable(p)) {
                throw new NhsPropertyException(
                        PREFIX + name + "-file",
                        "names a file that cannot be read",
                        "Set " + PREFIX + name + "-file to a readable PEM file.");
            }
            return p;
        }
        if (hasPem) {
            try {
                Path p = NhsSettings.pemFile(pem);
                temporary.add(p);
                return p;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stage " + PREFIX + name + " for loading", e);
            }
        }
        return null;
    }
}
