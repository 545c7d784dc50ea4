package uk.nhs.sdk.identity.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.http.NhsResponse;

/**
 * A provider's discovery document and JWKS, fetched lazily and cached for at most the TTL; an
 * unknown {@code kid} refetches the JWKS at most once a minute. A failed fetch of either is not
 * repeated for a minute (callers get the same failure at once), so an outage at the provider and
 * a stream of callbacks cannot make the client hammer it. Thread-safe. Internal.
 */
final class ProviderMetadata {
    private static final Logger LOG = LoggerFactory.getLogger("uk.nhs.sdk.oidc");
    static final Duration JWKS_REFETCH_INTERVAL = Duration.ofMinutes(1);

    private final OidcProvider provider;
    private final OidcHttp http;
    private final Clock clock;
    private final Duration ttl;

    // guarded by this
    private Discovery discovery;
    private Instant discoveryAt;
    private JWKSet jwks;
    private Instant jwksAt;
    private Instant lastJwksFetch;
    private OidcDiscoveryException jwksFailure;
    private OidcDiscoveryException discoveryFailure;
    private Instant discoveryFailedAt;

    ProviderMetadata(OidcProvider provider, OidcHttp http, Clock clock, Duration ttl) {
        this.provider = provider;
        this.http = http;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The discovery document, fetched when absent or older than the TTL. */
    synchronized Discovery discovery() {
        Instant now = clock.instant();
        if (discovery == null || !now.isBefore(discoveryAt.plus(ttl))) {
            if (discoveryFailure != null && now.isBefore(discoveryFailedAt.plus(JWKS_REFETCH_INTERVAL))) {
                throw discoveryFailure;
            }
            try {
                discovery = fetchDiscovery();
            } catch (OidcDiscoveryException e) {
                discoveryFailure = e;
                discoveryFailedAt = now;
                throw e;
            }
            discoveryAt = now;
            discoveryFailure = null;
        }
        return discovery;
    }

    /**
     * The key with this {@code kid} (or, when the token has no {@code kid}, the provider's only
     * key): from the cached JWKS, else after one refetch if the last fetch was over a minute ago.
     */
    synchronized Optional<JWK> key(String kid) {
        Instant now = clock.instant();
        Discovery d = discovery();
        if (jwks == null || !now.isBefore(jwksAt.plus(ttl))) {
            refetch(d, now);
        }
        Optional<JWK> k = find(kid);
        if (k.isEmpty() && (lastJwksFetch == null || !now.isBefore(lastJwksFetch.plus(JWKS_REFETCH_INTERVAL)))) {
            LOG.debug("{}: no key with the token's kid in the cached JWKS; fetching the JWKS again", provider.name());
            refetch(d, now);
            k = find(kid);
        }
        return k;
    }

    private void refetch(Discovery d, Instant now) {
        if (jwksFailure != null && now.isBefore(lastJwksFetch.plus(JWKS_REFETCH_INTERVAL))) {
            throw jwksFailure;
        }
        lastJwksFetch = now;
        try {
            jwks = fetchJwks(d.jwksUri);
        } catch (OidcDiscoveryException e) {
            jwksFailure = e;
            throw e;
        }
        jwksAt = now;
        jwksFailure = null;
    }

    private Optional<JWK> find(String kid) {
        if (jwks == null) {
            return Optional.empty();
        }
        if (kid == null) {
            List<JWK> keys = jwks.getKeys();
            return keys.size() == 1 ? Optional.of(keys.get(0)) : Optional.empty();
        }
        return Optional.ofNullable(jwks.getKeyByKeyId(kid));
    }

    private Discovery fetchDiscovery() {
        JsonNode doc;
        CallDetails details;
        try (NhsResponse r = http.get(provider.discoveryUrl(), null)) {
            details = r.details();
            try {
                doc = OidcHttp.json(r);
            } catch (IOException | RuntimeException e) {
                throw malformed("is not JSON", details);
            }
        } catch (OidcDiscoveryException e) {
            throw e;
        } catch (NhsSdkException e) {
            throw new OidcDiscoveryException(
                    OidcDiscoveryException.Reason.UNREACHABLE,
                    provider.name() + ": cannot fetch the discovery document",
                    e.details(),
                    e);
        }
        if (doc == null || !doc.isObject()) {
            throw malformed("is not a JSON object", details);
        }
        String issuer = text(doc, "issuer", details);
        URI authorization = url(doc, "authorization_endpoint", details);
        URI token = url(doc, "token_endpoint", details);
        URI jwksUri = url(doc, "jwks_uri", details);
        URI userinfo = doc.hasNonNull("userinfo_endpoint") ? url(doc, "userinfo_endpoint", details) : null;
        String tokenText = doc.get("token_endpoint").asText();
        List<String> pkce = new ArrayList<>();
        JsonNode methods = doc.get("code_challenge_methods_supported");
        if (methods != null && methods.isArray()) {
            methods.forEach(m -> pkce.add(m.asText()));
        }
        return new Discovery(issuer, authorization, token, tokenText, jwksUri, userinfo, pkce.contains("S256"));
    }

    private JWKSet fetchJwks(URI jwksUri) {
        try (NhsResponse r = http.get(jwksUri, null)) {
            try {
                return JWKSet.parse(new String(r.body(), StandardCharsets.UTF_8));
            } catch (ParseException | RuntimeException e) {
                throw new OidcDiscoveryException(
                        OidcDiscoveryException.Reason.MALFORMED,
                        provider.name() + ": the JWKS is not a JSON Web Key Set"
                                + r.details().describe(),
                        r.details(),
                        null);
            }
        } catch (OidcDiscoveryException e) {
            throw e;
        } catch (NhsSdkException e) {
            throw new OidcDiscoveryException(
                    OidcDiscoveryException.Reason.UNREACHABLE,
                    provider.name() + ": cannot fetch the JWKS",
                    e.details(),
                    e);
        }
    }

    private OidcDiscoveryException malformed(String what, CallDetails details) {
        return new OidcDiscoveryException(
                OidcDiscoveryException.Reason.MALFORMED,
                provider.name() + ": the discovery document " + what + details.describe(),
                details,
                null);
    }

    private String text(JsonNode doc, String name, CallDetails details) {
        JsonNode n = doc.get(name);
        if (n == null || !n.isTextual() || n.asText().isEmpty() || n.asText().length() > 2048) {
            throw malformed("has no usable " + name, details);
        }
        return n.asText();
    }

    private URI url(JsonNode doc, String name, CallDetails details) {
        String t = text(doc, name, details);
        URI u;
        try {
            u = new URI(t);
        } catch (java.net.URISyntaxException e) {
            throw malformed("has an invalid " + name, details);
        }
        String scheme = u.getScheme();
        boolean https = "https".equalsIgnoreCase(scheme);
        boolean http = "http".equalsIgnoreCase(scheme);
        if (!u.isAbsolute()
                || u.getHost() == null
                || !(https || http && RedirectUris.loopback(u.getHost()))
                || u.getRawFragment() != null) {
            throw malformed("has an invalid " + name + " (absolute https URL expected)", details);
        }
        return u;
    }

    /** The members of a discovery document the SDK uses. */
    static final class Discovery {
        final String issuer;
        final URI authorizationEndpoint;
        final URI tokenEndpoint;
        /** The token endpoint exactly as published: the client assertion's {@code aud}. */
        final String tokenEndpointText;

        final URI jwksUri;
        final URI userinfoEndpoint;
        final boolean pkceS256;

        Discovery(
                String issuer,
                URI authorizationEndpoint,
                URI tokenEndpoint,
                String tokenEndpointText,
                URI jwksUri,
                URI userinfoEndpoint,
                boolean pkceS256) {
            this.issuer = issuer;
            this.authorizationEndpoint = authorizationEndpoint;
            this.tokenEndpoint = tokenEndpoint;
            this.tokenEndpointText = tokenEndpointText;
            this.jwksUri = jwksUri;
            this.userinfoEndpoint = userinfoEndpoint;
            this.pkceS256 = pkceS256;
        }
    }
}
