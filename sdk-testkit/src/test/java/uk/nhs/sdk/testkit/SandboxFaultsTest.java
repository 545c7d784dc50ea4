package uk.nhs.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults apply to the next matching requests only, before or after the fake handles them.
 */
@ExtendWith(NhsSandboxExtension.class)
class SandboxFaultsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> postForm(NhsSandbox sandbox) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(sandbox.oauthTokenUrl())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=password"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aStatusFaultAnswersOnceWithRetryAfterThenTheFakeAnswersAgain(NhsSandbox sandbox) throws Exception {
        sandbox.faults()
                .injectNext("POST", "/oauth2/token", SandboxFault.status(503).withRetryAfter(Duration.ofSeconds(2)));
        HttpResponse<String> first = postForm(sandbox);
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.headers().firstValue("Retry-After")).contains("2");
        assertThat(postForm(sandbox).statusCode()).isEqualTo(400);
    }

    @Test
    void aFaultForAnotherPathOrMethodDoesNotApply(NhsSandbox sandbox) throws Exception {
        sandbox.faults().injectNext("GET", "/oauth2/token", SandboxFault.status(500));
        sandbox.faults().injectNext("POST", "/other", SandboxFault.status(500));
        assertThat(postForm(sandbox).statusCode()).isEqualTo(400);
    }

    @Test
    void aFaultSelectsARequestByItsPathWhateverItsQueryHolds(NhsSandbox sandbox) throws Exception {
        sandbox.faults()
                .injectNext("GET", "/personal-demographics/FHIR/R4/Patient/9000000009", SandboxFault.status(503));
        assertThat(RawHttp.get(
                        sandbox,
                        "/personal-demographics/FHIR/R4/Patient/9000000009"
                                + "?identifier=https://fhir.nhs.uk/Id/nhs-number|9000000009",
                        Map.of()))
                .isEqualTo(503);
    }

    @Test
    void aConnectionResetGivesNoResponse(NhsSandbox sandbox) {
        sandbox.faults().injectNext("POST", "/oauth2/.*", SandboxFault.connectionReset());
        assertThatThrownBy(() -> postForm(sandbox)).isInstanceOf(IOException.class);
    }

    @Test
    void anAfterProcessingFaultLetsTheFakeActFirst(NhsSandbox sandbox) {
        sandbox.faults()
                .injectNext("POST", "/oauth2/token", SandboxFault.status(502).afterProcessing());
        try (var auth = sandbox.signedJwtAuth()) {
            auth.accessToken();
        }
        // the first token request was handled (a token issued) but its answer replaced by 502; the
        // retry got a second token
        assertThat(sandbox.issuedTokenCount()).isEqualTo(2);
    }

    @Test
    void resetDropsQueuedFaults(NhsSandbox sandbox) throws Exception {
        sandbox.faults().inject("POST", "/oauth2/token", SandboxFault.status(500), 3);
        sandbox.reset();
        assertThat(postForm(sandbox).statusCode()).isEqualTo(400);
    }

    @Test
    void faultsDescribeThemselves() {
        assertThat(SandboxFault.status(503)
                        .withRetryAfter(Duration.ofSeconds(1))
                        .afterProcessing())
                .hasToString("SandboxFault[503, Retry-After 1s, after processing]");
        assertThat(SandboxFault.connectionReset().statusCode()).isEmpty();
        assertThatThrownBy(() -> SandboxFault.status(200)).isInstanceOf(IllegalArgumentException.class);
    }
}
