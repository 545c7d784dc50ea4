package uk.nhs.sdk.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import uk.nhs.sdk.messaging.mesh.MeshClient;
import uk.nhs.sdk.messaging.mesh.MeshMessage;
import uk.nhs.sdk.messaging.mesh.MeshTrackingInfo;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.SandboxFault;
import uk.nhs.sdk.testkit.SandboxMeshMailbox;

/**
 * The packaged application as a client sees it: started on a random port with its own
 * {@code application.yaml} (the default {@code sandbox} profile starts the embedded sandbox), and
 * called over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExampleApplicationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    Environment environment;

    @Autowired
    NhsSandbox sandbox;

    @Autowired
    MeshClient mesh;

    @Test
    void looksAPatientUpInPds() throws Exception {
        HttpResponse<String> response = get("/patients/9000000009");

        assertThat(response.statusCode()).isEqualTo(200);
        String json = response.body();
        assertThat((String) JsonPath.read(json, "$.nhsNumber")).isEqualTo("9000000009");
        assertThat((String) JsonPath.read(json, "$.name")).isEqualTo("Jane Smith");
        assertThat((String) JsonPath.read(json, "$.gender")).isEqualTo("female");
        assertThat((String) JsonPath.read(json, "$.birthDate")).isEqualTo("2010-10-22");
        assertThat((String) JsonPath.read(json, "$.generalPractitioner")).isEqualTo("Y12345");
        assertThat((Boolean) JsonPath.read(json, "$.superseded")).isFalse();
        assertThat(((Number) JsonPath.read(json, "$.version")).longValue()).isPositive();
    }

    @Test
    void refusesAnInvalidNumberBeforeCallingPdsAndSaysWhyWithoutEchoingIt() throws Exception {
        HttpResponse<String> response = get("/patients/9000000001");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("9000000001");
    }

    @Test
    void answersASupersededNumberWithTheRetainedRecord() throws Exception {
        HttpResponse<String> response = get("/patients/9000000041");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(response.body(), "$.nhsNumber")).isEqualTo("9000000009");
        assertThat((Boolean) JsonPath.read(response.body(), "$.superseded")).isTrue();
    }

    @Test
    void answersNotFoundForAPatientPdsDoesNotKnow() throws Exception {
        HttpResponse<String> response = get("/patients/9000000068");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat((String) JsonPath.read(response.body(), "$.requestId")).isNotBlank();
        assertThat(response.body()).doesNotContain("9000000068");
    }

    @Test
    void sendsAMeshMessageThatTheRecipientReceives() throws Exception {
        HttpResponse<String> response = post("/mesh/messages", """
                {"to": "X26ABC2", "workflowId": "TEST_WORKFLOW", "subject": "results", "content": "hello from the example"}
                """);

        assertThat(response.statusCode()).isEqualTo(202);
        String messageId = JsonPath.read(response.body(), "$.messageId");
        assertThat(messageId).isNotBlank();

        SandboxMeshMailbox recipient = sandbox.meshMailboxes().stream()
                .filter(m -> m.id().equals("X26ABC2"))
                .findFirst()
                .orElseThrow();
        try (MeshClient inbox = MeshClient.builder()
                .baseUrl(sandbox.meshBaseUrl())
                .mailbox(recipient.id())
                .password(recipient.password())
                .sharedKey(sandbox.meshSharedKey())
                .build()) {
            MeshMessage received = inbox.receive(messageId);
            try (received) {
                assertThat(new String(received.content().readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("hello from the example");
                assertThat(received.info().workflowId()).contains("TEST_WORKFLOW");
            }
        }
    }

    @Test
    void aSendWhoseOutcomeIsUnknownSaysSoWithTheLocalIdToReconcileBy() throws Exception {
        // MESH stores the message, then the connection drops before its answer arrives
        sandbox.faults()
                .injectNext(
                        "POST",
                        ".*/messageexchange/X26ABC1/outbox",
                        SandboxFault.connectionReset().afterProcessing());

        HttpResponse<String> response = post("/mesh/messages", """
                {"to": "X26ABC2", "workflowId": "TEST_WORKFLOW", "content": "sent, but was it?"}
                """);

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat((Boolean) JsonPath.read(response.body(), "$.outcomeUnknown")).isTrue();
        String localId = JsonPath.read(response.body(), "$.localId");
        assertThat(localId).isNotBlank();
        MeshTrackingInfo tracked = mesh.trackByLocalId(localId);
        assertThat(tracked.messageId()).isPresent();
        assertThat(tracked.recipient()).contains("X26ABC2");
    }

    @Test
    void anAnswerPdsSentThatCannotBeReadIsABadGatewayWithTheRequestIdNotAServerError() throws Exception {
        sandbox.faults().injectNext("GET", "/personal-demographics/FHIR/R4/Patient/.*", SandboxFault.malformedJson());

        HttpResponse<String> response = get("/patients/9000000009");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat((String) JsonPath.read(response.body(), "$.requestId")).isNotBlank();
        assertThat(response.body()).doesNotContain("9000000009");
    }

    @Test
    void actuatorExposesNeitherTheEnvironmentNorTheConfigurationProperties() throws Exception {
        assertThat(get("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/configprops").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/env/nhs.private-key").statusCode()).isEqualTo(404);
    }

    @Test
    void theSdksCallsAreMeteredPerServiceAndOperation() throws Exception {
        String pdsGets = "/actuator/metrics/nhs.sdk.client.calls?tag=service:PDS"
                + "&tag=operation:GET%20/Patient/%7Bid%7D&tag=outcome:success";
        String meshSends = "/actuator/metrics/nhs.sdk.client.calls?tag=service:MESH"
                + "&tag=operation:POST%20/messageexchange/%7Bmailbox%7D/outbox&tag=outcome:success";
        double pdsBefore = countOrZero(pdsGets);
        double meshBefore = countOrZero(meshSends);

        assertThat(get("/patients/9000000009").statusCode()).isEqualTo(200);
        assertThat(post("/mesh/messages", """
                {"to": "X26ABC2", "workflowId": "TEST_WORKFLOW", "content": "metered"}
                """).statusCode()).isEqualTo(202);

        // this test's own calls, one each (other tests share the context)
        assertThat(countOrZero(pdsGets)).isEqualTo(pdsBefore + 1.0);
        assertThat(countOrZero(meshSends)).isEqualTo(meshBefore + 1.0);

        HttpResponse<String> all = get("/actuator/metrics/nhs.sdk.client.calls");
        List<String> tags = JsonPath.read(all.body(), "$.availableTags[*].tag");
        assertThat(tags).contains("service", "operation", "outcome");
        List<List<String>> operations = JsonPath.read(all.body(), "$.availableTags[?(@.tag == 'operation')].values");
        assertThat(operations.get(0)).contains("GET /Patient/{id}").noneMatch(o -> o.contains("9000000009"));

        HttpResponse<String> prometheus = get("/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body())
                .contains("nhs_sdk_client_calls_seconds_count{")
                .doesNotContain("9000000009");
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> response = get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(response.body(), "$.status")).isEqualTo("UP");
        Map<String, Object> components = JsonPath.read(response.body(), "$.components");
        assertThat(components).isNotEmpty();
    }

    private double countOrZero(String metricPath) throws IOException, InterruptedException {
        HttpResponse<String> response = get(metricPath);
        if (response.statusCode() == 404) {
            return 0.0; // no such meter yet
        }
        assertThat(response.statusCode()).isEqualTo(200);
        return count(response.body());
    }

    private static double count(String metricJson) {
        List<Number> counts = JsonPath.read(metricJson, "$.measurements[?(@.statistic == 'COUNT')].value");
        return counts.get(0).doubleValue();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(url(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
    }
}
