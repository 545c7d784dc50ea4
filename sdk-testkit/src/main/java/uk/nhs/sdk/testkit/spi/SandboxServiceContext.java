package uk.nhs.sdk.testkit.spi;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * What one sandbox gives the fakes it creates: its clock, its base URL, a directory for files and
 * the state its fakes share.
 */
public interface SandboxServiceContext {
    /**
     * The sandbox clock: token expiry, timestamps a fake writes and checks.
     *
     * @return the clock
     */
    Clock clock();

    /**
     * The sandbox's root URL; known once the server has started, so a fake asks for it while
     * handling a request, not while being created.
     *
     * @return for example {@code http://127.0.0.1:54321}, with no trailing slash
     * @throws IllegalStateException before the server has started
     */
    URI baseUrl();

    /**
     * A directory for the fakes' files, deleted when the sandbox closes.
     *
     * @return the directory, which exists
     */
    Path dataDirectory();

    /**
     * State the fakes of this sandbox share, one instance per type, such as the access tokens the
     * OAuth2 fake issues and the API fakes check: the instance registered for the type, else the
     * one {@code create} makes, which is registered for the next callers.
     *
     * @param type the state's type
     * @param create makes the state when none is registered yet
     * @param <T> the state's type
     * @return the shared instance
     */
    <T> T shared(Class<T> type, Supplier<? extends T> create);
}
