package uk.nhs.sdk.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.file.Path;
import java.util.Map;
import uk.nhs.sdk.testkit.internal.Fake;
import uk.nhs.sdk.testkit.internal.RequestBodySpool;

/**
 * The sandbox's HTTP server: WireMock on loopback, with one stub per route of each fake that hands
 * the request to the fake through the {@link Dispatcher}, and the request body spool in front.
 */
final class SandboxServer {
    /** Bounds the copy of each response WireMock keeps for its (disabled) journal. */
    private static final int LOGGED_RESPONSE_BYTES = 1024;

    private final WireMockServer server;

    /**
     * Starts the server.
     *
     * @param port the port, 0 for a free one
     * @param dataDirectory the sandbox's data directory, whose {@code __files} the server answers body
     *     files from
     * @param bodies the request body spool
     * @param fakes the fakes by service name, in order
     * @param faults the queued faults
     */
    SandboxServer(
            int port, Path dataDirectory, RequestBodySpool bodies, Map<String, Fake> fakes, SandboxFaults faults) {
        WireMockConfiguration config = options()
                .bindAddress("127.0.0.1")
                .port(port)
                .disableRequestJournal()
                .maxLoggedResponseSize(LOGGED_RESPONSE_BYTES)
                .usingFilesUnderDirectory(dataDirectory.toString())
                .httpServerFactory(bodies.serverFactory())
                .gzipDisabled(true)
                .notifier(new ConsoleNotifier(false))
                .extensions(new Dispatcher(Map.copyOf(fakes), faults, dataDirectory), new FaultBodies());
        this.server = new WireMockServer(config);
        server.start();
        fakes.forEach((name, fake) -> {
            for (Fake.Route r : fake.routes()) {
                server.stubFor(request(r.method(), urlPathMatching(r.pathRegex()))
                        .willReturn(aResponse()
                                .withTransformers(Dispatcher.NAME)
                                .withTransformerParameter(Dispatcher.FAKE_PARAMETER, name)));
            }
        });
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    int port() {
        return server.port();
    }

    /**
     * Stops the server.
     */
    void stop() {
        server.stop();
    }
}
