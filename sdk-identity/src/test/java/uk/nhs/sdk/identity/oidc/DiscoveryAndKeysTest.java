package uk.nhs.sdk.identity.oidc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.identity.oidc.IdTokenValidationException.Reason;

/** Discovery and JWKS: cached up to an hour, rotation picked up, refetches rate-limited, typed failures. */
class DiscoveryAndKeysTest extends OidcWireMockTest {

    static int requests(String path) {
        return server.findAll(getRequestedFor(urlPathEqualTo(path))).size();
    }

    String tokenFor(AuthorizationRequest r, RSAKey key) {
        return sign(
                validClaims(r.nonce())
                        .issueTime(Date.from(clock.instant().minusSeconds(5)))
                        .expirationTime(Date.from(clock.instant().plus(Duration.ofMinutes(10))))
                        .build(),
                key,
                JWSAlgorithm.RS256);
    }

    @Test
    void discoveryIsFetchedLazilyAndCachedForAnHourAtMost() {
        stubProvider();
        OidcClient c = client(Cis2.at(discoveryUrl()));
        assertThat(requests(DISCOVERY_PATH)).isZero();
        for (int i = 0; i < 5; i++) {
            c.authorizationRequest().build();
        }
        assertThat(requests(DISCOVERY_PATH)).isEqualTo(1);
        clock.advance(Duration.ofMinutes(59));
        c.authorizationRequest().build();
        assertThat(requests(DISCOVERY_PATH)).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        c.authorizationRequest().build();
        assertThat(requests(DISCOVERY_PATH)).isEqualTo(2);
    }

    @Test
    void aKeyRotatedInAtTheProviderIsPickedUpWithoutARestart() throws JOSEException {
        stubProvider();
        OidcClient c = client(Cis2.at(discoveryUrl()));
        AuthorizationRequest r = c.authorizationRequest().build();
        assertThat(c.validateIdToken(IdToken.of(tokenFor(r, providerKey)), r).subject())
                .isNotEmpty();
        assertThat(requests("/jwks")).isEqualTo(1);

        RSAKey next = rsa("provider-2");
        stubJwks(providerKey.toPublicJWK(), next.toPublicJWK());
        clock.advance(Duration.ofMinutes(2));
        assertThat(c.validateIdToken(IdToken.of(tokenFor(r, next)), r).subject())
                .isNotEmpty();
        assertThat(requests("/jwks")).isEqualTo(2);
        // both keys now cached: no further fetch for either
        c.validateIdToken(IdToken.of(tokenFor(r, providerKey)), r);
        c.validateIdToken(IdToken.of(tokenFor(r, next)), r);
        assertThat(requests("/jwks")).isEqualTo(2);
    }

