package uk.nhs.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Tracking (exchanges 08, 09, 12), endpoint lookup and workflow search (25-27), and the REPORT a
 * sender gets for a message its recipient did not collect (29).
 */
class MeshFakeTrackingTest extends MeshFakeTestBase {
    private static String send(String localId) {
        HttpResponse<byte[]> r = mesh.call("POST", "/messageexchange/X26ABC1/outbox")
                .as("X26ABC1")
                .header("Content-Type", "text/plain")
                .header("mex-To", "X26ABC2")
                .header("mex-WorkflowID", "TEST_WORKFLOW")
                .header("mex-FileName", "hello.txt")
                .header("mex-LocalID", localId)
                .header("mex-Subject", "example subject")
                .header("mex-Content-Checksum", "md5:5d41402abc4b2a76b9719d911017c592")
                .body("Hello MESH")
                .send();
        assertThat(r.statusCode()).isEqualTo(202);
        return MeshFakeSendReceiveTest.json(r).path("message_id").asText();
    }

    @Test
    void theSenderTracksAMessageById() {
        String id = send("example-local-id-1");
        Instant sent = clock.instant();
        HttpResponse<byte[]> r = mesh.get("X26ABC1", "/messageexchange/X26ABC1/outbox/tracking?messageID=" + id);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/vnd.mesh.v2+json");
        String expiry = java.time.LocalDateTime.ofInstant(sent.plus(Duration.ofDays(5)), java.time.ZoneOffset.UTC)
                .toString();
        String upload = java.time.LocalDateTime.ofInstant(sent, java.time.ZoneOffset.UTC)
                .toString();
        assertThat(MeshHttp.text(r))
                .isEqualTo("{\"message_id\":\"" + id + "\",\"local_id\":\"example-local-id-1\","
                        + "\"workflow_id\":\"TEST_WORKFLOW\",\"filename\":\"hello.txt\",\"expiry_time\":\"" + expiry
                        + "\","
                        + "\"upload_timestamp\":\"" + upload
                        + "\",\"recipient\":\"X26ABC2\",\"recipient_name\":\"TESTMB2\","
                        + "\"recipient_ods_code\":\"X26\",\"recipient_org_code\":\"X26\",\"recipient_org_name\":\"\","
                        + "\"status_success\":true,\"status\":\"accepted\"}");
    }

