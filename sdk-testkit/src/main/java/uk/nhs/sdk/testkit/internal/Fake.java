package uk.nhs.sdk.testkit.internal;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Extension;
import java.util.List;

/**
 * One service's fake inside the embedded sandbox: the WireMock extensions that compute its
 * responses from its own state, and the stub mappings that route its paths to them.
 */
public interface Fake {
    /**
     * A short unique name, also used as the name of the fake's response transformer.
     *
     * @return for example {@code pds}
     */
    String name();

    /**
     * The WireMock extensions to register when the server is created.
     *
     * @return the extensions, usually one response transformer
     */
    List<Extension> extensions();

    /**
     * Registers the stub mappings that route this service's paths to the fake, on a started
     * server.
     *
     * @param server the running server
     */
    void register(WireMockServer server);

    /**
     * Forgets all state and goes back to the seed data.
     */
    void reset();
}
