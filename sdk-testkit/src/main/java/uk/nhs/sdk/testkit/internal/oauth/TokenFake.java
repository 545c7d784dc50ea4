package uk.nhs.sdk.testkit.internal.oauth;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.nhs.sdk.testkit.internal.Fake;
import uk.nhs.sdk.testkit.internal.FakeResponse;
import uk.nhs.sdk.testkit.internal.Json;
import uk.nhs.sdk.testkit.internal.RequestTarget;
import uk.nhs.sdk.testkit.internal.SandboxContext;
import uk.nhs.sdk.testkit.internal.oidc.IdentityProviders;
import uk.nhs.sdk.testkit.internal.oidc.Jws;

/**
 * The API Platform OAuth2 server ({@code /oauth2}): the token endpoint ({@code POST /oauth2/token})
 * for application-restricted access with a signed JWT ({@code client_credentials}, see
 * {@link ClientAssertionRules}), for user-restricted access by token exchange (a CIS2 or NHS login
 * ID token as the {@code subject_token}, see {@link SubjectTokenRules}) and for the combined flow's
 * {@code authorization_code} and {@code refresh_token} grants, with {@code /oauth2/authorize} and
 * {@code /oauth2/callback} (see {@link CombinedFlow}). Refusals carry the platform's own error
 * bodies; tokens are opaque, valid for 599 s, remember their access mode, and are answered as the
 * platform does, with {@code expires_in} and the other numbers as JSON strings.
 */
public final class TokenFake implements Fake {
    /** The token endpoint's path on the sandbox. */
    public static final String PATH = "/oauth2/token";

    private static final Duration LIFETIME = Duration.ofSeconds(599);
    private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final String ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";

    private final SandboxContext context;
    private final RegisteredApplications applications;
    private final ClientAssertionRules rules;
    private final SubjectTokenRules subjectTokens;
    private final UserTokens userTokens;
    private final CombinedFlow combined;

    /**
     * Creates the fake.
     *
     * @param context the sandbox's shared state, holding the registered applications
     */
    public TokenFake(SandboxContext context) {
        this.context = context;
        this.applications = applications(context);
        this.rules = new ClientAssertionRules(applications);
        this.subjectTokens = new SubjectTokenRules(IdentityProviders.of(context));
        this.userTokens = new UserTokens(context);
        this.combined = new CombinedFlow(context, applications, userTokens);
    }

    /**
     * The applications registered with a sandbox's OAuth2 fake, to which tests and the sandbox add
     * keys; they survive {@link #reset()}.
     *
     * @param context the sandbox's shared state
     * @return the registry
     */
    public static RegisteredApplications applications(SandboxContext context) {
        return context.shared(RegisteredApplications.class, RegisteredApplications::new);
    }

    /**
     * The registered applications, to which tests and the sandbox add keys.
     *
     * @return the registry
     */
    public RegisteredApplications applications() {
        return applications;
    }

    @Override
    public String name() {
        return "oauth2";
    }

    @Override
    public List<Route> routes() {
        return List.of(
                new Route("ANY", PATH),
                new Route("GET", CombinedFlow.AUTHORIZE_PATH),
                new Route("GET", CombinedFlow.CALLBACK_PATH));
    }

    @Override
    public void reset() {
        rules.reset();
        subjectTokens.reset();
        userTokens.reset();
        combined.reset();
        context.accessTokens().clear();
    }

    @Override
    public ResponseDefinition handle(Request request) {
        String path = RequestTarget.rawPath(request.getUrl());
        if (path.equals(CombinedFlow.AUTHORIZE_PATH)) {
            return combined.authorize(form(RequestTarget.rawQuery(request.getUrl())));
        }
        if (path.equals(CombinedFlow.CALLBACK_PATH)) {
            return combined.callback(form(RequestTarget.rawQuery(request.getUrl())));
        }
        if (!"POST".equals(request.getMethod().getName())) {
            return FakeResponse.json(
                    405, "{\"error\":\"invalid_request\",\"error_description\":\"method not allowed\"}");
        }
        String contentType = request.getHeader("Content-Type");
        if (contentType == null
                || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return refuse("Content-Type header must be application/x-www-form-urlencoded");
        }
        Map<String, String> form = form(request.getBodyAsString());
        String grantType = form.get("grant_type");
        if (grantType == null) {
            return refuse("grant_type is missing");
        }
        switch (grantType) {
            case "client_credentials":
                return clientCredentials(form);
            case TOKEN_EXCHANGE:
                return tokenExchange(form);
            case "refresh_token":
                if (form.containsKey("client_assertion")) {
                    Optional<String> refusal =
                            rules.check(form, tokenUrl(), context.clock().instant());
                    if (refusal.isPresent()) {
                        return refuse(refusal.get());
                    }
                    return combined.refresh(
                            Jws.parse(form.get("client_assertion"))
                                    .orElseThrow()
                                    .claims()
                                    .path("iss")
                                    .asText(),
                            form.get("refresh_token"));
                }
                return combined.token(form);
            case "authorization_code":
                return combined.token(form);
            default:
                return refuse("grant_type is invalid");
        }
    }

    private ResponseDefinition clientCredentials(Map<String, String> form) {
        Instant now = context.clock().instant();
        Optional<String> refusal = rules.check(form, tokenUrl(), now);
        if (refusal.isPresent()) {
            return refuse(refusal.get());
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("access_token", context.accessTokens().issue(LIFETIME));
        body.put("expires_in", String.valueOf(LIFETIME.toSeconds()));
        body.put("token_type", "Bearer");
        body.put("issued_at", String.valueOf(now.toEpochMilli()));
        return ok(Json.write(body));
    }

    private ResponseDefinition tokenExchange(Map<String, String> form) {
        if (!ID_TOKEN_TYPE.equals(form.get("subject_token_type"))) {
            return refuse(
                    "missing or invalid subject_token_type - must be 'urn:ietf:params:oauth:token-type:id_token'");
        }
        String subjectToken = form.get("subject_token");
        if (subjectToken == null || subjectToken.isEmpty()) {
            return refuse("Missing subject_token");
        }
        Instant now = context.clock().instant();
        Optional<String> refusal = rules.check(form, tokenUrl(), now);
        if (refusal.isPresent()) {
            return refuse(refusal.get());
        }
        SubjectTokenRules.Outcome outcome = subjectTokens.check(subjectToken, now);
        if (outcome.refusal().isPresent()) {
            return refuse(outcome.refusal().get());
        }
        Map<String, String> body = new LinkedHashMap<>(userTokens.issue(
                Jws.parse(form.get("client_assertion"))
                        .orElseThrow()
                        .claims()
                        .path("iss")
                        .asText(),
                outcome.mode(),
                outcome.provider()));
        body.put("issued_token_type", UserTokens.ACCESS_TOKEN_TYPE);
        return ok(Json.write(body));
    }

    private String tokenUrl() {
        return context.baseUrl() + PATH;
    }

    static ResponseDefinition ok(String json) {
        return FakeResponse.json(200, "application/json", json)
                .withHeader("Cache-Control", "no-store")
                .build();
    }

    private static ResponseDefinition refuse(String description) {
        return refuse(OAuthErrors.byDescription(description));
    }

    static ResponseDefinition refuse(OAuthErrors.Entry e) {
        return FakeResponse.json(e.status, e.body());
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }
}
