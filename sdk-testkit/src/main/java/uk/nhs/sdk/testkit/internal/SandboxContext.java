package uk.nhs.sdk.testkit.internal;

import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What every fake of one sandbox shares: the clock, the sandbox's base URL once the server has
 * started, and the access tokens the OAuth2 fake issued (so API fakes can check bearer tokens).
 */
public final class SandboxContext {
    private final Clock clock;
    private final AccessTokens accessTokens;
    private final Supplier<URI> baseUrl;

    /**
     * Creates the context.
     *
     * @param clock the sandbox clock
     * @param baseUrl gives the sandbox's base URL once it has started
     */
    public SandboxContext(Clock clock, Supplier<URI> baseUrl) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.accessTokens = new AccessTokens(clock);
    }

    /**
     * The sandbox clock: token expiry, assertion checks and any timestamps a fake writes.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * The access tokens issued by the sandbox's OAuth2 fake.
     *
     * @return the token store
     */
    public AccessTokens accessTokens() {
        return accessTokens;
    }

    /**
     * The sandbox's base URL, such as {@code http://localhost:54321}.
     *
     * @return the base URL, with no trailing slash
     */
    public URI baseUrl() {
        return baseUrl.get();
    }
}
