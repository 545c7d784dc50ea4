package uk.nhs.sdk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import uk.nhs.sdk.core.internal.json.Json;
import uk.nhs.sdk.testkit.internal.oidc.Jws;

/**
 * Raw HTTP for the identity-provider and token-exchange fake tests: GETs that never follow
 * redirects, form POSTs, client assertions signed with the JDK, and the steps of a sign-in.
 */
final class OidcHttp {
    static final String REDIRECT = "http://127.0.0.1:1/callback";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private OidcHttp() {}

    /** One exchange's status, JSON body (null node when not JSON) and Location. */
    record Answer(int status, JsonNode body, String location) {
        String error() {
            return body.path("error").asText(null);
        }

        String description() {
            return body.path("error_description").asText(null);
        }

        /** A query parameter of the Location header. */
        String locationParam(String name) {
            String q = URI.create(location).getRawQuery();
            for (String pair : q.split("&")) {
                int eq = pair.indexOf('=');
                if (pair.substring(0, eq).equals(name)) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    static Answer get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return answer(HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()));
    }

    static Answer post(String url, Map<String, String> form) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        return answer(HTTP.send(r, HttpResponse.BodyHandlers.ofString()));
    }

    private static Answer answer(HttpResponse<String> r) throws Exception {
        JsonNode body;
        try {
            body = r.body().isEmpty() ? Json.mapper().nullNode() : Json.mapper().readTree(r.body());
        } catch (java.io.IOException e) {
            body = Json.mapper().nullNode();
        }
        return new Answer(
                r.statusCode(), body, r.headers().firstValue("Location").orElse(null));
    }

    static String encode(Map<String, String> form) {
        StringJoiner j = new StringJoiner("&");
        form.forEach((k, v) -> j.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return j.toString();
    }

    /** Discovery, as JSON. */
    static JsonNode discovery(SandboxIdentityProvider p) throws Exception {
        return get(p.discoveryUrl().toString()).body();
    }

    /** Standard claims of a client assertion, to alter before signing. */
    static Map<String, Object> assertionClaims(String clientId, String aud, Instant now) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", clientId);
        c.put("sub", clientId);
        c.put("aud", aud);
        c.put("jti", UUID.randomUUID().toString());
        c.put("exp", now.getEpochSecond() + 300);
        return c;
    }

    static String sign(String alg, String kid, PrivateKey key, Map<String, Object> claims) {
        return Jws.sign(alg, kid, key, claims);
    }

    /** The token request's form for a code, with a client assertion. */
    static Map<String, String> codeForm(String code, String assertion) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("code", code);
        f.put("redirect_uri", REDIRECT);
        f.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        f.put("client_assertion", assertion);
        return f;
    }

    /** Starts a sign-in and returns the authorization endpoint's answer. */
    static Answer authorize(SandboxIdentityProvider p, String extraQuery) throws Exception {
        return authorize(p, p.client().clientId(), REDIRECT, extraQuery);
    }

    /** Starts a sign-in for a client and redirect URI and returns the authorization endpoint's answer. */
    static Answer authorize(SandboxIdentityProvider p, String clientId, String redirectUri, String extraQuery)
            throws Exception {
        JsonNode d = discovery(p);
        String url = d.path("authorization_endpoint").asText() + "?response_type=code&client_id="
                + URLEncoder.encode(clientId, StandardCharsets.UTF_8) + "&redirect_uri="
                + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8) + "&scope=openid%20profile%20email&state=s-1"
                + extraQuery;
        return get(url);
    }

    /** A whole sign-in: authorize, then the code redeemed with a good assertion; the token response. */
    static JsonNode signIn(SandboxIdentityProvider p, Instant now) throws Exception {
        Answer a = authorize(p, "&nonce=n-1");
        String code = a.locationParam("code");
        String tokenEndpoint = discovery(p).path("token_endpoint").asText();
        String assertion = sign(
                "RS512",
                p.client().keyId(),
                p.client().privateKey(),
                assertionClaims(p.client().clientId(), tokenEndpoint, now));
        Answer t = post(tokenEndpoint, codeForm(code, assertion));
        if (t.status() != 200) {
            throw new AssertionError("sign-in failed: " + t.status() + " " + t.body());
        }
        return t.body();
    }

    /** Signs a test user in and exchanges the ID token at the platform: the user-restricted access token. */
    static String userToken(NhsSandbox sandbox, SandboxIdentityProvider p, Instant now) throws Exception {
        String idToken = signIn(p, now).path("id_token").asText();
        SandboxApplication app = sandbox.application();
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange");
        f.put("subject_token_type", "urn:ietf:params:oauth:token-type:id_token");
        f.put("subject_token", idToken);
        f.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        f.put(
                "client_assertion",
                sign(
                        "RS512",
                        app.keyId(),
                        app.privateKey(),
                        assertionClaims(
                                app.apiKey().reveal(), sandbox.oauthTokenUrl().toString(), now)));
        Answer a = post(sandbox.oauthTokenUrl().toString(), f);
        if (a.status() != 200) {
            throw new AssertionError("exchange failed: " + a.status() + " " + a.body());
        }
        return a.body().path("access_token").asText();
    }

    /** The claims of a compact JWS, unverified. */
    static JsonNode claims(String jwt) {
        return Jws.parse(jwt).orElseThrow().claims();
    }

    static JsonNode header(String jwt) {
        return Jws.parse(jwt).orElseThrow().header();
    }
}
