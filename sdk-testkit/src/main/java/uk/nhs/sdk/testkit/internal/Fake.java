package uk.nhs.sdk.testkit.internal;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.List;
import uk.nhs.sdk.testkit.spi.SandboxFake;

/**
 * One service's fake inside the embedded sandbox: the routes it answers and how it computes a
 * response from a request and its own state. The sandbox routes matching requests to
 * {@link #handle(Request)}, injecting any queued faults around it. A
 * {@link uk.nhs.sdk.testkit.spi.SandboxService} creates it.
 *
 * <p>Implementations are thread-safe: requests arrive on the server's threads concurrently.
 */
public interface Fake extends SandboxFake {
    /**
     * A short unique name.
     *
     * @return for example {@code pds}
     */
    String name();

    /**
     * The requests this fake answers.
     *
     * @return the routes
     */
    List<Route> routes();

    /**
     * Computes the response to a request.
     *
     * @param request the request
     * @return the response
     */
    ResponseDefinition handle(Request request);

    /**
     * Forgets all state and goes back to the seed data.
     */
    @Override
    void reset();

    /**
     * Releases what the fake holds beyond its state, such as threads of its own; the sandbox calls
     * this when it closes. Does nothing unless overridden.
     */
    default void close() {}

    /**
     * A method and a URL path pattern a fake answers.
     *
     * @param method the HTTP method, or {@code ANY}
     * @param pathRegex a regular expression the whole path (without query) must match
     */
    record Route(String method, String pathRegex) {}
}
