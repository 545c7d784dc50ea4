package uk.nhs.sdk.reliability.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.PrivateKeys;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.http.NhsHttpTransport;
import uk.nhs.sdk.identity.oidc.AssuranceLevel;
import uk.nhs.sdk.identity.oidc.AuthorizationCallbackException;
import uk.nhs.sdk.identity.oidc.AuthorizationRequest;
import uk.nhs.sdk.identity.oidc.Cis2;
import uk.nhs.sdk.identity.oidc.IdToken;
import uk.nhs.sdk.identity.oidc.IdTokenValidationException;
import uk.nhs.sdk.identity.oidc.IdentityProofingLevel;
import uk.nhs.sdk.identity.oidc.JwsAlgorithm;
import uk.nhs.sdk.identity.oidc.OidcClient;
import uk.nhs.sdk.identity.oidc.OidcClientCredentials;
import uk.nhs.sdk.identity.oidc.OidcDiscoveryException;
import uk.nhs.sdk.identity.oidc.StoredSignIn;
import uk.nhs.sdk.identity.oidc.VectorOfTrust;

/**
 * Hostile input to sign-in: ID tokens given as text, ID tokens correctly signed by the provider's
 * key whose header or claims are hostile, tokens mutated by one character, the provider's
 * discovery document and JWKS, and the callback URI the browser returns with.
 */
class OidcHostileTest {
    private static final String ISSUER = "https://idp.example";
    private static final String CLIENT_ID = "hostile-client";
    private static final String KID = "provider-1";
    private static final KeyPair KEY = ecKey();
    private static final String RSA_KID = "provider-2";
    private static final java.security.interfaces.RSAPrivateKey RSA = PrivateKeys.fromPem(pem());
    private static final String DISCOVERY = HostileJson.write(HostileJson.obj(
            "issuer",
            ISSUER,
            "authorization_endpoint",
            "https://idp.example/authorize",
            "token_endpoint",
            Served.BASE + "token",
            "jwks_uri",
            Served.BASE + "jwks",
            "userinfo_endpoint",
            Served.BASE + "userinfo",
            "response_types_supported",
            HostileJson.arr("code"),
            "subject_types_supported",
            HostileJson.arr("public"),
            "id_token_signing_alg_values_supported",
            HostileJson.arr("RS256", "RS512"),
            "code_challenge_methods_supported",
            HostileJson.arr("S256")));
    private static final String JWKS = jwks();
    private static final Served SERVED = new Served();
    private static final NhsClientOptions OPTIONS = SERVED.options();
    private static final NhsHttpTransport TRANSPORT = NhsHttpTransport.create(OPTIONS);
    private static final OidcClient CLIENT = client();
    private static final AuthorizationRequest REQUEST;
    /** How far each discovery case moves the clock, twice: past the TTL and the failed-fetch minute. */
    private static final Duration PAST_CACHE = Duration.ofSeconds(61);
    /** A valid token for the discovery property: it outlives the clock's advances there (10,000 x 2 x 61 s). */
    private static final String LONG_LIVED;

    static {
        SERVED.route(path -> Served.json(path.endsWith("jwks") ? JWKS : DISCOVERY));
        // a stored sign-in with fixed state and nonce, so that every run signs the same claims
        REQUEST = CLIENT.resumeSignIn(StoredSignIn.builder()
                .state("S".repeat(43))
                .nonce("N".repeat(43))
                .codeVerifier(Secret.of("V".repeat(43)))
                .scopes("openid")
                .build());
        long now = SERVED.clock().instant().getEpochSecond();
        HostileJson.Obj claims = claims();
        claims.fields.removeIf(e -> e.getKey().equals("exp"));
        claims.put("exp", now + 30 * 86_400);
        LONG_LIVED = signed(HostileJson.write(header()), HostileJson.write(claims));
    }

    @AfterContainer
    static void done() {
        CLIENT.close();
        TRANSPORT.close();
        Outcomes.finished(OidcHostileTest.class);
    }

