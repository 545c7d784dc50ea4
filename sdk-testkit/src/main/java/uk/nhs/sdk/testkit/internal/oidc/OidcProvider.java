package uk.nhs.sdk.testkit.internal.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import uk.nhs.sdk.testkit.internal.SandboxContext;

/**
 * One fake identity provider's state and protocol: registered clients and their redirect URIs, signing keys, the test
 * user who signs in next, authorization codes, and the access and refresh tokens it issued. The
 * HTTP side is {@link OidcProviderFake}; the API Platform's fake reaches the same state through
 * {@link IdentityProviders} to check ID tokens and to complete its combined flow.
 */
public final class OidcProvider {
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    final ProviderProfile profile;
    private final SandboxContext context;
    private final ProviderKeys keys;
    private final Map<String, Map<String, RSAPublicKey>> clients = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> redirectUris = new ConcurrentHashMap<>();
    private final ClientAssertions assertions;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Session> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Session> refreshTokens = new ConcurrentHashMap<>();
    private volatile TestUser nextUser;

    /**
     * A signed-in user as one client sees them: what the tokens the provider issues for it carry.
     *
     * @param user the user
     * @param clientId the client
     * @param scope the scopes granted
     * @param nonce the authorization request's nonce, empty when none was sent
     * @param level the {@code vot} (NHS login) or {@code acr} (CIS2) the user authenticated at
     * @param authTime when the user signed in
     * @param expiry when the token this session belongs to expires
     */
    public record Session(
            TestUser user,
            String clientId,
            String scope,
            String nonce,
            String level,
            Instant authTime,
            Instant expiry) {
        Session until(Instant value) {
            return new Session(user, clientId, scope, nonce, level, authTime, value);
        }

        @Override
        public String toString() {
            return "Session[" + user + "]";
        }
    }

    /** An authorization code's grant. */
    private record Grant(Session session, String redirectUri, String codeChallenge) {}

    OidcProvider(ProviderProfile profile, SandboxContext context) {
        this.profile = profile;
        this.context = context;
        this.keys = new ProviderKeys(profile.name);
        this.assertions = new ClientAssertions(profile.assertionAlgorithms, clients);
        this.nextUser = profile.defaultUser();
    }

    /**
     * The provider's short name.
     *
     * @return {@code cis2} or {@code nhs-login}
     */
    public String name() {
        return profile.name;
    }

    /**
     * Whether this is the CIS2 fake.
     *
     * @return {@code true} for CIS2, {@code false} for NHS login
     */
    public boolean isCis2() {
        return profile.cis2;
    }

    /**
     * The issuer the discovery document names and ID tokens carry.
     *
     * @return the issuer
     */
    public String issuer() {
        return profile.issuer(context.baseUrl());
    }

    /**
     * The provider's URL on the sandbox.
     *
     * @return for example {@code http://127.0.0.1:54321/nhs-login}
     */
    public String baseUrl() {
        return context.baseUrl() + profile.basePath;
    }

    /**
     * The token endpoint as the discovery document names it: a client assertion's {@code aud}.
     *
     * @return the URL
     */
    public String tokenEndpoint() {
        return baseUrl() + profile.tokenPath;
    }

    /**
     * The signing keys, whose {@link ProviderKeys#rotate()} is the rotation hook.
     *
     * @return the keys
     */
    public ProviderKeys keys() {
        return keys;
    }

    /**
     * Registers a client's public key (adds to its keys); a client with no key can still start
     * authorization requests, as the platform's own client does.
     *
     * @param clientId the client id
     * @param keyId the key's {@code kid}, or {@code null} to register the client only
     * @param publicKey the key, or {@code null}
     */
    public void registerClient(String clientId, String keyId, RSAPublicKey publicKey) {
        Map<String, RSAPublicKey> k =
                clients.computeIfAbsent(Objects.requireNonNull(clientId, "clientId"), c -> new ConcurrentHashMap<>());
        if (keyId != null && publicKey != null) {
            k.put(keyId, publicKey);
        }
    }

    /**
     * Registers a redirect URI for a client, as a relying party does when it onboards: the
     * authorization endpoint redirects only to a registered URI.
     *
     * @param clientId a registered client
     * @param redirectUri the URI, compared as a string; a loopback {@code http://127.0.0.1/path}
     *     (or {@code http://[::1]/path}) also matches that URI at any port (RFC 8252 §7.3)
     * @throws IllegalArgumentException when the client is not registered, or the URI is not an
     *     absolute http(s) URL without a fragment
     */
    public void registerRedirectUri(String clientId, String redirectUri) {
        if (!isClient(clientId)) {
            throw new IllegalArgumentException("register the client before its redirect URIs");
        }
        if (!isHttpUrl(Objects.requireNonNull(redirectUri, "redirectUri"))) {
            throw new IllegalArgumentException("a redirect URI must be an absolute http(s) URL without a fragment");
        }
        redirectUris
                .computeIfAbsent(clientId, c -> ConcurrentHashMap.newKeySet())
                .add(redirectUri);
    }

