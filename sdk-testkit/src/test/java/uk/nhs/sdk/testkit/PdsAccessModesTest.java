package uk.nhs.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nhs.sdk.core.auth.SignedJwtAuth;
import uk.nhs.sdk.core.internal.json.Json;

/**
 * The PDS fake's access modes (identity.md §B2) over raw HTTP, each with a token of its mode:
 * application-restricted (the signed-JWT flow), healthcare worker (a CIS2 ID token exchanged) and
 * patient (an NHS login ID token exchanged), answered with PDS's proxy's own refusals.
 */
@ExtendWith(NhsSandboxExtension.class)
class PdsAccessModesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String GENDER = "{\"patches\":[{\"op\":\"replace\",\"path\":\"/gender\",\"value\":\"male\"}]}";
    private static final String EMAIL = "{\"patches\":[{\"op\":\"add\",\"path\":\"/telecom/-\",\"value\":"
            + "{\"system\":\"email\",\"value\":\"jane@example.org\",\"use\":\"home\"}}]}";
    private static final String MANY = "/Patient?family=Sm*&birthdate=eq2010-10-22";

    /** One answer. */
    private record Answer(int status, JsonNode body) {
        String code() {
            return coding().path("code").asText(null);
        }

        JsonNode coding() {
            return body.path("issue").path(0).path("details").path("coding").path(0);
        }
    }

    private static Answer send(NhsSandbox sandbox, String token, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.pdsBaseUrl() + path))
                .header("X-Request-ID", UUID.randomUUID().toString())
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            b.GET();
        } else {
            b.header("Content-Type", "application/json-patch+json")
                    .header("If-Match", "W/\"2\"")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), Json.mapper().readTree(r.body()));
    }

    private static String appToken(NhsSandbox sandbox) {
        try (SignedJwtAuth auth = sandbox.signedJwtAuth()) {
            return auth.accessToken().reveal();
        }
    }

    @Test
    void applicationRestrictedAccessCannotUpdateAndGetsOneSearchResult(NhsSandbox sandbox) throws Exception {
        String token = appToken(sandbox);

        Answer update = send(sandbox, token, "PATCH", "/Patient/9000000009", GENDER);
        Answer two = send(sandbox, token, "GET", MANY + "&_max-results=2", null);
        Answer many = send(sandbox, token, "GET", MANY, null);
        Answer one = send(sandbox, token, "GET", "/Patient?family=Smith&given=Jane&birthdate=eq2010-10-22", null);
        Answer read = send(sandbox, token, "GET", "/Patient/9000000009", null);

        assertThat(update.status()).isEqualTo(403);
        assertThat(update.code()).isEqualTo("INVALID_METHOD");
        assertThat(update.coding().path("display").asText())
                .isEqualTo("Cannot update resource with application-restricted access token");
        assertThat(two.status()).isEqualTo(403);
        assertThat(two.code()).isEqualTo("INVALID_VALUE");
        assertThat(two.coding().path("display").asText())
                .isEqualTo("Cannot retrieve more than one result with Application Restricted access token");
        assertThat(many.status()).isEqualTo(200);
        assertThat(many.code()).isEqualTo("TOO_MANY_MATCHES");
        assertThat(one.body().path("total").asInt()).isEqualTo(1);
        assertThat(read.status()).isEqualTo(200);
    }

    @Test
    void aHealthcareWorkerCanUpdateAndSeeManyResults(NhsSandbox sandbox) throws Exception {
        String token = OidcHttp.userToken(sandbox, sandbox.cis2(), Instant.now());

        Answer update = send(sandbox, token, "PATCH", "/Patient/9000000009", GENDER);
        Answer many = send(sandbox, token, "GET", MANY, null);

        assertThat(update.status()).isEqualTo(200);
        assertThat(update.body().path("gender").asText()).isEqualTo("male");
        assertThat(many.body().path("resourceType").asText()).isEqualTo("Bundle");
        assertThat(many.body().path("total").asInt()).isGreaterThan(1);
    }

    @Test
    void aP9PatientSeesAndUpdatesOnlyTheirOwnRecordWithinTheirFields(NhsSandbox sandbox) throws Exception {
        String token = OidcHttp.userToken(sandbox, sandbox.nhsLogin(), Instant.now());

        Answer own = send(sandbox, token, "GET", "/Patient/9000000009", null);
        Answer related = send(sandbox, token, "GET", "/Patient/9000000009/RelatedPerson", null);
        Answer other = send(sandbox, token, "GET", "/Patient/9000000017", null);
        Answer search = send(sandbox, token, "GET", "/Patient?family=Smith&birthdate=eq2010-10-22", null);
        Answer gender = send(sandbox, token, "PATCH", "/Patient/9000000009", GENDER);
        Answer email = send(sandbox, token, "PATCH", "/Patient/9000000009", EMAIL);

        assertThat(own.status()).isEqualTo(200);
        assertThat(related.status()).isEqualTo(200);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.code()).isEqualTo("INVALID_VALUE");
        assertThat(other.coding().path("display").asText())
                .isEqualTo("Cannot retrieve this result with NHS-login Restricted access token");
        assertThat(other.body().path("issue").path(0).path("code").asText()).isEqualTo("token");
        assertThat(search.status()).isEqualTo(403);
        assertThat(search.code()).isEqualTo("INVALID_VALUE");
        assertThat(gender.status()).isEqualTo(403);
        assertThat(gender.code()).isEqualTo("FORBIDDEN_UPDATE");
        assertThat(email.status()).isEqualTo(200);
    }

    @Test
    void aPatientBelowP9CannotUsePds(NhsSandbox sandbox) throws Exception {
        sandbox.nhsLogin().signInAs("p5");
        String token = p5Token(sandbox);

        Answer own = send(sandbox, token, "GET", "/Patient/9000000017", null);

        assertThat(own.status()).isEqualTo(403);
        assertThat(own.code()).isEqualTo("ACCESS_DENIED");
        assertThat(own.coding().path("display").asText()).isEqualTo("Patient cannot perform this action");
    }

    private static String p5Token(NhsSandbox sandbox) throws Exception {
        SandboxIdentityProvider p = sandbox.nhsLogin();
        OidcHttp.Answer a = OidcHttp.authorize(p, "&nonce=n&vtr=%5B%22P5.Cp.Cd%22%5D");
        String tokenEndpoint = OidcHttp.discovery(p).path("token_endpoint").asText();
        OidcHttp.Answer t = OidcHttp.post(
                tokenEndpoint,
                OidcHttp.codeForm(
                        a.locationParam("code"),
                        OidcHttp.sign(
                                "RS512",
                                p.client().keyId(),
                                p.client().privateKey(),
                                OidcHttp.assertionClaims(p.client().clientId(), tokenEndpoint, Instant.now()))));
        SandboxApplication app = sandbox.application();
        java.util.Map<String, String> f = new java.util.LinkedHashMap<>();
        f.put("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange");
        f.put("subject_token_type", "urn:ietf:params:oauth:token-type:id_token");
        f.put("subject_token", t.body().path("id_token").asText());
        f.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        f.put(
                "client_assertion",
                OidcHttp.sign(
                        "RS512",
                        app.keyId(),
                        app.privateKey(),
                        OidcHttp.assertionClaims(
                                app.apiKey().reveal(), sandbox.oauthTokenUrl().toString(), Instant.now())));
        return OidcHttp.post(sandbox.oauthTokenUrl().toString(), f)
                .body()
                .path("access_token")
                .asText();
    }
}
