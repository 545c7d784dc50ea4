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
import uk.nhs.sdk.testkit.internal.SandboxContext;

/**
 * The API Platform OAuth2 token endpoint ({@code POST /oauth2/token}) for application-restricted
 * access with a signed JWT: it enforces the platform's rules (see {@link ClientAssertionRules})
 * with the platform's own error bodies and issues opaque tokens valid for 599 s, answered as the
 * platform does, with {@code expires_in} and {@code issued_at} as JSON strings.
 */
public final class TokenFake implements Fake {
    /** The token endpoint's path on the sandbox. */
    public static final String PATH = "/oauth2/token";
    private static final Duration LIFETIME = Duration.ofSeconds(599);

    private final SandboxContext context;
    private final RegisteredApplications applications;
    private final ClientAssertionRules rules;

    /**
     * Creates the fake.
     *
     * @param context the sandbox's shared state, holding the registered applications
     */
    public TokenFake(SandboxContext context) {
        this.context = context;
        this.applications = applications(context);
        this.rules = new ClientAssertionRules(applications);
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
        return List.of(new Route("ANY", PATH));
    }

    @Override
    public void reset() {
        rules.reset();
        context.accessTokens().clear();
    }

    @Override
    public ResponseDefinition handle(Request request) {
        if (!"POST".equals(request.getMethod().getName())) {
            return FakeResponse.json(405, "{\"error\":\"invalid_request\",\"error_description\":\"method not allowed\"}");
        }
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT)
                .startsWith("application/x-www-form-urlencoded")) {
            return refuse("Content-Type header must be application/x-www-form-urlencoded");
        }
        Instant now = context.clock().instant();
        String tokenUrl = context.baseUrl() + PATH;
        Optional<String> refusal = rules.check(form(request.getBodyAsString()), tokenUrl, now);
        if (refusal.isPresent()) {
            return refuse(refusal.get());
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("access_token", context.accessTokens().issue(LIFETIME));
        body.put("expires_in", String.valueOf(LIFETIME.toSeconds()));
        body.put("token_type", "Bearer");
        body.put("issued_at", String.valueOf(now.toEpochMilli()));
        return FakeResponse.json(200, Json.write(body));
    }

    private static ResponseDefinition refuse(String description) {
        OAuthErrors.Entry e = OAuthErrors.byDescription(description);
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
