package uk.nhs.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The inbox: accepted messages oldest first, pages of {@code max_results} joined by a relative
 * {@code links.next} (exchange 28), {@code workflow_filter}, and the deprecated count.
 */
class MeshFakeInboxTest extends MeshFakeTestBase {
    private static String send(String to, String workflow) {
        HttpResponse<byte[]> r = mesh.call("POST", "/messageexchange/X26ABC1/outbox")
                .as("X26ABC1")
                .header("mex-To", to)
                .header("mex-WorkflowID", workflow)
                .body("x")
                .send();
        assertThat(r.statusCode()).isEqualTo(202);
        return MeshFakeSendReceiveTest.json(r).path("message_id").asText();
    }

    private static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("messages").forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void pagesFollowLinksNextUntilTheLastPage() {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            sent.add(send("X26ABC3", "TEST_WORKFLOW_ACK"));
        }
        JsonNode first =
                MeshFakeSendReceiveTest.json(mesh.get("X26ABC3", "/messageexchange/X26ABC3/inbox?max_results=10"));
        assertThat(ids(first)).hasSize(10);
        assertThat(first.path("approx_inbox_count").asInt()).isEqualTo(25);
        assertThat(first.path("links").path("self").asText())
                .isEqualTo("/messageexchange/X26ABC3/inbox?max_results=10");
        String next = first.path("links").path("next").asText();
        assertThat(next).startsWith("/messageexchange/X26ABC3/inbox?max_results=10&continue_from=");

        List<String> all = new ArrayList<>(ids(first));
        JsonNode page = first;
        int pages = 1;
        while (page.path("links").has("next")) {
            page = MeshFakeSendReceiveTest.json(
                    mesh.get("X26ABC3", page.path("links").path("next").asText()));
            all.addAll(ids(page));
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(ids(page)).hasSize(5);
        assertThat(all).isEqualTo(sent);
    }

    @Test
    void theNextPageIsRightEvenAfterThePreviousPageWasAcknowledged() {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sent.add(send("X26ABC3", "TEST_WORKFLOW_ACK"));
        }
        JsonNode first =
                MeshFakeSendReceiveTest.json(mesh.get("X26ABC3", "/messageexchange/X26ABC3/inbox?max_results=10"));
        for (String id : ids(first)) {
            assertThat(mesh.call("PUT", "/messageexchange/X26ABC3/inbox/" + id + "/status/acknowledged")
                            .as("X26ABC3")
                            .send()
                            .statusCode())
                    .isEqualTo(200);
        }
        JsonNode second = MeshFakeSendReceiveTest.json(
                mesh.get("X26ABC3", first.path("links").path("next").asText()));
        assertThat(ids(second)).isEqualTo(sent.subList(10, 12));
        assertThat(second.path("approx_inbox_count").asInt()).isEqualTo(2);
        assertThat(second.path("links").has("next")).isFalse();
    }

    @Test
    void maxResultsIsTenToFiveThousand() {
        HttpResponse<byte[]> low = mesh.get("X26ABC3", "/messageexchange/X26ABC3/inbox?max_results=9");
        assertThat(low.statusCode()).isEqualTo(400);
        assertThat(MeshFakeSendReceiveTest.json(low)
                        .path("detail")
                        .get(0)
                        .path("loc")
                        .toString())
                .isEqualTo("[\"query\",\"max_results\"]");
        assertThat(mesh.get("X26ABC3", "/messageexchange/X26ABC3/inbox?max_results=5001")
                        .statusCode())
                .isEqualTo(400);
        assertThat(mesh.get("X26ABC3", "/messageexchange/X26ABC3/inbox?max_results=5000")
                        .statusCode())
                .isEqualTo(200);
        assertThat(mesh.get("X26ABC3", "/messageexchange/X26ABC3/inbox?continue_from=short")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void workflowFilterMatchesEqualsPrefixAndContainsAndTheirNegations() {
        String plain = send("X26ABC2", "TEST_WORKFLOW");
        String ack = send("X26ABC2", "TEST_WORKFLOW_ACK");
        String two = send("X26ABC2", "TEST_WORKFLOW2");
        assertThat(filtered("TEST_WORKFLOW")).containsExactly(plain);
        assertThat(filtered("!TEST_WORKFLOW")).containsExactly(ack, two);
        assertThat(filtered("TEST_WORKFLOW*")).containsExactly(plain, ack, two);
        assertThat(filtered("!TEST_WORKFLOW_*")).containsExactly(plain, two);
        assertThat(filtered("*_ACK*")).containsExactly(ack);
        assertThat(filtered("!*_ACK*")).containsExactly(plain, two);
        JsonNode page = MeshFakeSendReceiveTest.json(mesh.get(
                "X26ABC2",
                "/messageexchange/X26ABC2/inbox?workflow_filter="
                        + URLEncoder.encode("*_ACK*", StandardCharsets.UTF_8)));
        assertThat(page.path("approx_inbox_count").asInt()).isEqualTo(3);
        assertThat(page.path("links").path("self").asText())
                .isEqualTo("/messageexchange/X26ABC2/inbox?workflow_filter=*_ACK*");
    }

    @Test
    void aRawBarInTheQueryIsAnsweredByTheFake() throws Exception {
        assertThat(RawHttp.get(
                        sandbox,
                        "/messageexchange/X26ABC2/inbox?workflow_filter=A|B",
                        Map.of("Authorization", mesh.authorization("X26ABC2"), "Accept", MeshHttp.V2)))
                .isEqualTo(200);
    }

    private static List<String> filtered(String filter) {
        return ids(MeshFakeSendReceiveTest.json(mesh.get(
                "X26ABC2",
                "/messageexchange/X26ABC2/inbox?workflow_filter="
                        + URLEncoder.encode(filter, StandardCharsets.UTF_8))));
    }

    @Test
    void aV1InboxIsAPlainList() {
        String id = send("X26ABC2", "TEST_WORKFLOW");
        HttpResponse<byte[]> r = mesh.call("GET", "/messageexchange/X26ABC2/inbox")
                .as("X26ABC2")
                .header("Accept", "application/json")
                .send(); // exchange 05
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(MeshHttp.text(r)).isEqualTo("{\"messages\":[\"" + id + "\"]}");
    }

    @Test
    void theCountIsTheInboxsAcceptedMessages() {
        send("X26ABC2", "TEST_WORKFLOW");
        send("X26ABC2", "TEST_WORKFLOW");
        assertThat(MeshHttp.text(mesh.get("X26ABC2", "/messageexchange/X26ABC2/count")))
                .isEqualTo("{\"count\":2}");
        assertThat(MeshHttp.text(mesh.get("X26ABC1", "/messageexchange/X26ABC1/count")))
                .isEqualTo("{\"count\":0}");
    }
}
