package uk.nhs.sdk.testkit.internal;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.nio.charset.StandardCharsets;

/**
 * Small helpers for the responses fakes compute.
 */
public final class FakeResponse {
    /**
     * Marker header on a response definition: send its body gzipped on the fly at this
     * compression level (1 to 9), streamed, without a {@code Content-Length}. The server removes
     * the header before sending.
     */
    public static final String GZIP_BODY = "X-NHS-Sandbox-Gzip-Body";

    private FakeResponse() {}

    /**
     * A JSON response.
     *
     * @param status the status
     * @param contentType the media type, such as {@code application/fhir+json}
     * @param json the body
     * @return a builder, to add headers to
     */
    public static ResponseDefinitionBuilder json(int status, String contentType, String json) {
        return new ResponseDefinitionBuilder()
                .withStatus(status)
                .withHeader("Content-Type", contentType)
                .withBody(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A JSON response built.
     *
     * @param status the status
     * @param json the body, sent as {@code application/json}
     * @return the response
     */
    public static ResponseDefinition json(int status, String json) {
        return json(status, "application/json", json).build();
    }
}
