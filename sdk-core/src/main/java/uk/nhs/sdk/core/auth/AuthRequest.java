package uk.nhs.sdk.core.auth;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * The attempt an {@link AuthProvider} is asked to authenticate.
 */
public interface AuthRequest {
    /**
     * The HTTP method.
     *
     * @return the method
     */
    String method();

    /**
     * The full URL of this attempt.
     *
     * @return the URL
     */
    URI url();

    /**
     * The call's {@code X-Request-ID}.
     *
     * @return the request id
     */
    String requestId();

    /**
     * The attempt number, from 1.
     *
     * @return the attempt
     */
    int attempt();

    /**
     * Sets a header on this attempt, replacing any of the same name.
     *
     * @param name the header name, an HTTP token
     * @param value the value: visible ASCII and spaces, at most 8,192 characters
     * @throws uk.nhs.sdk.core.error.NhsValidationException when the name or value cannot be sent
     */
    void header(String name, String value);

    /**
     * The value of a header already set on this attempt, such as the credentials
     * {@link AuthProvider#authenticate(AuthRequest)} set, so that
     * {@link AuthProvider#refreshAfterUnauthorized(AuthRequest)} can tell which credentials were
     * refused without keeping state per attempt.
     *
     * @param name the header name, any case
     * @return the value, if set; empty when the implementation does not expose headers
     */
    default Optional<String> header(String name) {
        return Optional.empty();
    }

    /**
     * When the call this attempt belongs to must end. A provider that has to wait (for a token
     * another thread is fetching) waits no longer than this.
     *
     * @return the call's deadline; empty when the implementation does not know it
     */
    default Optional<Instant> deadline() {
        return Optional.empty();
    }

    /**
     * Tells the pipeline that this provider fetched (or failed to fetch) a token while
     * authenticating this attempt, for the client's {@link uk.nhs.sdk.core.http.PipelineEvents}
     * listeners (token-fetch metrics). Providers that fetch tokens call it once per fetch they
     * ran themselves, not when they waited for another caller's fetch.
     *
     * @param provider the provider's name, a fixed string such as {@code OAuth2 token}: never a
     *     client id, URL or token
     * @param success whether a token was obtained
     * @param took how long the fetch took
     */
    default void reportTokenFetch(String provider, boolean success, java.time.Duration took) {}
}
