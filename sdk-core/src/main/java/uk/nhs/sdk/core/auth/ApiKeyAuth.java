package uk.nhs.sdk.core.auth;

import java.util.Objects;
import uk.nhs.sdk.core.Secret;

/**
 * API Platform API-key authentication: the {@code apikey} header on each request. Only for APIs
 * that accept it (not PDS).
 */
public final class ApiKeyAuth implements AuthProvider {
    private final Secret apiKey;

    private ApiKeyAuth(Secret apiKey) {
        this.apiKey = apiKey;
    }

    /**
     * Creates the provider.
     *
     * @param apiKey the application's API key for the environment
     * @return the provider
     */
    public static ApiKeyAuth of(Secret apiKey) {
        return new ApiKeyAuth(Objects.requireNonNull(apiKey, "apiKey"));
    }

    @Override
    public void authenticate(AuthRequest request) {
        request.header("apikey", apiKey.reveal());
    }

    @Override
    public String toString() {
        return "ApiKeyAuth[***]";
    }
}
