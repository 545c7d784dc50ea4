package uk.nhs.sdk.identity.oidc;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * An OpenID Connect provider: where its discovery document lives and which rules its sign-ins
 * follow. Use the presets of {@link Cis2} and {@link NhsLogin}, or {@link #discovery(URI)} for any
 * other provider. Immutable.
 *
 * <p>The discovery document (and the JWKS it names) is fetched lazily by {@link OidcClient} and
 * cached for at most an hour; the issuer, endpoints and keys always come from it, never from
 * configuration, so the token endpoint a client assertion names as {@code aud} is exactly the one
 * the provider publishes (CIS2's include {@code :443}).
 */
public final class OidcProvider {
    /** Which rules a provider follows. */
    public enum Kind {
        /** Care Identity Service 2: staff; {@code acr} assurance levels, RBAC claims. */
        CIS2,
        /** NHS login: patients; mandatory {@code state} and {@code nonce}, {@code vtr}/{@code vot}. */
        NHS_LOGIN,
        /** Any other OpenID Connect provider: OIDC Core rules only. */
        GENERIC
    }

    private final String name;
    private final Kind kind;
    private final URI discoveryUrl;

    private OidcProvider(String name, Kind kind, URI discoveryUrl) {
        this.name = name;
        this.kind = kind;
        this.discoveryUrl = discoveryUrl;
    }

    /**
     * Any OpenID Connect provider by its discovery URL, with OIDC Core rules only.
     *
     * @param discoveryUrl the {@code .well-known/openid-configuration} URL
     * @return the provider
     * @throws NhsValidationException when the URL is not absolute http(s)
     */
    public static OidcProvider discovery(URI discoveryUrl) {
        return of("OIDC", Kind.GENERIC, discoveryUrl);
    }

    static OidcProvider of(String name, Kind kind, URI discoveryUrl) {
        Objects.requireNonNull(discoveryUrl, "discoveryUrl");
        String scheme = discoveryUrl.getScheme();
        if (!discoveryUrl.isAbsolute()
                || discoveryUrl.getHost() == null
                || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
            throw new NhsValidationException("discoveryUrl", "must be an absolute http(s) URL");
        }
        if (discoveryUrl.getRawQuery() != null || discoveryUrl.getRawFragment() != null) {
            throw new NhsValidationException("discoveryUrl", "must have no query or fragment");
        }
        return new OidcProvider(name, kind, discoveryUrl);
    }

    /**
     * A short name for logs and messages.
     *
     * @return {@code CIS2}, {@code NHS login} or {@code OIDC}
     */
    public String name() {
        return name;
    }

    /**
     * Which rules this provider's sign-ins follow.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The discovery document's URL.
     *
     * @return the URL
     */
    public URI discoveryUrl() {
        return discoveryUrl;
    }

    /**
     * The scopes an authorization request asks for when the caller names none: CIS2
     * {@code openid nationalrbacaccess} (the roles PDS needs), NHS login {@code openid profile}
     * (NHS number and proofing level), otherwise {@code openid}.
     *
     * @return the default scopes, {@code openid} first
     */
    public List<String> defaultScopes() {
        switch (kind) {
            case CIS2:
                return List.of("openid", "nationalrbacaccess");
            case NHS_LOGIN:
                return List.of("openid", "profile");
            default:
                return List.of("openid");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OidcProvider
                && ((OidcProvider) o).kind == kind
                && ((OidcProvider) o).discoveryUrl.equals(discoveryUrl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, discoveryUrl);
    }

    @Override
    public String toString() {
        return "OidcProvider[" + name + " " + discoveryUrl + "]";
    }
}
