package uk.nhs.sdk.identity.oidc;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * A started sign-in: the provider URL to send the user's browser to, and the values the
 * application must keep (in the user's session) until the provider redirects back, to hand to
 * {@link OidcClient#completeSignIn(AuthorizationRequest, URI)}: the generated {@code state}
 * (checked against the callback's), {@code nonce} (checked against the ID token's), the PKCE
 * verifier when the provider advertises S256, and what was asked for ({@code vtr}, assurance).
 *
 * <pre>{@code
 * AuthorizationRequest request = client.authorizationRequest()
 *     .vectorsOfTrust(VectorOfTrust.P9_CP_CD, VectorOfTrust.P9_CM)
 *     .build();
 * session.put("signin", request);
 * response.sendRedirect(request.uri().toString());
 * }</pre>
 *
 * <p><b>Several instances or a restart.</b> When the callback may reach another instance of the
 * application (behind a load balancer) or the same one after a restart, store the values of
 * {@link #stored()} field by field instead, and rebuild the request from them on the callback
 * with {@link OidcClient#resumeSignIn(StoredSignIn)} on any {@link OidcClient} configured alike
 * (same provider, client id and redirect URI):
 *
 * <pre>{@code
 * StoredSignIn s = request.stored();   // persist s.state(), s.nonce(), s.codeVerifier(), s.scopes(), ...
 * AuthorizationRequest resumed = client.resumeSignIn(StoredSignIn.builder()
 *     .state(state).nonce(nonce).scopes(scopes).vectorsOfTrust(vtr).build());
 * SignIn signIn = client.completeSignIn(resumed, callbackUri);
 * }</pre>
 *
 * <p>Immutable. {@link #toString()} shows none of the generated values.
 */
public final class AuthorizationRequest {
    private final URI uri;
    private final String clientId;
    private final URI redirectUri;
    private final String state;
    private final String nonce;
    private final Secret codeVerifier;
    private final List<String> scopes;
    private final List<VectorOfTrust> vectorsOfTrust;
    private final AssuranceLevel minimumAssurance;

    AuthorizationRequest(
            URI uri,
            String clientId,
            URI redirectUri,
            String state,
            String nonce,
            Secret codeVerifier,
            List<String> scopes,
            List<VectorOfTrust> vectorsOfTrust,
            AssuranceLevel minimumAssurance) {
        this.uri = uri;
        this.clientId = clientId;
        this.redirectUri = redirectUri;
        this.state = state;
        this.nonce = nonce;
        this.codeVerifier = codeVerifier;
        this.scopes = List.copyOf(scopes);
        this.vectorsOfTrust = List.copyOf(vectorsOfTrust);
        this.minimumAssurance = minimumAssurance;
    }

    /**
     * The provider's authorization URL with every parameter; redirect the browser here.
     *
     * @return the URL (it holds the state and nonce: do not log it)
     */
    public URI uri() {
        return uri;
    }

    /**
     * The client id the request was made for.
     *
     * @return the client id
     */
    public String clientId() {
        return clientId;
    }

    /**
     * The redirect URI the provider will send the browser back to.
     *
     * @return the redirect URI
     */
    public URI redirectUri() {
        return redirectUri;
    }

    /**
     * The generated {@code state}: the callback must carry the same value.
     *
     * @return the state (32 random bytes, base64url)
     */
    public String state() {
        return state;
    }

    /**
     * The generated {@code nonce}: the ID token must carry the same value.
     *
     * @return the nonce (32 random bytes, base64url)
     */
    public String nonce() {
        return nonce;
    }

    /**
     * The PKCE {@code code_verifier}, sent with the code exchange; present when the provider's
     * discovery document lists {@code S256} in {@code code_challenge_methods_supported}.
     *
     * @return the verifier
     */
    public Optional<Secret> codeVerifier() {
        return Optional.ofNullable(codeVerifier);
    }

    /**
     * The requested scopes.
     *
     * @return an unmodifiable list, {@code openid} first
     */
    public List<String> scopes() {
        return scopes;
    }

    /**
     * NHS login: the requested vectors of trust ({@code vtr}); the ID token's {@code vot} must
     * be one of them.
     *
     * @return an unmodifiable list; empty for other providers
     */
    public List<VectorOfTrust> vectorsOfTrust() {
        return vectorsOfTrust;
    }

    /**
     * CIS2: the lowest assurance level the ID token's {@code acr} must meet.
     *
     * @return the level, when one was required
     */
    public Optional<AssuranceLevel> minimumAssurance() {
        return Optional.ofNullable(minimumAssurance);
    }

    /**
     * The values to store so that any instance of the application can complete this sign-in with
     * {@link OidcClient#resumeSignIn(StoredSignIn)}: state, nonce, PKCE verifier, scopes, vectors
     * of trust and minimum assurance.
     *
     * @return the values
     */
    public StoredSignIn stored() {
        return StoredSignIn.of(this);
    }

    @Override
    public String toString() {
        return "AuthorizationRequest[clientId=" + clientId + ", scopes=" + scopes + ", pkce=" + (codeVerifier != null)
                + "]";
    }

    /**
     * Builds an {@link AuthorizationRequest}; from {@link OidcClient#authorizationRequest()}.
     */
    public static final class Builder {
        private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,128}");

        private final OidcClient client;
        private final OidcProvider.Kind kind;
        private List<String> scopes;
        private final List<VectorOfTrust> vectorsOfTrust = new ArrayList<>();
        private Prompt prompt;
        private Boolean allowRegistration;
        private AssuranceLevel minimumAssurance;

        Builder(OidcClient client) {
            this.client = client;
            this.kind = client.provider().kind();
            this.scopes = client.provider().defaultScopes();
        }

        /**
         * Sets the scopes (default {@link OidcProvider#defaultScopes()}); must contain
         * {@code openid}. NHS login: {@code profile} and {@code basic_demographics} exclude each
         * other.
         *
         * @param values the scopes
         * @return this builder
         * @throws NhsValidationException when {@code openid} is missing, a scope is not a valid
         *     scope token, or NHS login's exclusive scopes are combined
         */
        public Builder scopes(String... values) {
            Objects.requireNonNull(values, "scopes");
            Set<String> set = new LinkedHashSet<>();
            for (String s : values) {
                if (s == null || !SCOPE.matcher(s).matches()) {
                    throw new NhsValidationException(
                            "scopes",
                            "each scope must be 1 to 128 visible ASCII characters"
                                    + " without spaces, quotes or backslashes");
                }
                set.add(s);
            }
            if (!set.contains("openid")) {
                throw new NhsValidationException("scopes", "must contain openid");
            }
            if (kind == OidcProvider.Kind.NHS_LOGIN && set.contains("profile") && set.contains("basic_demographics")) {
                throw new NhsValidationException(
                        "scopes", "NHS login: profile and basic_demographics exclude each other");
            }
            List<String> ordered = new ArrayList<>();
            ordered.add("openid");
            for (String s : set) {
                if (!s.equals("openid")) {
                    ordered.add(s);
                }
            }
            this.scopes = List.copyOf(ordered);
            return this;
        }

        /**
         * NHS login: the acceptable vectors of trust, sent as the {@code vtr} JSON array; the ID
         * token's {@code vot} must be one of them. Default: NHS login's own default
         * {@code ["P9.Cp.Cd","P9.Cp.Ck","P9.Cm"]}.
         *
         * @param values one or more vectors
         * @return this builder
         * @throws NhsValidationException for another provider, or with no value
         */
        public Builder vectorsOfTrust(VectorOfTrust... values) {
            requireKind(OidcProvider.Kind.NHS_LOGIN, "vectorsOfTrust");
            Objects.requireNonNull(values, "vectorsOfTrust");
            if (values.length == 0) {
                throw new NhsValidationException("vectorsOfTrust", "needs at least one vector");
            }
            vectorsOfTrust.clear();
            for (VectorOfTrust v : values) {
                if (!vectorsOfTrust.contains(Objects.requireNonNull(v, "vectorOfTrust"))) {
                    vectorsOfTrust.add(v);
                }
            }
            return this;
        }

        /**
         * Sets {@code prompt}. NHS login accepts {@link Prompt#NONE} and {@link Prompt#LOGIN} only.
         *
         * @param value the prompt
         * @return this builder
         * @throws NhsValidationException when the provider does not accept the value
         */
        public Builder prompt(Prompt value) {
            Objects.requireNonNull(value, "prompt");
            if (kind == OidcProvider.Kind.NHS_LOGIN && value != Prompt.NONE && value != Prompt.LOGIN) {
                throw new NhsValidationException("prompt", "NHS login accepts only none or login");
            }
            this.prompt = value;
            return this;
        }

        /**
         * NHS login: whether the user may create an NHS login account during this sign-in
         * ({@code allow_registration}; NHS login's default is to allow it).
         *
         * @param value {@code false} to send {@code allow_registration=false}
         * @return this builder
         * @throws NhsValidationException for another provider
         */
        public Builder allowRegistration(boolean value) {
            requireKind(OidcProvider.Kind.NHS_LOGIN, "allowRegistration");
            this.allowRegistration = value;
            return this;
        }

        /**
         * CIS2: the lowest assurance level to accept; sent as {@code acr_values}
         * ({@link AssuranceLevel#acrValue()}) and checked against the ID token's {@code acr}.
         *
         * @param value the level
         * @return this builder
         * @throws NhsValidationException for another provider
         */
        public Builder minimumAssurance(AssuranceLevel value) {
            requireKind(OidcProvider.Kind.CIS2, "minimumAssurance");
            this.minimumAssurance = Objects.requireNonNull(value, "minimumAssurance");
            return this;
        }

        /**
         * Generates {@code state}, {@code nonce} and (when the provider supports S256) a PKCE
         * verifier, and builds the URL. Fetches the discovery document when it is not cached.
         *
         * @return the request
         * @throws OidcDiscoveryException when the discovery document cannot be fetched or used
         */
        public AuthorizationRequest build() {
            return client.buildAuthorizationRequest(scopes, vtr(), prompt, allowRegistration, minimumAssurance, null);
        }

        /** The request again from stored values, with this builder's (validated) scopes, vtr and level. */
        AuthorizationRequest restore(StoredSignIn stored) {
            return client.buildAuthorizationRequest(scopes, vtr(), null, null, minimumAssurance, stored);
        }

        private List<VectorOfTrust> vtr() {
            List<VectorOfTrust> vtr = new ArrayList<>(vectorsOfTrust);
            if (kind == OidcProvider.Kind.NHS_LOGIN && vtr.isEmpty()) {
                vtr.add(VectorOfTrust.P9_CP_CD);
                vtr.add(VectorOfTrust.P9_CP_CK);
                vtr.add(VectorOfTrust.P9_CM);
            }
            return vtr;
        }

        private void requireKind(OidcProvider.Kind required, String field) {
            if (kind != required) {
                throw new NhsValidationException(
                        field, "applies to " + (required == OidcProvider.Kind.CIS2 ? "CIS2" : "NHS login") + " only");
            }
        }
    }
}
