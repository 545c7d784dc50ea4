package uk.nhs.sdk.testkit.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import uk.nhs.sdk.testkit.spi.SandboxServiceContext;

/**
 * The sandbox's implementation of {@link SandboxServiceContext}: the clock, the base URL once the
 * server has started, the data directory and the state fakes share (such as the access tokens the
 * OAuth2 fake issued, so API fakes can check bearer tokens).
 */
public final class SandboxContext implements SandboxServiceContext {
    /** The directory, under the data directory, the server answers body files from. */
    public static final String BODY_FILES = "__files";

    private final Clock clock;
    private final Supplier<Optional<URI>> baseUrl;
    private final Path dataDirectory;
    private final Map<Class<?>, Object> shared = new ConcurrentHashMap<>();

    /**
     * Creates the context.
     *
     * @param clock the sandbox clock
     * @param baseUrl gives the sandbox's base URL once it has started, empty before
     * @param dataDirectory the sandbox's data directory
     */
    public SandboxContext(Clock clock, Supplier<Optional<URI>> baseUrl, Path dataDirectory) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
    }

    /**
     * The sandbox's own context behind the interface a provider was given: every context a
     * sandbox passes to its providers is one.
     *
     * @param context the context a provider was given
     * @return the same context
     * @throws IllegalArgumentException when the context is not a sandbox's
     */
    public static SandboxContext of(SandboxServiceContext context) {
        if (context instanceof SandboxContext) {
            return (SandboxContext) context;
        }
        throw new IllegalArgumentException("the context was not made by an NhsSandbox");
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public URI baseUrl() {
        return baseUrl.get().orElseThrow(() -> new IllegalStateException("the sandbox has not started"));
    }

    @Override
    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public <T> T shared(Class<T> type, Supplier<? extends T> create) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(create, "create");
        return type.cast(shared.computeIfAbsent(type, t -> Objects.requireNonNull(create.get(), "created state")));
    }

    /**
     * The access tokens issued by the sandbox's OAuth2 fake.
     *
     * @return the token store
     */
    public AccessTokens accessTokens() {
        return shared(AccessTokens.class, () -> new AccessTokens(clock));
    }

    /**
     * The raw request bodies of the paths fakes asked to spool.
     *
     * @return the spool
     */
    public RequestBodySpool requestBodies() {
        return shared(RequestBodySpool.class, () -> new RequestBodySpool(dataDirectory.resolve("requests")));
    }

    /**
     * A directory the server answers body files from, for a fake that answers with files.
     *
     * @param name the directory's name, such as {@code mesh}
     * @return the directory under the data directory; a response names a file in it as
     *     {@code name + "/" + fileName}
     */
    public Path bodyFileDirectory(String name) {
        return dataDirectory.resolve(BODY_FILES).resolve(name);
    }
}