    /**
     * Whether a redirect URI is registered for a client: exactly, or, for a loopback IP literal
     * over http, registered without the port (RFC 8252 §7.3: a native app's loopback listener
     * takes whatever port is free).
     *
     * @param clientId the client
     * @param redirectUri the URI of the authorization request
     * @return {@code true} when the provider may redirect there
     */
    boolean isRegisteredRedirectUri(String clientId, String redirectUri) {
        Set<String> registered =
                clientId == null || redirectUri == null ? Set.of() : redirectUris.getOrDefault(clientId, Set.of());
        return registered.contains(redirectUri)
                || loopbackWithoutPort(redirectUri).filter(registered::contains).isPresent();
    }

    /** {@code http://127.0.0.1:<port>/path} as {@code http://127.0.0.1/path}; empty for any other URI. */
    static Optional<String> loopbackWithoutPort(String value) {
        if (value == null || !isHttpUrl(value)) {
            return Optional.empty();
        }
        URI u = URI.create(value);
        String host = u.getHost();
        if (!"http".equals(u.getScheme())
                || u.getPort() < 0
                || u.getRawUserInfo() != null
                || !("127.0.0.1".equals(host) || "[::1]".equals(host))) {
            return Optional.empty();
        }
        return Optional.of("http://" + host + u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
    }

    static boolean isHttpUrl(String value) {
        try {
            URI u = new URI(value);
            return u.isAbsolute()
                    && ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
                    && u.getHost() != null
                    && u.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * Whether a client is registered.
     *
     * @param clientId the client id
     * @return {@code true} when registered
     */
    public boolean isClient(String clientId) {
        return clientId != null && clients.containsKey(clientId);
    }

    /**
     * The test users, the default first.
     *
     * @return the users
     */
    public List<TestUser> users() {
        return profile.users;
    }

    /**
     * Chooses the test user the next authorization requests sign in, until {@link #reset()}.
     *
     * @param userId the user's id
     * @throws IllegalArgumentException when the provider has no such user
     */
    public void signInAs(String userId) {
        nextUser = profile.users.stream()
                .filter(u -> u.id().equals(userId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such test user for " + profile.name));
    }

    void reset() {
        nextUser = profile.defaultUser();
        codes.clear();
        accessTokens.clear();
        refreshTokens.clear();
        assertions.reset();
    }

    Instant now() {
        return context.clock().instant();
    }

    TestUser nextUser() {
        return nextUser;
    }

    /**
     * Issues an authorization code for the user signing in now.
     *
     * @param clientId the client
     * @param redirectUri the redirect URI the token request must repeat
     * @param scope the scopes requested
     * @param nonce the nonce, empty when none was sent
     * @param level the {@code vot} or {@code acr} reached
     * @param codeChallenge the PKCE S256 challenge, empty when none was sent
     * @return the code
     */
    String issueCode(
            String clientId, String redirectUri, String scope, String nonce, String level, String codeChallenge) {
        Instant now = context.clock().instant();
        String code = opaque();
        codes.put(
                code,
                new Grant(
                        new Session(nextUser, clientId, scope, nonce, level, now, now.plus(CODE_LIFETIME)),
                        redirectUri,
                        codeChallenge));
        return code;
    }

    /**
     * Redeems a code, once, for the client it was issued to: what the platform's callback does
     * in-process and the token endpoint does after authenticating the client.
     *
     * @param code the code
     * @param clientId the client
     * @param redirectUri the redirect URI sent with the token request
     * @param codeVerifier the PKCE verifier, or {@code null}
     * @return the session
     * @throws OAuthRefusal when the code is unknown, used, expired, another client's, or the
     *     redirect URI or verifier does not match
     */
    Session redeem(String code, String clientId, String redirectUri, String codeVerifier) {
        Grant g = code == null ? null : codes.remove(code);
        if (g == null || !context.clock().instant().isBefore(g.session().expiry())) {
            throw OAuthRefusal.invalidGrant("the authorization code is unknown, used or expired");
        }
        if (!g.session().clientId().equals(clientId)) {
            throw OAuthRefusal.invalidGrant("the authorization code was issued to another client");
        }
        if (!g.redirectUri().equals(redirectUri)) {
            throw OAuthRefusal.invalidGrant("redirect_uri is not the one of the authorization request");
        }
        if (!g.codeChallenge().isEmpty()
                && (codeVerifier == null || !g.codeChallenge().equals(s256(codeVerifier)))) {
            throw OAuthRefusal.invalidGrant("code_verifier does not match the code_challenge");
        }
        return g.session();
    }

    /**
     * Redeems a code for the platform's own client, in-process.
     *
     * @param code the code
     * @param clientId the platform's client id at this provider
     * @param redirectUri the platform's callback URL
     * @return the session, empty when the code is not good
     */
    public Optional<Session> redeemForPlatform(String code, String clientId, String redirectUri) {
        try {
            return Optional.of(redeem(code, clientId, redirectUri, null));
        } catch (OAuthRefusal e) {
            return Optional.empty();
        }
    }

    ClientAssertions assertions() {
        return assertions;
    }

    /**
     * The token response for a session: a new access token, refresh token and ID token.
     *
     * @param session the session
     * @return the response fields
     */
    Map<String, Object> tokens(Session session) {
        Instant now = context.clock().instant();
        String access = opaque();
        String refresh = opaque();
        accessTokens.put(access, session.until(now.plus(profile.accessTokenLifetime)));
        refreshTokens.put(refresh, session.until(now.plus(Duration.ofDays(30))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", access);
        body.put("token_type", "Bearer");
        body.put("expires_in", profile.accessTokenLifetime.toSeconds());
        body.put("refresh_token", refresh);
        body.put("scope", session.scope());
        body.put("id_token", idToken(session, now));
        return body;
    }

    /**
     * Redeems a refresh token, once.
     *
     * @param refreshToken the token
     * @param clientId the authenticated client
     * @return the session
     * @throws OAuthRefusal when the token is unknown, used, expired or another client's
     */
    Session refresh(String refreshToken, String clientId) {
        Session s = refreshToken == null ? null : refreshTokens.remove(refreshToken);
        if (s == null
                || !context.clock().instant().isBefore(s.expiry())
                || !s.clientId().equals(clientId)) {
            throw OAuthRefusal.invalidGrant("the refresh token is unknown, used, expired or another client's");
        }
        return s;
    }

    /**
     * The session of a valid access token.
     *
     * @param accessToken the token
     * @return the session, empty when the token is unknown or expired
     */
    Optional<Session> session(String accessToken) {
        Session s = accessToken == null ? null : accessTokens.get(accessToken);
        return s != null && context.clock().instant().isBefore(s.expiry()) ? Optional.of(s) : Optional.empty();
    }

    /**
     * Signs an ID token for a session.
     *
     * @param session the session
     * @param now the issue time
     * @return the compact JWS
     */
    String idToken(Session session, Instant now) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", issuer());
        c.put("sub", session.user().sub());
        c.put("aud", session.clientId());
        if (profile.cis2) {
            c.put("azp", session.clientId());
            c.put("acr", session.level());
            c.put("auditTrackingId", UUID.randomUUID().toString());
        } else {
            c.put("vot", session.level());
            c.put("vtm", issuer() + "/trustmark/" + context.baseUrl().getHost());
        }
        c.put("iat", now.getEpochSecond());
        c.put("exp", now.plus(profile.idTokenLifetime).getEpochSecond());
        c.put("auth_time", session.authTime().getEpochSecond());
        c.put("jti", UUID.randomUUID().toString());
        if (!session.nonce().isEmpty()) {
            c.put("nonce", session.nonce());
        }
        c.putAll(claims(session));
        ProviderKeys.Key k = keys.current();
        return Jws.signRs512(k.kid(), k.privateKey(), c);
    }

    /**
     * The user's profile claims the session's scopes release: all of a CIS2 user's; for NHS login
     * {@code profile} releases the NHS number, family name, birth date and proofing level, and
     * {@code email} the email address.
     *
     * @param session the session
     * @return the claims
     */
    Map<String, Object> claims(Session session) {
        if (profile.cis2) {
            return session.user().claims();
        }
        Set<String> scopes = Set.of(session.scope().split(" "));
        Map<String, Object> out = new LinkedHashMap<>();
        session.user().claims().forEach((k, v) -> {
            boolean email = k.startsWith("email");
            if (email ? scopes.contains("email") : scopes.contains("profile")) {
                out.put(k, v);
            }
        });
        return out;
    }

    private String opaque() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
