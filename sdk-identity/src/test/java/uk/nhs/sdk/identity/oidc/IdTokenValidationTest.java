package uk.nhs.sdk.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.identity.oidc.IdTokenValidationException.Reason;

/** Every ID-token rule, broken alone, fails with its own reason; messages hold no value. */
class IdTokenValidationTest extends OidcWireMockTest {
    OidcClient cis2;
    AuthorizationRequest request;

    @BeforeEach
    void provider() {
        stubProvider();
        cis2 = client(Cis2.at(discoveryUrl()));
        request = cis2.authorizationRequest().build();
        secret(request.nonce());
    }

    IdTokenClaims validate(String token) {
        return cis2.validateIdToken(IdToken.of(secret(token)), request);
    }

    void assertRefused(String token, Reason reason) {
        assertThatThrownBy(() -> validate(token)).isInstanceOfSatisfying(IdTokenValidationException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage())
                    .doesNotContain(token)
                    .doesNotContain(request.nonce())
                    .doesNotContain("787807429511")
                    .doesNotContain(CLIENT_ID);
        });
    }

    @Test
    void aValidTokenPassesWithTypedClaims() {
        String token = sign(validClaims(request.nonce())
                .claim("acr", "AAL3_ANY")
                .claim("amr", List.of("N3_SMARTCARD"))
                .claim("azp", CLIENT_ID)
                .claim(
                        "nhsid_nrbac_roles",
                        List.of(Map.of(
                                "person_roleid",
                                "555021935107",
                                "org_code",
                                "RBA",
                                "role_code",
                                "S8000:G8000:R8001",
                                "role_name",
                                "\"Clinical\":\"Clinical Provision\":\"Nurse\"",
                                "activity_codes",
                                List.of("B0428"))))
                .claim("nhsid_user_orgs", List.of(Map.of("org_code", "RBA", "org_name", "Taunton")))
                .build());
        IdTokenClaims claims = validate(token);
        assertThat(claims.subject()).isEqualTo("787807429511");
        assertThat(claims.issuer()).isEqualTo(ISSUER);
        assertThat(claims.assuranceLevel()).contains(AssuranceLevel.AAL3);
        assertThat(claims.authenticationMethods()).containsExactly("N3_SMARTCARD");
        assertThat(claims.roles()).singleElement().satisfies(r -> {
            assertThat(r.roleId()).isEqualTo("555021935107");
            assertThat(r.organisationCode()).contains("RBA");
            assertThat(r.activityCodes()).containsExactly("B0428");
        });
        assertThat(claims.organisations())
                .singleElement()
                .satisfies(o -> assertThat(o.code()).isEqualTo("RBA"));
        assertThat(claims.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertThat(claims.toString()).doesNotContain("787807429511").doesNotContain("RBA");
        assertThat(claims.roles().get(0).toString()).doesNotContain("555021935107");
    }

    @Test
    void issuerMustMatchDiscoveryExactlyIncludingPort443() {
        assertRefused(
                sign(validClaims(request.nonce())
                        .issuer(ISSUER.replace(":443", ""))
                        .build()),
                Reason.ISSUER_MISMATCH);
    }

    @Test
    void audienceMustContainTheClientId() {
        assertRefused(
                sign(validClaims(request.nonce())
                        .audience("someone-else.apps.national")
                        .build()),
                Reason.AUDIENCE_MISMATCH);
    }

    @Test
    void severalAudiencesNeedAnAzp() {
        assertRefused(
                sign(validClaims(request.nonce())
                        .audience(List.of(CLIENT_ID, "other.apps.national"))
                        .build()),
                Reason.AUTHORIZED_PARTY_MISMATCH);
    }

    @Test
    void azpMustBeTheClientId() {
        assertRefused(
                sign(validClaims(request.nonce())
                        .claim("azp", "other.apps.national")
                        .build()),
                Reason.AUTHORIZED_PARTY_MISMATCH);
    }

    @Test
    void severalAudiencesWithTheRightAzpPass() {
        assertThat(validate(sign(validClaims(request.nonce())
                                .audience(List.of(CLIENT_ID, "other.apps.national"))
                                .claim("azp", CLIENT_ID)
                                .build()))
                        .audience())
                .hasSize(2);
    }

    @Test
    void expiredBeyondTheLeewayIsRefused() {
        assertRefused(
                sign(validClaims(request.nonce())
                        .expirationTime(Date.from(NOW.minusSeconds(61)))
                        .build()),
                Reason.EXPIRED);
    }

    @Test
    void expiredWithinTheLeewayPasses() {
        assertThat(validate(sign(validClaims(request.nonce())
                                .expirationTime(Date.from(NOW.minusSeconds(30)))
                                .build()))
                        .subject())
                .isEqualTo("787807429511");
    }

    @Test
    void issuedInTheFutureIsRefused() {
        assertRefused(
                sign(validClaims(request.nonce())
                        .issueTime(Date.from(NOW.plusSeconds(120)))
                        .build()),
                Reason.NOT_YET_VALID);
    }

    @Test
    void notBeforeInTheFutureIsRefused() {
        assertRefused(
                sign(validClaims(request.nonce())
                        .notBeforeTime(Date.from(NOW.plusSeconds(120)))
                        .build()),
                Reason.NOT_YET_VALID);
    }

    @Test
    void missingExpIsRefused() {
        assertRefused(sign(validClaims(request.nonce()).expirationTime(null).build()), Reason.MISSING_CLAIM);
    }

    @Test
    void nonceMustBeTheRequests() {
        assertRefused(sign(validClaims("another-nonce-value").build()), Reason.NONCE_MISMATCH);
        assertRefused(sign(validClaims(null).build()), Reason.NONCE_MISMATCH);
    }

    @Test
    void unknownKidIsRefusedAfterOneRefetch() throws JOSEException {
        RSAKey rogue = rsa("rogue-1");
        assertRefused(sign(validClaims(request.nonce()).build(), rogue, JWSAlgorithm.RS256), Reason.UNKNOWN_KEY);
    }

    @Test
    void algNoneIsRefused() {
        String header = b64("{\"alg\":\"none\",\"kid\":\"provider-1\"}");
        String payload = b64(validClaims(request.nonce()).build().toString());
        assertRefused(header + "." + payload + ".", Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void hmacKeyedWithThePublicKeyIsRefused() throws JOSEException {
        byte[] publicKeyBytes = providerKey.toRSAPublicKey().getEncoded();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(providerKey.getKeyID())
                        .build(),
                validClaims(request.nonce()).build());
        jwt.sign(new MACSigner(publicKeyBytes));
        assertRefused(jwt.serialize(), Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void anAlgorithmOutsideTheConfiguredAllowListIsRefused() {
        OidcClient strict = client(Cis2.at(discoveryUrl()), OidcClient.builder().allowedAlgorithms(JwsAlgorithm.RS512));
        AuthorizationRequest r = strict.authorizationRequest().build();
        String token = sign(validClaims(r.nonce()).build(), providerKey, JWSAlgorithm.RS256);
        assertThatThrownBy(() -> strict.validateIdToken(IdToken.of(token), r))
                .isInstanceOfSatisfying(
                        IdTokenValidationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED));
        String rs512 = sign(validClaims(r.nonce()).build(), providerKey, JWSAlgorithm.RS512);
        assertThat(strict.validateIdToken(IdToken.of(rs512), r).subject()).isEqualTo("787807429511");
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String[] parts = sign(validClaims(request.nonce()).build()).split("\\.");
        String forged =
                b64(validClaims(request.nonce()).subject("000000000001").build().toString());
        assertRefused(parts[0] + "." + forged + "." + parts[2], Reason.SIGNATURE_INVALID);
    }

    @Test
    void acrBelowTheRequiredLevelIsRefused() {
        AuthorizationRequest aal3 = cis2.authorizationRequest()
                .minimumAssurance(AssuranceLevel.AAL3)
                .build();
        String weak = sign(validClaims(aal3.nonce()).claim("acr", "AAL2_ANY").build());
        assertThatThrownBy(() -> cis2.validateIdToken(IdToken.of(weak), aal3))
                .isInstanceOfSatisfying(
                        IdTokenValidationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.ACR_TOO_WEAK));
        String strong = sign(validClaims(aal3.nonce()).claim("acr", "AAL3_ANY").build());
        assertThat(cis2.validateIdToken(IdToken.of(strong), aal3).assuranceLevel())
                .contains(AssuranceLevel.AAL3);
    }

    @Test
    void votOutsideTheRequestedVtrIsRefused() {
        OidcClient nhsLogin = client(NhsLogin.at(discoveryUrl()));
        AuthorizationRequest p9 = nhsLogin.authorizationRequest()
                .vectorsOfTrust(VectorOfTrust.P9_CP_CD)
                .build();
        String p5 = sign(validClaims(p9.nonce()).claim("vot", "P5.Cp.Cd").build());
        assertThatThrownBy(() -> nhsLogin.validateIdToken(IdToken.of(p5), p9))
                .isInstanceOfSatisfying(
                        IdTokenValidationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.VOT_NOT_REQUESTED));
        String none = sign(validClaims(p9.nonce()).build());
        assertThatThrownBy(() -> nhsLogin.validateIdToken(IdToken.of(none), p9))
                .isInstanceOfSatisfying(
                        IdTokenValidationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.VOT_NOT_REQUESTED));
    }

    @Test
    void nhsLoginClaimsAreTyped() {
        OidcClient nhsLogin = client(NhsLogin.at(discoveryUrl()));
        AuthorizationRequest p9 = nhsLogin.authorizationRequest().build();
        String token = sign(validClaims(p9.nonce())
                .claim("vot", "P9.Cp.Cd")
                .claim("vtm", "https://auth.sandpit.signin.nhs.uk/trustmark/auth.sandpit.signin.nhs.uk")
                .claim("nhs_number", "9000000009")
                .claim("identity_proofing_level", "P9")
                .claim("family_name", "Smith")
                .build());
        IdTokenClaims claims = nhsLogin.validateIdToken(IdToken.of(token), p9);
        assertThat(claims.nhsNumber()).contains(NhsNumber.parse("9000000009"));
        assertThat(claims.identityProofingLevel()).contains(IdentityProofingLevel.P9);
        assertThat(claims.vectorOfTrust()).contains(VectorOfTrust.P9_CP_CD);
        assertThat(claims.vectorTrustMark()).isPresent();
        assertThat(claims.stringClaim("family_name")).contains("Smith");
        assertThat(claims.raw()).containsKey("nhs_number");
        assertThat(claims.toString()).doesNotContain("9000000009").doesNotContain("Smith");
    }

    @Test
    void anAccessTokenIsNotAnIdToken() {
        String accessToken = sign(
                validClaims(request.nonce()).claim("tokenName", "access_token").build());
        assertThatThrownBy(() -> IdToken.of(accessToken))
                .isInstanceOf(uk.nhs.sdk.core.error.NhsValidationException.class)
                .hasMessageNotContaining(accessToken);
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static JWTClaimsSet claims(String nonce) {
        return validClaims(nonce).build();
    }
}