    private static KeyPair ecKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OidcClient client() {
        return OidcClient.builder()
                .provider(Cis2.at(URI.create(Served.BASE + ".well-known/openid-configuration")))
                .credentials(OidcClientCredentials.builder()
                        .clientId(CLIENT_ID)
                        .keyId("rp-1")
                        .privateKey(RSA)
                        .build())
                .allowedAlgorithms(JwsAlgorithm.ES256, JwsAlgorithm.RS256)
                .redirectUri(URI.create("https://rp.example/cb"))
                .options(OPTIONS)
                .transport(TRANSPORT)
                .metadataTtl(Duration.ofSeconds(1))
                .build();
    }

    private static String pem() {
        try (InputStream in = OidcHostileTest.class.getResourceAsStream("/hostile/test-key.pem")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jwks() {
        ECPublicKey pub = (ECPublicKey) KEY.getPublic();
        java.security.interfaces.RSAPublicKey rsa = PrivateKeys.publicKeyOf(RSA);
        return HostileJson.write(HostileJson.obj(
                "keys",
                HostileJson.arr(
                        HostileJson.obj(
                                "kty",
                                "EC",
                                "crv",
                                "P-256",
                                "kid",
                                KID,
                                "use",
                                "sig",
                                "alg",
                                "ES256",
                                "x",
                                b64(coordinate(pub.getW().getAffineX())),
                                "y",
                                b64(coordinate(pub.getW().getAffineY()))),
                        HostileJson.obj(
                                "kty",
                                "RSA",
                                "kid",
                                RSA_KID,
                                "use",
                                "sig",
                                "alg",
                                "RS256",
                                "n",
                                b64(unsigned(rsa.getModulus())),
                                "e",
                                b64(unsigned(rsa.getPublicExponent()))))));
    }

    private static byte[] unsigned(BigInteger n) {
        byte[] b = n.toByteArray();
        return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    /**
     * A token signed RS256 with the fixed test key: PKCS#1 v1.5 signatures are deterministic, so
     * the one-character mutations of this token give the same outcomes on every run (an ECDSA
     * signature differs each time, and whether a changed last character only touches its padding
     * bits depended on it).
     */
    static String rsaSigned(String headerJson, String claimsJson) {
        String input = b64(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claimsJson.getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(RSA);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A P-256 coordinate as its 32 bytes. */
    private static byte[] coordinate(BigInteger n) {
        byte[] b = n.toByteArray();
        byte[] out = new byte[32];
        int len = Math.min(b.length, 32);
        System.arraycopy(b, b.length - len, out, 32 - len, len);
        return out;
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String signed(String headerJson, String claimsJson) {
        String input = b64(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claimsJson.getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initSign(KEY.getPrivate());
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HostileJson.Obj claims() {
        long now = SERVED.clock().instant().getEpochSecond();
        return HostileJson.obj(
                "iss",
                ISSUER,
                "aud",
                CLIENT_ID,
                "sub",
                "910000000001",
                "exp",
                now + 300,
                "iat",
                now,
                "nonce",
                REQUEST.nonce(),
                "acr",
                "AAL3_ANY",
                "auth_time",
                now - 10);
    }

    private static HostileJson.Obj header() {
        return HostileJson.obj("alg", "ES256", "kid", KID, "typ", "JWT");
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1351")
    void signedTokens(@ForAll long seed) {
        boolean hostileHeader = seed % 5 == 0;
        Outcomes.Input part = HostileJson.document(
                seed, hostileHeader ? OidcHostileTest::header : OidcHostileTest::claims, hostileHeader ? 0 : 10);
        String token = hostileHeader
                ? signed(part.text(), HostileJson.write(claims()))
                : signed(HostileJson.write(header()), part.text());
        Outcomes.Input input = new Outcomes.Input(token, part.parts(), part.mustBeAccepted());
        Outcomes.attempt(
                "sdk-identity `IdToken.of` + `OidcClient.validateIdToken` (signed, hostile header or claims)",
                input,
                () -> CLIENT.validateIdToken(IdToken.of(token), REQUEST).getClass(),
                IdTokenValidationException.class,
                NhsValidationException.class);
    }

    @Provide
    Arbitrary<String> tokenText() {
        String valid = rsaSigned(
                HostileJson.write(HostileJson.obj("alg", "RS256", "kid", RSA_KID, "typ", "JWT")),
                HostileJson.write(claims()));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, HostileStrings.mutated(Arbitraries.of(valid))),
                net.jqwik.api.Tuple.of(
                        3,
                        HostileStrings.around(
                                List.of(valid, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "a.b.c", "..", "e30.e30.e30"))));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1352")
    void tokenText(@ForAll("tokenText") String token) {
        Outcomes.Input input = new Outcomes.Input(token, List.of(token.split("\\.")), false);
        Outcomes.attempt(
                "sdk-identity `IdToken.of` + `OidcClient.validateIdToken` (token text)",
                input,
                () -> CLIENT.validateIdToken(IdToken.of(token), REQUEST).getClass(),
                IdTokenValidationException.class,
                NhsValidationException.class);
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1353")
    void discoveryAndJwks(@ForAll long seed) {
        boolean jwks = seed % 2 == 0;
        Outcomes.Input input =
                HostileJson.document(seed, () -> (HostileJson.Obj) HostileJson.parse(jwks ? JWKS : DISCOVERY), 5);
        SERVED.route(path ->
                Served.json(path.endsWith("jwks") == jwks ? input.text() : path.endsWith("jwks") ? JWKS : DISCOVERY));
        // past the metadata's time to live and past the minute for which a failed fetch is remembered
        // (else the cases after a rejected document replay its failure instead of reading their own)
        SERVED.clock().advance(PAST_CACHE);
        String token = LONG_LIVED;
        try {
            Outcomes.attempt(
                    "sdk-identity `OidcClient` discovery document and JWKS",
                    input,
                    () -> jwks
                            ? CLIENT.validateIdToken(IdToken.of(token), REQUEST).getClass()
                            : CLIENT.authorizationRequest().build().getClass(),
                    OidcDiscoveryException.class,
                    IdTokenValidationException.class);
        } finally {
            SERVED.route(path -> Served.json(path.endsWith("jwks") ? JWKS : DISCOVERY));
            SERVED.clock().advance(PAST_CACHE);
        }
    }

    @Provide
    Arbitrary<String> claimValue() {
        return HostileStrings.around(List.of(
                "AAL3_ANY",
                "AAL2_OR_3_ANY",
                "P9.Cp.Cd",
                "P5.Cm",
                "P9",
                "P0",
                "RS256",
                "ES256",
                "urn:nhs:authentication:level:aal3"));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1355")
    void codeLookups(@ForAll("claimValue") String input) {
        Outcomes.attempt(
                "sdk-identity OIDC lookups (`AssuranceLevel.fromAcr`, `IdentityProofingLevel.fromClaim`,"
                        + " `VectorOfTrust.fromValue`, `JwsAlgorithm.fromName`)",
                Outcomes.Input.of(input),
                () -> {
                    AssuranceLevel.fromAcr(input);
                    IdentityProofingLevel.fromClaim(input);
                    VectorOfTrust.fromValue(input);
                    return JwsAlgorithm.fromName(input);
                });
    }

    @Provide
    Arbitrary<String> callbackValue() {
        return HostileStrings.around(List.of("code-1", "state", "access_denied", "login_required"));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1354")
    void callbackUri(@ForAll("callbackValue") String value, @ForAll @IntRange(min = 0, max = 3) int shape) {
        String state = REQUEST.state();
        String query = switch (shape) {
            case 0 -> "code=" + value + "&state=" + state + "x";
            case 1 -> "error=" + value + "&state=" + state;
            case 2 -> "state=" + value;
            default -> value;
        };
        URI callback;
        try {
            callback = new URI("https", "rp.example", "/cb", query, null);
        } catch (java.net.URISyntaxException e) {
            callback = URI.create("https://rp.example/cb");
        }
        URI uri = callback;
        Outcomes.attempt(
                "sdk-identity `OidcClient.completeSignIn` (callback URI)",
                Outcomes.Input.of(value),
                () -> CLIENT.completeSignIn(REQUEST, uri).getClass(),
                AuthorizationCallbackException.class,
                NhsValidationException.class);
    }
}
