package uk.nhs.sdk.identity.oidc;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * The values of a started sign-in that an application stores between sending the browser to the
 * provider and the provider's redirect back, so that any instance of the application (another
 * node behind a load balancer, or the same one after a restart) can complete it:
 * {@link AuthorizationRequest#stored()} gives them, {@link OidcClient#resumeSignIn(StoredSignIn)}
 * rebuilds the request from them. Each is a string, a {@link Secret} or a list of enum values, to
 * persist field by field (a server-side session store, a database row); this type is not
 * {@link java.io.Serializable}.
 *
 * <pre>{@code
 * StoredSignIn s = request.stored();      // keep s.state(), s.nonce(), s.codeVerifier(), s.scopes(), ...
 * StoredSignIn back = StoredSignIn.builder().state(state).nonce(nonce).scopes(scopes).build();
 * SignIn signIn = client.completeSignIn(client.resumeSignIn(back), callbackUri);
 * }</pre>
 *
 * <p>Keep them where the user cannot change them (server-side, or encrypted and authenticated):
 * the state and nonce bind the callback and the ID token to this sign-in, and the PKCE verifier is
 * a secret. Immutable; {@link #toString()} shows none of the values.
 */
public final class StoredSignIn {
    /** What {@link OidcClient} generates: 32 random bytes, base64url without padding. */
    private static final Pattern GENERATED = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final String state;
    private final String nonce;
    private final Secret codeVerifier;
    private final List<String> scopes;
    private final List<VectorOfTrust> vectorsOfTrust;
    private final AssuranceLevel minimumAssurance;

    private StoredSignIn(Builder b) {
        this.state = b.state;
        this.nonce = b.nonce;
        this.codeVerifier = b.codeVerifier;
        this.scopes = List.copyOf(b.scopes);
        this.vectorsOfTrust = List.copyOf(b.vectorsOfTrust);
        this.minimumAssurance = b.minimumAssurance;
    }

    static StoredSignIn of(AuthorizationRequest request) {
        Builder b = builder()
                .state(request.state())
                .nonce(request.nonce())
                .scopes(request.scopes().toArray(String[]::new));
        request.codeVerifier().ifPresent(b::codeVerifier);
        if (!request.vectorsOfTrust().isEmpty()) {
            b.vectorsOfTrust(request.vectorsOfTrust().toArray(VectorOfTrust[]::new));
        }
        request.minimumAssurance().ifPresent(b::minimumAssurance);
        return b.build();
    }

    /**
     * Starts a builder, to rebuild the values the application stored.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The {@code state} the callback must carry.
     *
     * @return the state
     */
    public String state() {
        return state;
    }

    /**
     * The {@code nonce} the ID token must carry.
     *
     * @return the nonce
     */
    public String nonce() {
        return nonce;
    }

    /**
     * The PKCE {@code code_verifier}.
     *
     * @return the verifier, when the request used PKCE
     */
    public Optional<Secret> codeVerifier() {
        return Optional.ofNullable(codeVerifier);
    }

    /**
     * The requested scopes.
     *
     * @return an unmodifiable list; empty means the provider's {@link OidcProvider#defaultScopes()}
     */
    public List<String> scopes() {
        return scopes;
    }

    /**
     * NHS login: the requested vectors of trust (store each {@link VectorOfTrust#value()}, read it
     * back with {@link VectorOfTrust#fromValue(String)}).
     *
     * @return an unmodifiable list; empty for CIS2, or NHS login's default
     */
    public List<VectorOfTrust> vectorsOfTrust() {
        return vectorsOfTrust;
    }

    /**
     * CIS2: the lowest assurance level the ID token's {@code acr} must meet (store its
     * {@link AssuranceLevel#name()}).
     *
     * @return the level, when one was required
     */
    public Optional<AssuranceLevel> minimumAssurance() {
        return Optional.ofNullable(minimumAssurance);
    }

    @Override
    public String toString() {
        return "StoredSignIn[scopes=" + scopes + ", pkce=" + (codeVerifier != null) + "]";
    }

    /**
     * Builds a {@link StoredSignIn} from the stored values. The rules that depend on the provider
     * (scopes, {@code vtr} for NHS login only, assurance for CIS2 only, PKCE when the provider
     * uses it) are checked by {@link OidcClient#resumeSignIn(StoredSignIn)}.
     */
    public static final class Builder {
        private String state;
        private String nonce;
        private Secret codeVerifier;
        private final List<String> scopes = new ArrayList<>();
        private final List<VectorOfTrust> vectorsOfTrust = new ArrayList<>();
        private AssuranceLevel minimumAssurance;

        private Builder() {}

        /**
         * Sets the stored {@code state} (required).
         *
         * @param value the state
         * @return this builder
         */
        public Builder state(String value) {
            this.state = value;
            return this;
        }

        /**
         * Sets the stored {@code nonce} (required).
         *
         * @param value the nonce
         * @return this builder
         */
        public Builder nonce(String value) {
            this.nonce = value;
            return this;
        }

        /**
         * Sets the stored PKCE verifier (required when the request used PKCE).
         *
         * @param value the verifier
         * @return this builder
         */
        public Builder codeVerifier(Secret value) {
            this.codeVerifier = Objects.requireNonNull(value, "codeVerifier");
            return this;
        }

        /**
         * Sets the stored scopes (default: the provider's {@link OidcProvider#defaultScopes()}).
         *
         * @param values the scopes
         * @return this builder
         */
        public Builder scopes(String... values) {
            List<String> list = List.of(Objects.requireNonNull(values, "scopes"));
            scopes.clear();
            scopes.addAll(list);
            return this;
        }

        /**
         * NHS login: sets the stored vectors of trust (default: NHS login's default).
         *
         * @param values the vectors
         * @return this builder
         */
        public Builder vectorsOfTrust(VectorOfTrust... values) {
            List<VectorOfTrust> list = List.of(Objects.requireNonNull(values, "vectorsOfTrust"));
            vectorsOfTrust.clear();
            vectorsOfTrust.addAll(list);
            return this;
        }

        /**
         * CIS2: sets the stored minimum assurance level.
         *
         * @param value the level
         * @return this builder
         */
        public Builder minimumAssurance(AssuranceLevel value) {
            this.minimumAssurance = Objects.requireNonNull(value, "minimumAssurance");
            return this;
        }

        /**
         * Checks the values have the form {@link OidcClient} generates them in and builds.
         *
         * @return the stored sign-in
         * @throws NhsValidationException when the state, nonce or verifier is missing or is not
         *     32 bytes in base64url (43 characters), as generated
         */
        public StoredSignIn build() {
            requireGenerated("state", state);
            requireGenerated("nonce", nonce);
            if (codeVerifier != null) {
                requireGenerated("codeVerifier", codeVerifier.reveal());
            }
            return new StoredSignIn(this);
        }

        private static void requireGenerated(String field, String value) {
            if (value == null || !GENERATED.matcher(value).matches()) {
                throw new NhsValidationException(field, "must be the stored value: 43 base64url characters");
            }
        }
    }
}
