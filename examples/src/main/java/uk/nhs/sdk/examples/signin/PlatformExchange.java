package uk.nhs.sdk.examples.signin;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.nhs.sdk.core.NhsEnvironment;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.PrivateKeys;
import uk.nhs.sdk.examples.CommonOptions;
import uk.nhs.sdk.examples.Output;
import uk.nhs.sdk.examples.Target;
import uk.nhs.sdk.examples.UsageException;
import uk.nhs.sdk.identity.oidc.IdToken;
import uk.nhs.sdk.identity.oidc.TokenExchangeAuth;
import uk.nhs.sdk.testkit.NhsSandbox;

/**
 * The token exchange both commands run: the API Platform application's credentials from the
 * target (the embedded sandbox's own application, else {@code --api-key}, {@code --private-key}
 * and {@code --key-id}), the token URL from the target ({@code --base-url} is the OAuth2 server's
 * base, such as {@code http://127.0.0.1:PORT/oauth2}), and a result that names the token's type
 * and expiry, never its value.
 */
final class PlatformExchange {
    private PlatformExchange() {}

    /**
     * Exchanges an ID token and prints the outcome.
     *
     * @param target the target
     * @param common the common options
     * @param idToken the ID token
     * @param out the printer
     */
    static void run(Target target, CommonOptions common, IdToken idToken, Output out) {
        try (TokenExchangeAuth auth = builder(target, common)
                .idToken(idToken)
                .options(target.clientOptions())
                .build()) {
            auth.accessToken();
            Instant expiry = auth.tokenExpiry().orElseThrow().truncatedTo(ChronoUnit.SECONDS);
            long seconds = Math.max(
                    0,
                    Duration.between(target.clientOptions().clock().instant(), expiry)
                            .toSeconds());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("token_type", "Bearer");
            json.put("issued_token_type", "urn:ietf:params:oauth:token-type:access_token");
            json.put("expires_at", expiry.toString());
            json.put("expires_in", seconds);
            out.jsonValue(json);
            out.text("API Platform access token: Bearer (issued token type access_token), expires " + expiry + " (in "
                    + seconds + " s); the token itself is not printed");
        }
    }

    private static TokenExchangeAuth.Builder builder(Target target, CommonOptions common) {
        TokenExchangeAuth.Builder b = TokenExchangeAuth.builder();
        if (target.sandbox().isPresent() && common.apiKey().isEmpty()) {
            NhsSandbox sandbox = target.sandbox().get();
            return b.tokenUrl(sandbox.oauthTokenUrl())
                    .apiKey(sandbox.application().apiKey())
                    .keyId(sandbox.application().keyId())
                    .privateKey(sandbox.application().privateKey());
        }
        Secret apiKey = common.apiKey().orElseThrow(() -> new UsageException("--api-key (or NHS_API_KEY) is missing"));
        Path key = common.privateKey()
                .orElseThrow(() -> new UsageException("--private-key (or NHS_PRIVATE_KEY) is missing"));
        String kid = common.keyId().orElseThrow(() -> new UsageException("--key-id (or NHS_KEY_ID) is missing"));
        b.apiKey(apiKey).keyId(kid).privateKey(PrivateKeys.fromPem(key));
        if (common.baseUrl().isPresent()) {
            return b.tokenUrl(URI.create(common.baseUrl().get().toString().replaceAll("/+$", "") + "/token"));
        }
        if (target.sandbox().isPresent()) {
            return b.tokenUrl(target.sandbox().get().oauthTokenUrl());
        }
        NhsEnvironment env =
                common.environment().orElseThrow(() -> new UsageException("--env or --base-url is needed"));
        return b.environment(env);
    }
}
