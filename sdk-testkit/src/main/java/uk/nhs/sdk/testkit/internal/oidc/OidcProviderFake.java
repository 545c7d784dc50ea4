package uk.nhs.sdk.testkit.internal.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import uk.nhs.sdk.testkit.internal.Fake;
import uk.nhs.sdk.testkit.internal.FakeResponse;
import uk.nhs.sdk.testkit.internal.Json;
import uk.nhs.sdk.testkit.internal.RequestTarget;

/**
 * A fake OpenID Connect provider, CIS2 or NHS login by its {@link ProviderProfile}: discovery,
 * JWKS, an authorization endpoint that signs the chosen test user in at once and redirects (302)
 * with a code, a token endpoint with {@code private_key_jwt} client authentication and the
 * {@code authorization_code} and {@code refresh_token} grants issuing RS512 ID tokens, and
 * UserInfo. The redirect URI must be one the client registered (exactly, or a loopback
 * {@code http://127.0.0.1/path} at any port, RFC 8252 §7.3), as with the real CIS2 and NHS login.
 * Refusals before the redirect URI is trusted (unknown client, unregistered redirect URI) are a
 * 400 with a JSON body and never a redirect; after, they are redirects with {@code error} and
 * {@code state}, as OAuth 2.0 §4.1.2.1 says.
 */
public final class OidcProviderFake implements Fake {
    private static final Map<String, Integer> AAL_RANK =
            Map.of("AAL1_USERPASS", 1, "AAL2_ANY", 2, "AAL2_OR_AAL3_ANY", 2, "AAL3_ANY", 3);

    private final OidcProvider provider;
    private final ProviderProfile profile;

    OidcProviderFake(OidcProvider provider) {
        this.provider = provider;
        this.profile = provider.profile;
    }

