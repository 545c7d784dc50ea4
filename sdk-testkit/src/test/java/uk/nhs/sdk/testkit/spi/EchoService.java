package uk.nhs.sdk.testkit.spi;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import uk.nhs.sdk.testkit.internal.Fake;
import uk.nhs.sdk.testkit.internal.FakeResponse;

/**
 * A test service registered only through a test's class loader: {@code /echo/...} answers with
 * the path and how many times the fake was reset.
 */
public final class EchoService implements SandboxService {
    /** The resets of the last fake created, across sandboxes. */
    static final AtomicInteger RESETS = new AtomicInteger();

    /**
     * Creates the provider.
     */
    public EchoService() {}

    @Override
    public String name() {
        return "Echo";
    }

    @Override
    public String basePath() {
        return "/echo";
    }

    @Override
    public int order() {
        return 250;
    }

    @Override
    public SandboxFake create(SandboxServiceContext context) {
        RESETS.set(0);
        return new Fake() {
            @Override
            public String name() {
                return "echo";
            }

            @Override
            public List<Route> routes() {
                return List.of(new Route("GET", "/echo(/.*)?"));
            }

            @Override
            public ResponseDefinition handle(Request request) {
                return FakeResponse.json(
                        200,
                        "{\"path\":\"" + request.getUrl() + "\",\"resets\":" + RESETS.get() + ",\"clock\":\""
                                + context.clock().instant() + "\"}");
            }

            @Override
            public void reset() {
                RESETS.incrementAndGet();
            }
        };
    }
}
