package uk.nhs.sdk.testkit.internal.oauth;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import uk.nhs.sdk.testkit.internal.AccessMode;
import uk.nhs.sdk.testkit.internal.Json;
import uk.nhs.sdk.testkit.internal.SandboxContext;
import uk.nhs.sdk.testkit.internal.oidc.IdentityProviders;
import uk.nhs.sdk.testkit.internal.oidc.OidcProvider;

/**
 * The platform's combined authentication and authorisation (identity.md §C4): {@code GET
 * /oauth2/authorize} (the application's API key as {@code client_id}, {@code redirect_uri},
 * {@code state} and {@code response_type=code}; {@code scope=nhs-login} picks NHS login, anything
 * else CIS2) redirects to the identity provider as the platform's own client, the provider
 * redirects back to {@code /oauth2/callback}, where the platform redeems the provider's code and
 * redirects to the application with a code of its own; {@code POST /oauth2/token} then exchanges
 * that code, or a refresh token, with the API key and secret. A refresh token from a token
 * exchange may instead be sent with a signed client assertion, as the exchange itself was.
 */
final class CombinedFlow {
    static final String AUTHORIZE_PATH = "/oauth2/authorize";
    static final String CALLBACK_PATH = "/oauth2/callback";
    /** The platform's client id at the sandbox's identity providers. */
    static final String PLATFORM_CLIENT = "api-platform-sandbox";

    private static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    private final SandboxContext context;
    private final RegisteredApplications applications;
    private final UserTokens tokens;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, Authorized> codes = new ConcurrentHashMap<>();

    /** An authorization request waiting for the provider's answer, by the platform's own state. */
    private record Pending(String apiKey, String redirectUri, String state, String provider) {}

    /** A signed-in user waiting for the application to redeem the platform's code. */
    private record Authorized(String apiKey, String redirectUri, AccessMode mode, String provider, Instant expiry) {}

    CombinedFlow(SandboxContext context, RegisteredApplications applications, UserTokens tokens) {
        this.context = context;
        this.applications = applications;
        this.tokens = tokens;
    }

    void reset() {
        pending.clear();
        codes.clear();
    }

    ResponseDefinition authorize(Map<String, String> q) {
        String apiKey = q.get("client_id");
        if (apiKey == null || apiKey.isEmpty()) {
            return TokenFake.refuse(OAuthErrors.other(400, "invalid_request", "client_id is missing"));
        }
        if (!applications.isKnown(apiKey)) {
            return TokenFake.refuse(OAuthErrors.other(401, "invalid_client", "client_id is invalid"));
        }
        String redirectUri = q.get("redirect_uri");
        if (redirectUri == null || redirectUri.isEmpty()) {
            return TokenFake.refuse(OAuthErrors.other(400, "invalid_request", "redirect_uri is missing"));
        }
        if (!"code".equals(q.get("response_type"))) {
            return TokenFake.refuse(OAuthErrors.other(
                    400, "unsupported_response_type", "response_type is missing or invalid - must be 'code'"));
        }
        String state = q.get("state");
        if (state == null || state.isEmpty()) {
            return TokenFake.refuse(OAuthErrors.other(400, "invalid_request", "state is missing"));
        }
        String name = "nhs-login".equals(q.get("scope")) ? IdentityProviders.NHS_LOGIN : IdentityProviders.CIS2;
        Optional<OidcProvider> provider = IdentityProviders.of(context).byName(name);
        if (provider.isEmpty()) {
            return TokenFake.refuse(OAuthErrors.other(400, "invalid_request", "the identity provider is not hosted"));
        }
        provider.get().registerClient(PLATFORM_CLIENT, null, null);
        provider.get().registerRedirectUri(PLATFORM_CLIENT, callbackUrl());
        String internal = opaque();
        pending.put(internal, new Pending(apiKey, redirectUri, state, name));
        String scope = provider.get().isCis2() ? "openid nationalrbacaccess" : "openid profile";
        StringBuilder location = new StringBuilder(provider.get().baseUrl())
                .append("/authorize?response_type=code")
                .append("&client_id=")
                .append(enc(PLATFORM_CLIENT))
                .append("&redirect_uri=")
                .append(enc(callbackUrl()))
                .append("&scope=")
                .append(enc(scope))
                .append("&state=")
                .append(enc(internal))
                .append("&nonce=")
                .append(enc(opaque()))
                .append("&max_age=300");
        if (q.containsKey("acr_values") && provider.get().isCis2()) {
            location.append("&acr_values=").append(enc(q.get("acr_values")));
        }
        return redirect(location.toString());
    }

