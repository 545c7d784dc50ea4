package uk.nhs.sdk.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsValidationException;

/** The authorization URL each provider gets, and the inputs refused before any I/O. */
class AuthorizationRequestTest extends OidcWireMockTest {

    @Test
    void nhsLoginRequestCarriesStateNonceScopesAndVtrAsAJsonArray() {
        stubProvider();
        OidcClient c = client(NhsLogin.at(discoveryUrl()));
        AuthorizationRequest r = c.authorizationRequest()
                .scopes("openid", "profile", "email")
                .vectorsOfTrust(VectorOfTrust.P9_CP_CD, VectorOfTrust.P5_CP_CD)
                .prompt(Prompt.LOGIN)
                .allowRegistration(false)
                .build();
        secret(r.state());
        secret(r.nonce());
        assertThat(r.uri().toString()).startsWith(server.baseUrl() + "/authorize?");
        Map<String, String> q = query(r.uri());
        assertThat(q)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", CLIENT_ID)
                .containsEntry("redirect_uri", REDIRECT.toString())
                .containsEntry("scope", "openid profile email")
                .containsEntry("state", r.state())
                .containsEntry("nonce", r.nonce())
                .containsEntry("vtr", "[\"P9.Cp.Cd\",\"P5.Cp.Cd\"]")
                .containsEntry("prompt", "login")
                .containsEntry("allow_registration", "false")
                .doesNotContainKeys("acr_values", "code_challenge");
        assertThat(r.uri().getRawQuery())
                .contains("vtr=%5B%22P9.Cp.Cd%22%2C%22P5.Cp.Cd%22%5D")
                .doesNotContain("+");
        assertThat(r.state()).hasSize(43).isNotEqualTo(r.nonce());
        assertThat(r.vectorsOfTrust()).containsExactly(VectorOfTrust.P9_CP_CD, VectorOfTrust.P5_CP_CD);
        assertThat(r.codeVerifier()).isEmpty();
        assertThat(r.toString()).doesNotContain(r.state()).doesNotContain(r.nonce());
    }

    @Test
    void nhsLoginDefaultsToProfileAndTheP9Vectors() {
        stubProvider();
        AuthorizationRequest r =
                client(NhsLogin.at(discoveryUrl())).authorizationRequest().build();
        assertThat(query(r.uri()))
                .containsEntry("scope", "openid profile")
                .containsEntry("vtr", "[\"P9.Cp.Cd\",\"P9.Cp.Ck\",\"P9.Cm\"]");
    }

    @Test
    void everyRequestGetsFreshValues() {
        stubProvider();
        OidcClient c = client(NhsLogin.at(discoveryUrl()));
        AuthorizationRequest a = c.authorizationRequest().build();
        AuthorizationRequest b = c.authorizationRequest().build();
        assertThat(a.state()).isNotEqualTo(b.state());
        assertThat(a.nonce()).isNotEqualTo(b.nonce());
    }

    @Test
    void cis2RequestCarriesAcrValuesAndRbacScope() {
        stubProvider();
        AuthorizationRequest r = client(Cis2.at(discoveryUrl()))
                .authorizationRequest()
                .minimumAssurance(AssuranceLevel.AAL3)
                .build();
        assertThat(query(r.uri()))
                .containsEntry("scope", "openid nationalrbacaccess")
                .containsEntry("acr_values", "AAL3_ANY")
                .doesNotContainKeys("vtr", "allow_registration");
        assertThat(r.minimumAssurance()).contains(AssuranceLevel.AAL3);
    }

    @Test
    void pkceS256IsSentWhenTheProviderAdvertisesIt() throws Exception {
        stubDiscovery(true);
        AuthorizationRequest r =
                client(Cis2.at(discoveryUrl())).authorizationRequest().build();
        String verifier = r.codeVerifier().orElseThrow().reveal();
        secret(verifier);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        assertThat(query(r.uri()))
                .containsEntry("code_challenge_method", "S256")
                .containsEntry(
                        "code_challenge",
                        Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        assertThat(verifier).matches("[A-Za-z0-9_-]{43,128}");
    }

    @Test
    void scopesMustContainOpenid() {
        OidcClient c = client(NhsLogin.at(URI.create("https://auth.example/.well-known/openid-configuration")));
        assertThatThrownBy(() -> c.authorizationRequest().scopes("profile"))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("openid");
        assertThatThrownBy(() -> c.authorizationRequest().scopes("openid", "bad scope"))
                .isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> c.authorizationRequest().scopes("openid", "profile", "basic_demographics"))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("exclude");
    }

