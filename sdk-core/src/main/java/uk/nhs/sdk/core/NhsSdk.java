package uk.nhs.sdk.core;

import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.internal.http.UserAgent;

/**
 * Facts about this SDK build, for headers that name the client (MESH's {@code mex-ClientVersion},
 * a service's {@code User-Agent}).
 */
public final class NhsSdk {
    private NhsSdk() {}

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
     * @param applicationId the caller's application id, or {@code null}: 1 to 64 of
     *     {@code A-Z a-z 0-9 . _ / -}, as {@link NhsClientOptions.Builder#applicationId} accepts
     * @return the header value
     * @throws NhsValidationException when the application id breaks that rule
     *     (it could not be sent in a header)
     */
    public static String userAgent(String applicationId) {
        if (applicationId != null && !applicationId.matches("[A-Za-z0-9._/-]{1,64}")) {
            throw new NhsValidationException("applicationId", "must be 1-64 of A-Z a-z 0-9 . _ / -");
        }
        return UserAgent.of(applicationId);
    }
}
