package uk.nhs.sdk.core;

import uk.nhs.sdk.core.internal.http.UserAgent;

/**
 * Facts about this SDK build, for headers that name the client (MESH's {@code mex-ClientVersion},
 * a service's {@code User-Agent}).
 */
public final class NhsSdk {
    private NhsSdk() {
    }

    /**
     * The SDK's version, from the build.
     *
     * @return such as {@code 0.1.0}, or {@code unknown} when the build recorded none
     */
    public static String version() {
        return UserAgent.sdkVersion();
    }

    /**
     * The {@code User-Agent} the SDK sends: {@code nhs-sdk-java/<version> (Java <feature>)},
     * followed by the caller's application id when one is set.
     *
     * @param applicationId the caller's application id, or {@code null}
     * @return the header value
     */
    public static String userAgent(String applicationId) {
        return UserAgent.of(applicationId);
    }
}
