package uk.nhs.sdk.testkit;

import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import uk.nhs.sdk.testkit.internal.oidc.IdentityProviders;
import uk.nhs.sdk.testkit.internal.oidc.OidcProvider;
import uk.nhs.sdk.testkit.internal.oidc.TestUser;

/**
 * One of the sandbox's fake identity providers, CIS2 ({@link NhsSandbox#cis2()}) or NHS login
 * ({@link NhsSandbox#nhsLogin()}): where its discovery document is, its issuer, the relying party
 * the sandbox registered with it, and the test hooks (which test user signs in next, key
 * rotation).
 *
 * <p>Its authorization endpoint signs the chosen test user in at once and redirects with a code,
 * so a flow runs unattended. Test users: CIS2 {@code 555254240100} (the default; smartcard,
 * {@code acr} {@code AAL3_ANY}) and {@code 555254240101} ({@code AAL2_ANY}), each with a role and
 * an organisation; NHS login {@code p9} (the default; P9, NHS number 9000000009), {@code p5} (P5,
 * 9000000017) and {@code p0} (P0, no NHS number), NHS numbers of the PDS fake's records.
 *
 * <p>Like the real CIS2 and NHS login, it redirects only to a redirect URI the client registered:
 * exactly, except that a loopback {@code http://127.0.0.1/path} also matches that URI at any port
 * (RFC 8252 §7.3), for a command-line tool's listener on a free port. Any other
 * {@code redirect_uri} gets a 400 error page, never a redirect. The sandbox's own relying party
 * ({@link #client()}) comes registered with {@link #DEFAULT_REDIRECT_URI}; register more with
 * {@link #registerRedirectUri(String, URI)}.
 */
public final class SandboxIdentityProvider {
    /**
     * The redirect URI registered for {@link #client()}: {@code http://127.0.0.1/callback}, which
     * matches {@code http://127.0.0.1:<any port>/callback}.
     */
    public static final URI DEFAULT_REDIRECT_URI = URI.create("http://127.0.0.1/callback");

    private final OidcProvider provider;
    private final SandboxOidcClient client;

    SandboxIdentityProvider(OidcProvider provider, String clientId) {
        this.provider = Objects.requireNonNull(provider, "provider");
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair kp = g.generateKeyPair();
            this.client = new SandboxOidcClient(
                    clientId, "sandbox-rp-1", (RSAPrivateKey) kp.getPrivate(), (RSAPublicKey) kp.getPublic());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available in this JVM", e);
        }
        registerClient(client.clientId(), client.keyId(), client.publicKey());
        registerRedirectUri(client.clientId(), DEFAULT_REDIRECT_URI);
    }

    /**
     * The discovery document's URL, what an OIDC client is configured with.
     *
     * @return for example {@code http://127.0.0.1:54321/nhs-login/.well-known/openid-configuration}
     */
    public URI discoveryUrl() {
        return URI.create(provider.baseUrl() + "/.well-known/openid-configuration");
    }

    /**
     * The issuer the discovery document names and ID tokens carry. CIS2's is spelled differently
     * from its URL ({@code localhost} for {@code 127.0.0.1}), as the real CIS2's names the default
     * port {@code :443}: compare {@code iss} with the discovery document, never with the URL.
     *
     * @return the issuer
     */
    public String issuer() {
        return provider.issuer();
    }

    /**
     * The relying party the sandbox registered with this provider.
     *
     * @return the client
     */
    public SandboxOidcClient client() {
        return client;
    }

    /**
     * Registers another relying party's public key (adds to its keys); register its redirect URIs
     * with {@link #registerRedirectUri(String, URI)}.
     *
     * @param clientId the client id
     * @param keyId the key's {@code kid}
     * @param publicKey the key
     */
    public void registerClient(String clientId, String keyId, RSAPublicKey publicKey) {
        provider.registerClient(
                Objects.requireNonNull(clientId, "clientId"),
                Objects.requireNonNull(keyId, "keyId"),
                Objects.requireNonNull(publicKey, "publicKey"));
    }

    /**
     * Registers a redirect URI for a relying party (adds to its URIs): the authorization endpoint
     * redirects only to a registered URI, compared exactly, except that a loopback
     * {@code http://127.0.0.1/path} (or {@code http://[::1]/path}) also matches it at any port.
     *
     * @param clientId a client registered with {@link #registerClient(String, String, RSAPublicKey)},
     *     or {@link #client()}'s
     * @param redirectUri an absolute http(s) URL without a fragment
     * @throws IllegalArgumentException when the client is not registered or the URI is not such a URL
     */
    public void registerRedirectUri(String clientId, URI redirectUri) {
        provider.registerRedirectUri(
                Objects.requireNonNull(clientId, "clientId"),
                Objects.requireNonNull(redirectUri, "redirectUri").toString());
    }

    /**
     * The ids of the test users, the default first.
     *
     * @return the ids
     */
    public List<String> testUserIds() {
        return provider.users().stream().map(TestUser::id).toList();
    }

    /**
     * Chooses the test user the next authorization requests sign in, until the sandbox is reset.
     *
     * @param userId one of {@link #testUserIds()}
     * @throws IllegalArgumentException when the provider has no such user
     */
    public void signInAs(String userId) {
        provider.signInAs(Objects.requireNonNull(userId, "userId"));
    }

    /**
     * Rotates the provider's signing key: a new key is published in its JWKS (the old ones stay)
     * and tokens are signed with it from now on.
     *
     * @return the new key's {@code kid}
     */
    public String rotateSigningKey() {
        return provider.keys().rotate();
    }

    /** The sandbox's providers, each made (with its relying party's key pair) on first use. */
    static final class Registry {
        private final IdentityProviders providers;
        private final Map<String, SandboxIdentityProvider> made = new ConcurrentHashMap<>();

        Registry(IdentityProviders providers) {
            this.providers = providers;
        }

        SandboxIdentityProvider get(String name) {
            return made.computeIfAbsent(
                    name,
                    n -> new SandboxIdentityProvider(
                            providers
                                    .byName(n)
                                    .orElseThrow(() -> new IllegalStateException("the sandbox does not host " + n)),
                            IdentityProviders.CIS2.equals(n) ? "555254249999.apps.supplier" : "sandbox-relying-party"));
        }
    }

    @Override
    public String toString() {
        return "SandboxIdentityProvider[" + provider.name() + "]";
    }
}