    @Test
    void unknownKidRefetchesAtMostOnceAMinute() throws JOSEException {
        stubProvider();
        OidcClient c = client(Cis2.at(discoveryUrl()));
        AuthorizationRequest r = c.authorizationRequest().build();
        c.validateIdToken(IdToken.of(tokenFor(r, providerKey)), r);
        RSAKey rogue = rsa("rogue-1");
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(5));
            String bad = tokenFor(r, rogue);
            assertThatThrownBy(() -> c.validateIdToken(IdToken.of(bad), r))
                    .isInstanceOfSatisfying(
                            IdTokenValidationException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY));
        }
        assertThat(requests("/jwks"))
                .as("50 s of unknown kids after the first fetch")
                .isEqualTo(1);
        clock.advance(Duration.ofSeconds(11));
        String bad = tokenFor(r, rogue);
        assertThatThrownBy(() -> c.validateIdToken(IdToken.of(bad), r)).isInstanceOf(IdTokenValidationException.class);
        assertThat(requests("/jwks")).isEqualTo(2);
        clock.advance(Duration.ofSeconds(30));
        String bad2 = tokenFor(r, rogue);
        assertThatThrownBy(() -> c.validateIdToken(IdToken.of(bad2), r)).isInstanceOf(IdTokenValidationException.class);
        assertThat(requests("/jwks")).isEqualTo(2);
    }

    @Test
    void theJwksIsRefetchedAfterAnHourEvenForAKnownKid() {
        stubProvider();
        OidcClient c = client(Cis2.at(discoveryUrl()));
        AuthorizationRequest r = c.authorizationRequest().build();
        c.validateIdToken(IdToken.of(tokenFor(r, providerKey)), r);
        clock.advance(Duration.ofMinutes(61));
        AuthorizationRequest r2 = c.authorizationRequest().build();
        c.validateIdToken(IdToken.of(tokenFor(r2, providerKey)), r2);
        assertThat(requests("/jwks")).isEqualTo(2);
        assertThat(requests(DISCOVERY_PATH)).isEqualTo(2);
    }

    @Test
    void aShorterTtlIsHonouredAndLongerOnesAreRefused() {
        stubProvider();
        OidcClient c = client(Cis2.at(discoveryUrl()), OidcClient.builder().metadataTtl(Duration.ofMinutes(5)));
        c.authorizationRequest().build();
        clock.advance(Duration.ofMinutes(5));
        c.authorizationRequest().build();
        assertThat(requests(DISCOVERY_PATH)).isEqualTo(2);
        assertThatThrownBy(() -> OidcClient.builder().metadataTtl(Duration.ofMinutes(61)))
                .isInstanceOf(uk.nhs.sdk.core.error.NhsValidationException.class);
    }

    @Test
    void anUnreachableDiscoveryDocumentIsATypedError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        OidcClient c =
                client(NhsLogin.at(URI.create("http://127.0.0.1:" + port + "/.well-known/openid-configuration")));
        assertThatThrownBy(() -> c.authorizationRequest().build())
                .isInstanceOfSatisfying(
                        OidcDiscoveryException.class,
                        e -> assertThat(e.reason()).isEqualTo(OidcDiscoveryException.Reason.UNREACHABLE));
    }

    @Test
    void anErrorStatusIsUnreachable() {
        server.stubFor(get(urlPathEqualTo(DISCOVERY_PATH))
                .willReturn(aResponse().withStatus(404).withBody("secret-looking-body-value")));
        OidcClient c = client(Cis2.at(discoveryUrl()));
        assertThatThrownBy(() -> c.authorizationRequest().build())
                .isInstanceOfSatisfying(OidcDiscoveryException.class, e -> {
                    assertThat(e.reason()).isEqualTo(OidcDiscoveryException.Reason.UNREACHABLE);
                    assertThat(e.getMessage()).doesNotContain("secret-looking-body-value");
                });
    }

    @Test
    void aDocumentThatIsNotJsonIsMalformed() {
        secret("client-secret-in-a-broken-document");
        server.stubFor(get(urlPathEqualTo(DISCOVERY_PATH))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"issuer\": client-secret-in-a-broken-document")));
        OidcClient c = client(Cis2.at(discoveryUrl()));
        assertThatThrownBy(() -> c.authorizationRequest().build())
                .isInstanceOfSatisfying(OidcDiscoveryException.class, e -> {
                    assertThat(e.reason()).isEqualTo(OidcDiscoveryException.Reason.MALFORMED);
                    assertThat(e.getMessage()).doesNotContain("client-secret-in-a-broken-document");
                });
    }

    @Test
    void aDocumentWithoutATokenEndpointIsMalformed() {
        Map<String, Object> doc = discoveryDoc(false);
        doc.remove("token_endpoint");
        server.stubFor(get(urlPathEqualTo(DISCOVERY_PATH)).willReturn(okJson(json(doc))));
        OidcClient c = client(Cis2.at(discoveryUrl()));
        assertThatThrownBy(() -> c.authorizationRequest().build())
                .isInstanceOfSatisfying(OidcDiscoveryException.class, e -> {
                    assertThat(e.reason()).isEqualTo(OidcDiscoveryException.Reason.MALFORMED);
                    assertThat(e.getMessage()).contains("token_endpoint");
                });
    }

    @Test
    void aPlainHttpEndpointToARemoteHostIsMalformed() {
        Map<String, Object> doc = discoveryDoc(false);
        doc.put("token_endpoint", "http://idp.example/token");
        server.stubFor(get(urlPathEqualTo(DISCOVERY_PATH)).willReturn(okJson(json(doc))));
        OidcClient c = client(Cis2.at(discoveryUrl()));
        assertThatThrownBy(() -> c.authorizationRequest().build())
                .isInstanceOfSatisfying(
                        OidcDiscoveryException.class,
                        e -> assertThat(e.reason()).isEqualTo(OidcDiscoveryException.Reason.MALFORMED));
    }

    @Test
    void aJwksThatIsNotAKeySetIsMalformed() {
        stubDiscovery(false);
        server.stubFor(get(urlPathEqualTo("/jwks")).willReturn(okJson("{\"keys\": 42}")));
        OidcClient c = client(Cis2.at(discoveryUrl()));
        AuthorizationRequest r = c.authorizationRequest().build();
        assertThatThrownBy(() -> c.validateIdToken(IdToken.of(tokenFor(r, providerKey)), r))
                .isInstanceOfSatisfying(
                        OidcDiscoveryException.class,
                        e -> assertThat(e.reason()).isEqualTo(OidcDiscoveryException.Reason.MALFORMED));
    }
}
