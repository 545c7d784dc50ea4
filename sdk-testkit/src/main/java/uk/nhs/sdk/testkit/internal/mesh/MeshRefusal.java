package uk.nhs.sdk.testkit.internal.mesh;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * Ends the handling of a request with an error response; thrown anywhere inside the fake and
 * turned into the response by {@link MeshFake}.
 */
final class MeshRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ResponseDefinition response;

    MeshRefusal(ResponseDefinition response) {
        super(null, null, false, false);
        this.response = response;
    }

    ResponseDefinition response() {
        return response;
    }
}