    @Override
    public String name() {
        return profile.name;
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route("ANY", Pattern.quote(profile.basePath) + "/.*"));
    }

    @Override
    public void reset() {
        provider.reset();
    }

    @Override
    public ResponseDefinition handle(Request request) {
        String method = request.getMethod().getName();
        String path = RequestTarget.rawPath(request.getUrl()).substring(profile.basePath.length());
        try {
            if ("GET".equals(method) && path.equals("/.well-known/openid-configuration")) {
                return FakeResponse.json(200, Json.write(discovery()));
            }
            if ("GET".equals(method) && path.equals(profile.jwksPath)) {
                return FakeResponse.json(200, Json.write(provider.keys().jwks()));
            }
            if ("GET".equals(method) && path.equals("/authorize")) {
                return authorize(query(RequestTarget.rawQuery(request.getUrl())));
            }
            if (path.equals(profile.tokenPath)) {
                return token(request, method);
            }
            if (path.equals("/userinfo") && ("GET".equals(method) || "POST".equals(method))) {
                return userInfo(request);
            }
            return FakeResponse.json(404, "{\"error\":\"not_found\"}");
        } catch (OAuthRefusal e) {
            return e.response();
        }
    }

    private Map<String, Object> discovery() {
        String base = provider.baseUrl();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("issuer", provider.issuer());
        d.put("authorization_endpoint", base + "/authorize");
        d.put("token_endpoint", provider.tokenEndpoint());
        d.put("userinfo_endpoint", base + "/userinfo");
        d.put("jwks_uri", base + profile.jwksPath);
        d.put("response_types_supported", List.of("code"));
        d.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        d.put("subject_types_supported", List.of("public"));
        d.put("id_token_signing_alg_values_supported", List.of("RS512"));
        d.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
        d.put(
                "token_endpoint_auth_signing_alg_values_supported",
                new ArrayList<>(new java.util.TreeSet<>(profile.assertionAlgorithms)));
        if (profile.cis2) {
            d.put(
                    "scopes_supported",
                    List.of(
                            "openid",
                            "profile",
                            "email",
                            "nhsperson",
                            "associatedorgs",
                            "nationalrbacaccess",
                            "professionalmemberships",
                            "organisationalmemberships",
                            "selectedrole"));
            d.put("acr_values_supported", List.of("AAL1_USERPASS", "AAL2_ANY", "AAL2_OR_AAL3_ANY", "AAL3_ANY"));
        } else {
            d.put("scopes_supported", List.of("openid", "profile", "email", "phone", "profile_extended"));
            d.put(
                    "vtr_values_supported",
                    List.of("P0.Cp", "P5.Cp.Cd", "P5.Cp.Ck", "P5.Cm", "P9.Cp.Cd", "P9.Cp.Ck", "P9.Cm"));
        }
        return d;
    }

    private ResponseDefinition authorize(Map<String, String> q) {
        String clientId = q.get("client_id");
        if (!provider.isClient(clientId)) {
            throw OAuthRefusal.invalidRequest("client_id is missing or not registered with the provider");
        }
        String redirectUri = q.get("redirect_uri");
        if (!provider.isRegisteredRedirectUri(clientId, redirectUri)) {
            // never redirect to a URI the client did not register: that would be an open redirect
            throw OAuthRefusal.invalidRequest("redirect_uri is missing or not registered for the client");
        }
        String state = q.get("state");
        if (!"code".equals(q.get("response_type"))) {
            return redirectError(redirectUri, state, "unsupported_response_type", "response_type must be code");
        }
        String scope = q.getOrDefault("scope", "");
        if (!Set.of(scope.split(" ")).contains("openid")) {
            return redirectError(redirectUri, state, "invalid_scope", "scope must contain openid");
        }
        if (state == null || state.isEmpty()) {
            return redirectError(redirectUri, null, "invalid_request", "state is required");
        }
        String nonce = q.getOrDefault("nonce", "");
        if (!profile.cis2 && nonce.isEmpty()) {
            return redirectError(redirectUri, state, "invalid_request", "nonce is required");
        }
        String challenge = q.getOrDefault("code_challenge", "");
        if (!challenge.isEmpty() && !"S256".equals(q.get("code_challenge_method"))) {
            return redirectError(redirectUri, state, "invalid_request", "code_challenge_method must be S256");
        }
        TestUser user = provider.nextUser();
        Optional<String> level;
        try {
            level = profile.cis2 ? acr(user, q.get("acr_values")) : vot(user, q.get("vtr"));
        } catch (IllegalArgumentException e) {
            return redirectError(redirectUri, state, "invalid_request", "vtr must be a JSON array of vectors of trust");
        }
        if (level.isEmpty()) {
            return redirectError(
                    redirectUri, state, "access_denied", "the test user cannot authenticate at the level requested");
        }
        String code = provider.issueCode(clientId, redirectUri, scope, nonce, level.get(), challenge);
        return redirect(redirectUri, "code=" + enc(code) + "&state=" + enc(state));
    }

    /** The CIS2 user's acr when it meets one of the requested values (any when none requested). */
    private static Optional<String> acr(TestUser user, String acrValues) {
        if (acrValues == null || acrValues.isBlank()) {
            return Optional.of(user.level());
        }
        int rank = AAL_RANK.getOrDefault(user.level(), 0);
        for (String wanted : acrValues.trim().split(" +")) {
            if (AAL_RANK.getOrDefault(wanted, Integer.MAX_VALUE) <= rank) {
                return Optional.of(user.level());
            }
        }
        return Optional.empty();
    }

    /** The highest requested vector of trust the NHS login user's proofing level meets. */
    private static Optional<String> vot(TestUser user, String vtr) {
        List<String> vectors = new ArrayList<>();
        if (vtr == null || vtr.isEmpty()) {
            vectors.addAll(ProviderProfile.DEFAULT_VTR);
        } else {
            try {
                JsonNode arr = Json.tree(vtr.getBytes(StandardCharsets.UTF_8));
                if (arr == null || !arr.isArray() || arr.isEmpty()) {
                    throw new IllegalArgumentException("not an array");
                }
                arr.forEach(v -> vectors.add(v.asText()));
            } catch (IOException e) {
                throw new IllegalArgumentException("not JSON", e);
            }
        }
        int userLevel = proofing(user.level());
        String best = null;
        for (String v : vectors) {
            int level = proofing(v.split("\\.")[0]);
            if (level >= 0 && level <= userLevel && (best == null || level > proofing(best.split("\\.")[0]))) {
                best = v;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int proofing(String level) {
        return level.matches("P[0-9]") ? level.charAt(1) - '0' : -1;
    }

    private ResponseDefinition token(Request request, String method) {
        if (!"POST".equals(method)) {
            return FakeResponse.json(405, "{\"error\":\"invalid_request\",\"error_description\":\"use POST\"}");
        }
        String contentType =
                Optional.ofNullable(request.getHeader("Content-Type")).orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw OAuthRefusal.invalidRequest("the body must be application/x-www-form-urlencoded");
        }
        Map<String, String> form =
                query(Optional.ofNullable(request.getBodyAsString()).orElse(""));
        String clientId = provider.assertions().authenticate(form, provider.tokenEndpoint(), provider.now());
        String grant = form.getOrDefault("grant_type", "");
        OidcProvider.Session session;
        if ("authorization_code".equals(grant)) {
            session = provider.redeem(
                    form.get("code"), clientId, form.getOrDefault("redirect_uri", ""), form.get("code_verifier"));
        } else if ("refresh_token".equals(grant)) {
            session = provider.refresh(form.get("refresh_token"), clientId);
        } else {
            throw new OAuthRefusal(
                    400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
        }
        return FakeResponse.json(200, "application/json", Json.write(provider.tokens(session)))
                .withHeader("Cache-Control", "no-store")
                .build();
    }

    private ResponseDefinition userInfo(Request request) {
        String authorization = request.getHeader("Authorization");
        Optional<OidcProvider.Session> s = authorization != null && authorization.startsWith("Bearer ")
                ? provider.session(authorization.substring(7).strip())
                : Optional.empty();
        if (s.isEmpty()) {
            return FakeResponse.json(
                            401,
                            "application/json",
                            "{\"error\":\"invalid_token\",\"error_description\":\"the access token is missing, unknown or expired\"}")
                    .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .build();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sub", s.get().user().sub());
        body.putAll(provider.claims(s.get()));
        return FakeResponse.json(200, Json.write(body));
    }

    private static ResponseDefinition redirectError(
            String redirectUri, String state, String error, String description) {
        String q = "error=" + enc(error) + "&error_description=" + enc(description);
        return redirect(redirectUri, state == null ? q : q + "&state=" + enc(state));
    }

    private static ResponseDefinition redirect(String redirectUri, String query) {
        String location = redirectUri + (redirectUri.contains("?") ? "&" : "?") + query;
        return new ResponseDefinitionBuilder()
                .withStatus(302)
                .withHeader("Location", location)
                .withHeader("Cache-Control", "no-store")
                .build();
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Decodes {@code application/x-www-form-urlencoded} pairs (a query or a form body). A name
     * sent twice is refused, as OAuth 2.0 §3.1 says parameters "MUST NOT be included more than
     * once" (which one would a server pick?).
     *
     * @param raw the encoded pairs
     * @return the decoded pairs
     * @throws OAuthRefusal {@code invalid_request} for a repeated name
     */
    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (out.putIfAbsent(k, v) != null) {
                throw OAuthRefusal.invalidRequest("a parameter is repeated");
            }
        }
        return out;
    }
}
