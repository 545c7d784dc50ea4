package uk.nhs.sdk.examples.demo;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.UUID;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.Jwks;
import uk.nhs.sdk.core.auth.PrivateKeys;
import uk.nhs.sdk.core.auth.SignedJwtAuth;

/**
 * The API Platform's application-restricted access: make a key pair, register its JWKS, and get
 * an access token with a signed JWT (the sandbox checks every claim as the platform does).
 */
final class ApiPlatformAuthStep implements DemoStep {
    @Override
    public String title() {
        return "API Platform: an access token through the signed-JWT flow";
    }

    @Override
    public void run(DemoContext demo) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        RSAPrivateKey key = (RSAPrivateKey) g.generateKeyPair().getPrivate();
        RSAPublicKey publicKey = PrivateKeys.publicKeyOf(key);
        String kid = "demo-1";
        Secret apiKey = Secret.of(UUID.randomUUID().toString().replace("-", ""));
        demo.say("generated a 2048-bit RSA key; its JWKS, to register with your application:");
        String jwks = Jwks.toJson(publicKey, kid);
        demo.say("  " + (jwks.length() > 100 ? jwks.substring(0, 100) + "...}" : jwks));
        demo.sandbox().registerPublicKey(apiKey.reveal(), kid, publicKey);
        demo.say("registered it with the sandbox's OAuth2 server (API key " + apiKey + ", kid " + kid + ")");

        SignedJwtAuth auth = SignedJwtAuth.builder()
                .tokenUrl(demo.sandbox().oauthTokenUrl())
                .apiKey(apiKey)
                .keyId(kid)
                .privateKey(key)
                .options(demo.options())
                .build();
        demo.auth(auth); // the demo closes it when the tour ends
        Secret token = auth.accessToken();
        demo.say("POST " + demo.sandbox().oauthTokenUrl() + " with an RS512 client assertion: access token " + token
                + ", expires " + auth.tokenExpiry().orElseThrow());
        auth.accessToken();
        demo.say("asked again: the cached token is reused (tokens issued so far: "
                + demo.sandbox().issuedTokenCount() + ")");
    }
}
