package uk.nhs.sdk.messaging.mesh.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The SDK version this module was built as, for MESH's {@code mex-ClientVersion}: read from the
 * module's own {@code version.properties} (filtered by the build), else the jar manifest's
 * {@code Implementation-Version}, else {@code "unknown"}. One place to swap for a public core
 * version accessor.
 */
public final class SdkVersion {
    private static final String VERSION = read();

    private SdkVersion() {
    }

    /**
     * The version.
     *
     * @return such as {@code 0.1.0}, or {@code unknown}
     */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = SdkVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank() && !v.startsWith("${")) {
                    return v.strip();
                }
            }
        } catch (IOException e) {
            // fall back below
        }
        String manifest = SdkVersion.class.getPackage().getImplementationVersion();
        return manifest == null || manifest.isBlank() ? "unknown" : manifest.strip();
    }
}
