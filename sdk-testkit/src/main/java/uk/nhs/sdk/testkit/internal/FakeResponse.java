package uk.nhs.sdk.testkit.internal;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.nio.charset.StandardCharsets;

/**
 * Small helpers for the responses fakes compute.
 */
public final class FakeResponse {
    private FakeResponse() {
    }

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
