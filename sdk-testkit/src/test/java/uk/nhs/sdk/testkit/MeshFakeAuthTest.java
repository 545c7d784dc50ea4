package uk.nhs.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every MESH request is signed with the NHSMESH header, checked as real MESH does; refusals are 403
 * with MESH's body (exchange 23).
 */
class MeshFakeAuthTest extends MeshFakeTestBase {
    private static HttpResponse<byte[]> inboxWith(String mailbox, String authorization) {
        return mesh.call("GET", "/messageexchange/" + mailbox + "/inbox")
                .header("Authorization", authorization)
                .send();
    }

    private static void assertRefused(HttpResponse<byte[]> r, String msg) {
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/vnd.mesh.v2+json");
        assertThat(MeshHttp.text(r)).isEqualTo("{\"detail\":[{\"event\":\"\",\"code\":\"\",\"msg\":\"" + msg + "\"}]}");
    }

    @Test
    void theTestClientsHmacMatchesThePublishedVectors() {
        // vector "validate-auth-header-app" of auth-header-test-vectors.json
        assertThat(MeshHttp.header(
                        "SharedKey", "X26", "testing", "97bf007e-3027-4127-ac9d-f9a25de4de68", "1", "202210241155"))
                .isEqualTo("NHSMESH X26:97bf007e-3027-4127-ac9d-f9a25de4de68:1:202210241155:"
                        + "b1a882d3615305602f10b8f9a0453865284ce3e4b9e88e7899fb8bb5339da179");
    }

    @Test
    void aSignedRequestIsAccepted() {
        assertThat(mesh.get("X26ABC1", "/messageexchange/X26ABC1/inbox").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aWrongHashIsRefused() {
        String header = MeshHttp.header(
                "NotTheSharedKey", "X26ABC1", "password", UUID.randomUUID().toString(), "0", mesh.timestampNow());
        assertRefused(inboxWith("X26ABC1", header), "Invalid Authentication Token");
    }

    @Test
    void aWrongPasswordIsRefused() {
        String header = MeshHttp.header(
                sandbox.meshSharedKey().reveal(),
                "X26ABC1",
                "not-the-password",
                UUID.randomUUID().toString(),
                "0",
                mesh.timestampNow());
        assertRefused(inboxWith("X26ABC1", header), "Invalid Authentication Token");
    }

    @Test
    void aReplayedNonceIsRefusedButTheNextCountIsAccepted() {
        String nonce = UUID.randomUUID().toString();
        String key = sandbox.meshSharedKey().reveal();
        String first = MeshHttp.header(key, "X26ABC1", "password", nonce, "0", mesh.timestampNow());
        assertThat(inboxWith("X26ABC1", first).statusCode()).isEqualTo(200);
        assertRefused(inboxWith("X26ABC1", first), "Error Duplicated Authentication Token");
        String second = MeshHttp.header(key, "X26ABC1", "password", nonce, "1", mesh.timestampNow());
        assertThat(inboxWith("X26ABC1", second).statusCode()).isEqualTo(200);
    }

    @Test
    void aTimestampMoreThanTwoHoursFromTheSandboxClockIsRefused() {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);
        String key = sandbox.meshSharedKey().reveal();
        String stale = f.format(clock.instant().minus(Duration.ofMinutes(121)));
        assertRefused(
                inboxWith(
                        "X26ABC1",
                        MeshHttp.header(
                                key, "X26ABC1", "password", UUID.randomUUID().toString(), "0", stale)),
                "Invalid Authentication Token");
        String ahead = f.format(clock.instant().plus(Duration.ofMinutes(121)));
        assertRefused(
                inboxWith(
                        "X26ABC1",
                        MeshHttp.header(
                                key, "X26ABC1", "password", UUID.randomUUID().toString(), "0", ahead)),
                "Invalid Authentication Token");
        String edge = f.format(clock.instant().minus(Duration.ofMinutes(120)));
        assertThat(inboxWith(
                                "X26ABC1",
                                MeshHttp.header(
                                        key,
                                        "X26ABC1",
                                        "password",
                                        UUID.randomUUID().toString(),
                                        "0",
                                        edge))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void theTokensMailboxMustBeThePathsMailbox() {
        assertRefused(inboxWith("X26ABC2", mesh.authorization("X26ABC1")), "Mailbox id does not match token");
        String lower = MeshHttp.header(
                sandbox.meshSharedKey().reveal(),
                "x26abc1",
                "password",
                UUID.randomUUID().toString(),
                "0",
                mesh.timestampNow());
        assertRefused(inboxWith("X26ABC1", lower), "Mailbox id does not match token");
    }

    @Test
    void aMissingOrMalformedHeaderIsRefused() {
        assertRefused(
                mesh.call("GET", "/messageexchange/X26ABC1/inbox").send(), "Error reading from Authorization header");
        assertRefused(
                inboxWith("X26ABC1", "NHSMESH X26ABC1:nonce:0:202611242138"),
                "Error reading from Authorization header");
        assertRefused(
                inboxWith("X26ABC1", "NHSMESH X26ABC1:nonce:x:202611242138:ab"),
                "Error reading from Authorization header");
    }

    @Test
    void anUnknownMailboxIsRefusedWithMeshsCode() {
        String header = MeshHttp.header(
                sandbox.meshSharedKey().reveal(),
                "NOSUCHMB",
                "password",
                UUID.randomUUID().toString(),
                "0",
                mesh.timestampNow());
        HttpResponse<byte[]> r = inboxWith("NOSUCHMB", header);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(MeshHttp.text(r))
                .isEqualTo("{\"detail\":[{\"event\":\"SEND\",\"code\":\"EPL-151\",\"msg\":\"No mailbox matched\"}]}");
    }

    @Test
    void aV1ClientGetsTheV1ErrorBody() {
        HttpResponse<byte[]> r = mesh.call("GET", "/messageexchange/X26ABC1/inbox")
                .header("Accept", "application/json")
                .header("Authorization", "NHSMESH X26ABC1:n:0:202611242138:00")
                .send();
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(MeshHttp.text(r))
                .isEqualTo(
                        "{\"errorEvent\":\"\",\"errorCode\":\"\",\"errorDescription\":\"Invalid Authentication Token\"}");
    }

    @Test
    void lookupNeedsNoAuthorization() {
        assertThat(mesh.call("GET", "/messageexchange/endpointlookup/X26/TEST_WORKFLOW")
                        .send()
                        .statusCode())
                .isEqualTo(200);
    }
}
