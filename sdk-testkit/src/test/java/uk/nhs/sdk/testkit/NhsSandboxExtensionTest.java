package uk.nhs.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nhs.sdk.core.auth.SignedJwtAuth;

/**
 * The extension shares one sandbox across a class and resets it before each test, faults a test
 * left queued included.
 */
@ExtendWith(NhsSandboxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NhsSandboxExtensionTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static NhsSandbox first;

    @Test
    @Order(1)
    void injectsARunningSandbox(NhsSandbox sandbox) {
        first = sandbox;
        assertThat(sandbox.baseUrl().getHost()).isEqualTo("127.0.0.1");
        try (SignedJwtAuth auth = sandbox.signedJwtAuth()) {
            assertThat(auth.accessToken().reveal()).isNotEmpty();
        }
        assertThat(sandbox.issuedTokenCount()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void theSameSandboxIsResetBeforeTheNextTest(NhsSandbox sandbox) {
        assertThat(sandbox).isSameAs(first);
        assertThat(sandbox.issuedTokenCount()).isZero();
    }

    @Test
    @Order(3)
    void aTestMayLeaveFaultsQueued(NhsSandbox sandbox) throws Exception {
        sandbox.faults().inject("POST", "/oauth2/token", SandboxFault.status(503), 5);
        sandbox.faults().inject("POST", "/oauth2/token", SandboxFault.slowHeaders(Duration.ofSeconds(30)), 2);
        sandbox.faults().injectNext("GET", "/personal-demographics/.*", SandboxFault.connectionReset());
        assertThat(postToken(sandbox).statusCode()).as("one of five 503s used").isEqualTo(503);
    }

    @Test
    @Order(4)
    void theNextTestStartsWithNone(NhsSandbox sandbox) throws Exception {
        assertThat(postToken(sandbox).statusCode())
                .as("the token fake's own refusal, not a queued fault")
                .isEqualTo(400);
        HttpResponse<String> patient = HTTP.send(
                HttpRequest.newBuilder(URI.create(sandbox.pdsBaseUrl() + "/Patient/9000000009"))
                        .header("X-Request-ID", UUID.randomUUID().toString())
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(patient.statusCode()).isEqualTo(200);
    }

    /** An invalid token request, which the token fake refuses with 400; never waits for long. */
    private static HttpResponse<String> postToken(NhsSandbox sandbox) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(sandbox.oauthTokenUrl())
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=password"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
