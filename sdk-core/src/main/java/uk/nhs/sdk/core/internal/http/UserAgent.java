package uk.nhs.sdk.core.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The SDK's {@code User-Agent}: {@code nhs-sdk-java/<version> (Java <version>) <application id>}.
 * Internal.
 */
public final class UserAgent {
    private static final String VERSION = readVersion();

    private UserAgent() {}

    /**
     * The SDK version, from the build.
     *
     * @return the version, such as {@code 0.1.0}
     */
    public static String sdkVersion() {
        return VERSION;
    }

    /**
     * Builds the header value.
     *
     * @param applicationId the caller's application id, or {@code null}
     * @return the value
     */
    public static String of(String applicationId) {
        String ua = "nhs-sdk-java/" + VERSION + " (Java " + Runtime.version().feature() + ")";
        return applicationId == null ? ua : ua + " " + applicationId;
    }

    private static String readVersion() {
        try (InputStream in = UserAgent.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
