package uk.nhs.sdk.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import uk.nhs.sdk.core.testing.LogGuard;

/**
 * The NHS number (in the path of {@code GET /patients/{nhsNumber}}) and a MESH message's content
 * stay out of Spring's own error bodies and log lines, even with {@code org.springframework.web}
 * raised to DEBUG, as someone chasing a problem would.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.level.org.springframework.web=DEBUG")
class PrivacyTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String NHS_NUMBER = "9000000009";

    @Autowired
    Environment environment;

    @Test
    void springsErrorBodiesOutsideTheControllersDoNotEchoThePath() throws Exception {
        HttpResponse<String> wrongMethod = send(
                HttpRequest.newBuilder(url("/patients/" + NHS_NUMBER)).DELETE().build());
        HttpResponse<String> noSuchRoute = send(HttpRequest.newBuilder(url("/patients/" + NHS_NUMBER + "/x"))
                .GET()
                .build());

        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.body()).doesNotContain(NHS_NUMBER);
        assertThat(noSuchRoute.statusCode()).isEqualTo(404);
        assertThat(noSuchRoute.body()).doesNotContain(NHS_NUMBER);
    }

    @Test
    void springsDebugLinesDoNotHoldTheNumberInThePath() throws Exception {
        assertThat(send(HttpRequest.newBuilder(url("/patients/" + NHS_NUMBER))
                                .GET()
                                .build())
                        .statusCode())
                .isEqualTo(200);

        assertThat(LogGuard.violations()).isEmpty();
    }

    @Test
    void springsDebugLinesDoNotHoldAMeshMessagesContent() throws Exception {
        String content = "RX-4471 clinical letter for the patient";
        LogGuard.forbid("RX-4471"); // the content's start: Spring cuts a logged body to 100 characters

        assertThat(send(HttpRequest.newBuilder(url("/mesh/messages"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"to\": \"X26ABC2\", \"workflowId\": \"TEST_WORKFLOW\"," + " \"content\": \""
                                                + content + "\"}"))
                                .build())
                        .statusCode())
                .isEqualTo(202);

        assertThat(LogGuard.violations()).isEmpty();
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
    }
}