    @Test
    void trackingIsOnlyForTheSender() {
        String id = send("l1");
        assertThat(mesh.get("X26ABC2", "/messageexchange/X26ABC2/outbox/tracking?messageID=" + id)
                        .statusCode())
                .isEqualTo(404);
        assertThat(mesh.get("X26ABC1", "/messageexchange/X26ABC1/outbox/tracking?messageID=NOSUCH")
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<byte[]> missing = mesh.get("X26ABC1", "/messageexchange/X26ABC1/outbox/tracking");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(MeshHttp.text(missing)).contains("\"loc\":[\"query\",\"messageID\"]");
    }

    @Test
    void v1TrackingIsTheLongForm() {
        String id = send("example-local-id-1");
        JsonNode v1 = MeshFakeSendReceiveTest.json(
                mesh.call("GET", "/messageexchange/X26ABC1/outbox/tracking?messageID=" + id)
                        .as("X26ABC1")
                        .header("Accept", "application/json")
                        .send()); // exchange 09
        assertThat(v1.path("dtsId").asText()).isEqualTo(id);
        assertThat(v1.path("messageId").asText()).isEqualTo(id);
        assertThat(v1.path("status").asText()).isEqualTo("Accepted");
        assertThat(v1.path("statusSuccess").asText()).isEqualTo("SUCCESS");
        assertThat(v1.path("messageType").asText()).isEqualTo("Data");
        assertThat(v1.path("fileSize").asLong()).isEqualTo(10);
        assertThat(v1.path("chunkCount").asInt()).isEqualTo(1);
        assertThat(v1.path("sender").asText()).isEqualTo("X26ABC1");
        assertThat(v1.path("senderName").asText()).isEqualTo("TESTMB1");
        assertThat(v1.path("checksum").asText()).isEqualTo("md5:5d41402abc4b2a76b9719d911017c592");
        java.time.format.DateTimeFormatter compact =
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(java.time.ZoneOffset.UTC);
        assertThat(v1.path("uploadTimestamp").asText()).isEqualTo(compact.format(clock.instant()));
        assertThat(v1.path("expiryTime").asText())
                .isEqualTo(compact.format(clock.instant().plus(Duration.ofDays(5))));
    }

    @Test
    void theSenderTracksByLocalIdAndAnAmbiguousLocalIdIs300() {
        String id = send("unique-1");
        HttpResponse<byte[]> one = mesh.get("X26ABC1", "/messageexchange/X26ABC1/outbox/tracking/unique-1");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(MeshFakeSendReceiveTest.json(one).path("messageId").asText()).isEqualTo(id);
        send("twice");
        send("twice");
        assertThat(mesh.get("X26ABC1", "/messageexchange/X26ABC1/outbox/tracking/twice")
                        .statusCode())
                .isEqualTo(300);
        assertThat(mesh.get("X26ABC1", "/messageexchange/X26ABC1/outbox/tracking/never")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void anUncollectedMessageBecomesAReportToItsSenderAfterFiveDays() {
        String id = send("example-local-id-1");
        clock.advance(Duration.ofDays(5).minusMinutes(1));
        assertThat(MeshFakeSendReceiveTest.json(mesh.get("X26ABC1", "/messageexchange/X26ABC1/inbox"))
                        .path("messages")
                        .size())
                .isZero();
        clock.advance(Duration.ofMinutes(1));

        JsonNode inbox = MeshFakeSendReceiveTest.json(mesh.get("X26ABC1", "/messageexchange/X26ABC1/inbox"));
        assertThat(inbox.path("messages").size()).isEqualTo(1);
        String reportId = inbox.path("messages").get(0).asText();
        assertThat(reportId).isNotEqualTo(id);
        HttpResponse<byte[]> report = mesh.get("X26ABC1", "/messageexchange/X26ABC1/inbox/" + reportId);
        assertThat(report.statusCode()).isEqualTo(200); // exchange 29
        assertThat(report.body()).isEmpty();
        assertThat(report.headers().firstValue("mex-messagetype")).contains("REPORT");
        assertThat(report.headers().firstValue("mex-linkedmsgid")).contains(id);
        assertThat(report.headers().firstValue("mex-statuscode")).contains("14");
        assertThat(report.headers().firstValue("mex-statusevent")).contains("TRANSFER");
        assertThat(report.headers().firstValue("mex-statussuccess")).contains("ERROR");
        assertThat(report.headers().firstValue("mex-statusdescription"))
                .contains("Message not collected by recipient after 5 days");
        assertThat(report.headers().firstValue("mex-chunk-range")).contains("1:0");
        assertThat(report.headers().firstValue("mex-total-chunks")).contains("0");
        assertThat(report.headers().firstValue("mex-localid")).contains("example-local-id-1");
        assertThat(report.headers().firstValue("mex-workflowid")).contains("TEST_WORKFLOW");
        assertThat(report.headers().firstValue("mex-from")).isEmpty();
        assertThat(report.headers().firstValue("mex-filename")).contains(reportId + ".dat");

        assertThat(mesh.get("X26ABC2", "/messageexchange/X26ABC2/inbox").body())
                .asString()
                .contains("\"messages\":[]");
        assertThat(mesh.get("X26ABC2", "/messageexchange/X26ABC2/inbox/" + id).statusCode())
                .isEqualTo(410);
        assertThat(sandbox.dataDirectory().resolve("__files").resolve("mesh").resolve(id))
                .as("an undeliverable message's content is deleted")
                .doesNotExist();
        JsonNode tracking = MeshFakeSendReceiveTest.json(
                mesh.get("X26ABC1", "/messageexchange/X26ABC1/outbox/tracking?messageID=" + id));
        assertThat(tracking.path("status").asText()).isEqualTo("undeliverable");
        assertThat(tracking.path("status_success").asBoolean()).isFalse();
        assertThat(tracking.path("status_code").asText()).isEqualTo("14");

        assertThat(mesh.call("PUT", "/messageexchange/X26ABC1/inbox/" + reportId + "/status/acknowledged")
                        .as("X26ABC1")
                        .send()
                        .statusCode())
                .isEqualTo(200);
        clock.advance(Duration.ofDays(30));
        assertThat(mesh.get("X26ABC1", "/messageexchange/X26ABC1/outbox/tracking?messageID=" + id)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void endpointLookupFindsAnOrganisationsReceivers() {
        HttpResponse<byte[]> v2 = mesh.call("GET", "/messageexchange/endpointlookup/X26/TEST_WORKFLOW")
                .send();
        assertThat(v2.headers().firstValue("Content-Type")).contains("application/json"); // exchange 25
        assertThat(MeshHttp.text(v2))
                .isEqualTo("{\"results\":[{\"mailbox_id\":\"X26ABC2\",\"mailbox_name\":\"TESTMB2\"}]}");
        JsonNode v1 = MeshFakeSendReceiveTest.json(mesh.call("GET", "/messageexchange/endpointlookup/X26/TEST_WORKFLOW")
                .header("Accept", "application/json")
                .send()); // exchange 26
        assertThat(v1.path("query_id").asText()).matches("[0-9a-f]{32}");
        assertThat(v1.path("results").toString())
                .isEqualTo("[{\"address\":\"X26ABC2\",\"description\":\"TESTMB2\",\"endpoint_type\":\"MESH\"}]");
        assertThat(MeshHttp.text(mesh.call("GET", "/messageexchange/endpointlookup/X27/TEST_WORKFLOW")
                        .send()))
                .isEqualTo("{\"results\":[]}");
    }

    @Test
    void workflowSearchFindsEveryReceiver() {
        HttpResponse<byte[]> r = mesh.call("GET", "/messageexchange/workflowsearch/TEST_WORKFLOW_ACK")
                .send();
        assertThat(MeshHttp.text(r))
                .isEqualTo("{\"results\":[{\"mailbox_id\":\"X26ABC1\",\"mailbox_name\":\"TESTMB1\"},"
                        + "{\"mailbox_id\":\"X26ABC3\",\"mailbox_name\":\"TESTMB3\"}]}"); // exchange 27
    }
}
