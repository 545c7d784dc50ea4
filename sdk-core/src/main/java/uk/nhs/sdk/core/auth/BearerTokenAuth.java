package uk.nhs.sdk.core.auth;

import java.util.Objects;
import java.util.function.Supplier;
import uk.nhs.sdk.core.Secret;

/**
 * A bearer token the application supplies, such as a user-restricted CIS2 or NHS login access
 * token. The supplier is asked on every attempt, so it can hand out a refreshed token.
 */
public final class BearerTokenAuth implements AuthProvider {
    private final Supplier<Secret> tokens;

    private BearerTokenAuth(Supplier<Secret> tokens) {
        this.tokens = tokens;
    }

    /**
     * Creates the provider.
     *
     * @param tokens supplies the current access token
     * @return the provider
     */
    public static BearerTokenAuth of(Supplier<Secret> tokens) {
        return new BearerTokenAuth(Objects.requireNonNull(tokens, "tokens"));
    }

    @Override
    public void authenticate(AuthRequest request) {
        Secret token = Objects.requireNonNull(tokens.get(), "the token supplier returned null");
        request.header("Authorization", "Bearer " + token.reveal());
    }

    @Override
    public String toString() {
        return "BearerTokenAuth[***]";
    }
}