    ResponseDefinition callback(Map<String, String> q) {
        Pending p = q.get("state") == null ? null : pending.remove(q.get("state"));
        if (p == null) {
            return TokenFake.refuse(OAuthErrors.other(400, "invalid_request", "state is invalid or expired"));
        }
        String back = p.redirectUri() + (p.redirectUri().contains("?") ? "&" : "?");
        if (q.containsKey("error")) {
            return redirect(back + "error=" + enc(q.get("error")) + "&state=" + enc(p.state()));
        }
        OidcProvider provider =
                IdentityProviders.of(context).byName(p.provider()).orElseThrow();
        Optional<OidcProvider.Session> session =
                provider.redeemForPlatform(q.get("code"), PLATFORM_CLIENT, callbackUrl());
        if (session.isEmpty()) {
            return redirect(back + "error=access_denied&state=" + enc(p.state()));
        }
        String level = session.get().level();
        AccessMode mode = provider.isCis2()
                ? AccessMode.healthcareWorker(level.substring(0, Math.min(4, level.length())))
                : AccessMode.patient(
                        level.substring(0, Math.min(2, level.length())),
                        session.get().user().nhsNumber().orElse(""));
        String code = opaque();
        codes.put(
                code,
                new Authorized(
                        p.apiKey(),
                        p.redirectUri(),
                        mode,
                        p.provider(),
                        context.clock().instant().plus(CODE_LIFETIME)));
        return redirect(back + "code=" + enc(code) + "&state=" + enc(p.state()));
    }

    /**
     * The {@code authorization_code} and {@code refresh_token} grants, with the API key and secret.
     *
     * @param form the form fields
     * @return the answer
     */
    ResponseDefinition token(Map<String, String> form) {
        String apiKey = form.get("client_id");
        if (!applications.secretMatches(apiKey, form.get("client_secret"))) {
            return TokenFake.refuse(OAuthErrors.byDescription("client_id or client_secret is invalid"));
        }
        if ("refresh_token".equals(form.get("grant_type"))) {
            return refresh(apiKey, form.get("refresh_token"));
        }
        Authorized a = form.get("code") == null ? null : codes.remove(form.get("code"));
        if (a == null
                || !a.apiKey().equals(apiKey)
                || !a.redirectUri().equals(form.get("redirect_uri"))
                || !context.clock().instant().isBefore(a.expiry())) {
            return TokenFake.refuse(OAuthErrors.byDescription("authorization_code is invalid"));
        }
        return TokenFake.ok(Json.write(tokens.issue(apiKey, a.mode(), a.provider())));
    }

    /**
     * The {@code refresh_token} grant for an authenticated application.
     *
     * @param apiKey the application, authenticated by its secret or a client assertion
     * @param refreshToken the refresh token
     * @return the answer
     */
    ResponseDefinition refresh(String apiKey, String refreshToken) {
        Object renewed = tokens.refresh(apiKey, refreshToken);
        if (renewed instanceof String) {
            return TokenFake.refuse(OAuthErrors.byDescription((String) renewed));
        }
        return TokenFake.ok(Json.write(renewed));
    }

    private String callbackUrl() {
        return context.baseUrl() + CALLBACK_PATH;
    }

    private static ResponseDefinition redirect(String location) {
        return new ResponseDefinitionBuilder()
                .withStatus(302)
                .withHeader("Location", location)
                .build();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String opaque() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