    @Test
    void providerSpecificOptionsAreRefusedForTheOtherProvider() {
        OidcClient cis2 = client(Cis2.at(URI.create("https://cis2.example/.well-known/openid-configuration")));
        OidcClient nhsLogin = client(NhsLogin.at(URI.create("https://login.example/.well-known/openid-configuration")));
        assertThatThrownBy(() -> cis2.authorizationRequest().vectorsOfTrust(VectorOfTrust.P9_CM))
                .isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> cis2.authorizationRequest().allowRegistration(false))
                .isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> nhsLogin.authorizationRequest().minimumAssurance(AssuranceLevel.AAL2))
                .isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> nhsLogin.authorizationRequest().prompt(Prompt.CONSENT))
                .isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> nhsLogin.authorizationRequest().vectorsOfTrust())
                .isInstanceOf(NhsValidationException.class);
    }

    @Test
    void redirectUrisAreCheckedWhenTheClientIsBuilt() {
        OidcClient.Builder b = OidcClient.builder().provider(NhsLogin.sandpit()).credentials(credentials());
        assertThatThrownBy(() -> b.redirectUri(URI.create("http://my-service.example/callback"))
                        .build())
                .isInstanceOf(NhsConfigurationException.class);
        assertThatThrownBy(() -> b.redirectUri(URI.create("https://my-service.example/callback?x=1"))
                        .build())
                .isInstanceOf(NhsConfigurationException.class);
        assertThatThrownBy(() -> b.redirectUri(URI.create("/callback")).build())
                .isInstanceOf(NhsConfigurationException.class);
        closeables.add(
                b.redirectUri(URI.create("http://127.0.0.1:8765/callback")).build());
    }

    @Test
    void presetsUseTheDocumentedDiscoveryUrls() {
        assertThat(Cis2.integration().discoveryUrl().toString())
                .isEqualTo("https://am.nhsint.auth-ptl.cis2"
                        + ".spineservices.nhs.uk/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare"
                        + "/.well-known/openid-configuration");
        assertThat(Cis2.live().discoveryUrl().getHost()).isEqualTo("am.nhsidentity.spineservices.nhs.uk");
        assertThat(NhsLogin.sandpit().discoveryUrl().toString())
                .isEqualTo("https://auth.sandpit.signin.nhs.uk/.well-known/openid-configuration");
        assertThat(NhsLogin.integration().discoveryUrl().toString())
                .isEqualTo("https://auth.aos.signin.nhs.uk/.well-known/openid-configuration");
        assertThat(NhsLogin.production().discoveryUrl().toString())
                .isEqualTo("https://auth.login.nhs.uk/.well-known/openid-configuration");
        assertThat(Cis2.live().kind()).isEqualTo(OidcProvider.Kind.CIS2);
        assertThat(NhsLogin.production().kind()).isEqualTo(OidcProvider.Kind.NHS_LOGIN);
        assertThatThrownBy(() -> OidcProvider.discovery(URI.create("ftp://x/y")))
                .isInstanceOf(NhsValidationException.class);
    }

    @Test
    void credentialsKeepTheClientIdApartFromTheKeyAndCheckTheKeyFitsTheAlgorithm() throws Exception {
        OidcClientCredentials c = credentials();
        assertThat(c.algorithm()).isEqualTo(JwsAlgorithm.RS512);
        assertThat(c.toString()).contains(CLIENT_ID).doesNotContain("PRIVATE");
        assertThatThrownBy(() -> OidcClientCredentials.builder()
                        .clientId(CLIENT_ID)
                        .keyId("k")
                        .privateKey(clientKey.toRSAPrivateKey())
                        .algorithm(JwsAlgorithm.ES256)
                        .build())
                .isInstanceOf(NhsConfigurationException.class);
        assertThatThrownBy(() -> OidcClientCredentials.builder().clientId("has space"))
                .isInstanceOf(NhsValidationException.class);
    }
}
