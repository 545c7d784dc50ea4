package uk.nhs.sdk.reliability.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.BearerTokenAuth;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.messaging.mesh.MeshClient;
import uk.nhs.sdk.messaging.mesh.MeshErrorCodes;
import uk.nhs.sdk.messaging.mesh.MeshInboxQuery;
import uk.nhs.sdk.messaging.mesh.MeshSendRequest;

/**
 * Hostile input to MESH: mailbox ids, the send request's headers (recipient, workflow id,
 * subject, local id, file name, content type, checksum), message ids, local ids and workflow ids
 * given to the client, the inbox query, and the {@code mex-*} headers and JSON bodies MESH answers
 * with.
 */
class MeshHostileTest {
    private static final String MESSAGE_ID = "00D63B97055A4922B6E9EF07D7745CDA";
    /** The bodies of sdk-messaging's mesh/examples/04-list-inbox-v2.txt, 08-track-message-v2.txt and 27-workflowsearch-v2.txt. */
    private static final String INBOX = "{\"messages\":[\"00D63B97055A4922B6E9EF07D7745CDA\"],\"links\":{\"self\":"
            + "\"/messageexchange/X26ABC2/inbox\"},\"approx_inbox_count\":1}";

    private static final String TRACK = "{\"message_id\":\"00D63B97055A4922B6E9EF07D7745CDA\",\"local_id\":"
            + "\"example-local-id-1\",\"workflow_id\":\"TEST_WORKFLOW\",\"filename\":\"hello.txt\",\"expiry_time\":"
            + "\"2026-11-29T21:38:56.319702\",\"upload_timestamp\":\"2026-11-24T21:38:56.319817\",\"recipient\":"
            + "\"X26ABC2\",\"recipient_name\":\"TESTMB2\",\"recipient_ods_code\":\"X26\",\"recipient_org_code\":\"X26\","
            + "\"recipient_org_name\":\"\",\"status_success\":true,\"status\":\"accepted\"}";
    private static final String MAILBOXES = "{\"results\":[{\"mailbox_id\":\"X26ABC1\",\"mailbox_name\":\"TESTMB1\"},"
            + "{\"mailbox_id\":\"X26ABC3\",\"mailbox_name\":\"TESTMB3\"}]}";
    private static final List<String[]> HEAD = headHeaders();
    private static final Served SERVED = new Served();
    private static final MeshClient CLIENT = MeshClient.builder()
            .baseUrl(Served.BASE)
            .mailbox("X26ABC2")
            .auth(BearerTokenAuth.of(() -> Secret.of("hostile-input-token")))
            .options(SERVED.options())
            .build();

    @AfterContainer
    static void done() {
        CLIENT.close();
        Outcomes.finished(MeshHostileTest.class);
    }

    private static List<String[]> headHeaders() {
        try (InputStream in = MeshHostileTest.class.getResourceAsStream("/hostile/06-head-message.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String block = text.substring(text.indexOf("HTTP/1.1 200 OK") + 16);
            List<String[]> out = new ArrayList<>();
            for (String line : block.split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    out.add(new String[] {
                        line.substring(0, colon).strip(),
                        line.substring(colon + 1).strip()
                    });
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<String> mailboxId() {
        return HostileStrings.around(List.of("X26ABC1", "x26abc1", "YES-0123456", "A1B2C3OT001"));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1331")
    void mailboxId(@ForAll("mailboxId") String input) {
        Outcomes.attempt(
                "sdk-messaging `MeshClient.Builder.mailbox`",
                Outcomes.Input.of(input)
                        .mustBeAccepted(List.of("X26ABC1", "x26abc1").contains(input)),
                () -> MeshClient.builder().mailbox(input),
                NhsValidationException.class);
    }

    @Provide
    Arbitrary<String> sendField() {
        return HostileStrings.around(List.of(
                "X26ABC1",
                "TEST_WORKFLOW",
                "example subject",
                "example-local-id-1",
                "hello.txt",
                "text/plain",
                "md5:5d41402abc4b2a76b9719d911017c592",
                "report 2026.csv"));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1332")
    void sendRequest(@ForAll("sendField") String input, @ForAll @IntRange(min = 0, max = 6) int field) {
        Outcomes.Input in = Outcomes.Input.of(input);
        Outcomes.attempt(
                "sdk-messaging `MeshSendRequest.Builder` (mex-to, workflow id, subject, local id, file name,"
                        + " content type, checksum)",
                in,
                () -> {
                    MeshSendRequest.Builder b = MeshSendRequest.builder(
                            field == 0 ? input : "X26ABC1", field == 1 ? input : "TEST_WORKFLOW");
                    switch (field) {
                        case 2 -> b.subject(input);
                        case 3 -> b.localId(input);
                        case 4 -> b.fileName(input);
                        case 5 -> b.contentType(input);
                        case 6 -> b.checksum(input);
                        default -> {}
                    }
                    // the recipient and workflow id are printed; subject, local id and file name never
                    String text = b.build().toString();
                    return field < 2 ? text : Outcomes.notEchoed(text, in);
                },
                NhsValidationException.class);
    }

    @Provide
    Arbitrary<String> messageId() {
        return HostileStrings.around(
                List.of(MESSAGE_ID, "20200529155357895317_3573F8", "00d63b97055a4922b6e9ef07d7745cda"));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1333")
    void messageIds(@ForAll("messageId") String input, @ForAll @IntRange(min = 0, max = 2) int op) {
        SERVED.serve(
                op == 2 ? 200 : 200, op == 2 ? "application/vnd.mesh.v2+json" : null, op == 2 ? TRACK : "", flat(HEAD));
        Outcomes.attempt(
                "sdk-messaging `MeshClient` message ids (`metadata`, `acknowledge`, `track`)",
                Outcomes.Input.of(input),
                () -> switch (op) {
                    case 0 -> PrivacyText.check(CLIENT.metadata(input).toString());
                    case 1 -> {
                        CLIENT.acknowledge(input);
                        yield "";
                    }
                    default -> PrivacyText.check(CLIENT.track(input).toString());
                },
                NhsSdkException.class);
    }

    private static String[] flat(List<String[]> headers) {
        List<String> out = new ArrayList<>();
        for (String[] h : headers) {
            out.add(h[0]);
            out.add(h[1]);
        }
        return out.toArray(new String[0]);
    }

    @Provide
    Arbitrary<String> headerValue() {
        return HostileStrings.around(List.of(
                "X26ABC1",
                "TEST_WORKFLOW",
                "1:1",
                "2:3",
                "1",
                "DATA",
                "REPORT",
                MESSAGE_ID,
                "20261124213856",
                "md5:5d41402abc4b2a76b9719d911017c592",
                "hello.txt",
                "00",
                "SUCCESS",
                "ERROR",
                "Tue, 24 Nov 2026 21:38:56 UTC"));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1334")
    void metadataHeaders(@ForAll("headerValue") String input, @ForAll @IntRange(min = 0, max = 19) int which) {
        List<String[]> headers = new ArrayList<>(HEAD);
        headers.set(which, new String[] {headers.get(which)[0], input});
        SERVED.serve(200, null, "", flat(headers));
        Outcomes.attempt(
                "sdk-messaging `MeshClient.metadata` (hostile `mex-*` response headers)",
                Outcomes.Input.of(input),
                () -> PrivacyText.check(CLIENT.metadata(MESSAGE_ID).toString()),
                NhsSdkException.class);
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1335")
    void jsonBodies(@ForAll long seed, @ForAll @IntRange(min = 0, max = 2) int op) {
        String valid = switch (op) {
            case 0 -> INBOX;
            case 1 -> TRACK;
            default -> MAILBOXES;
        };
        Outcomes.Input input = HostileJson.document(seed, () -> (HostileJson.Obj) HostileJson.parse(valid), 5);
        SERVED.serve(200, "application/vnd.mesh.v2+json", input.text());
        Outcomes.attempt(
                "sdk-messaging `MeshClient` JSON bodies (`inbox`, `track`, `workflowSearch`)",
                input,
                () -> PrivacyText.check(
                        switch (op) {
                            case 0 -> CLIENT.inbox().toString();
                            case 1 -> CLIENT.track(MESSAGE_ID).toString();
                            default -> CLIENT.workflowSearch("TEST_WORKFLOW").toString();
                        }),
                NhsSdkException.class);
    }

    @Provide
    Arbitrary<String> lookupValue() {
        return HostileStrings.around(List.of(
                "TEST_WORKFLOW",
                "example-local-id-1",
                "SPINE_GPSUMMARY",
                "20200529155357895317_3573F8",
                "10",
                "12",
                "06"));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1336")
    void lookupsAndQueries(@ForAll("lookupValue") String input, @ForAll @IntRange(min = 0, max = 5) int op) {
        SERVED.serve(200, "application/json", op == 0 ? TRACK : MAILBOXES);
        Outcomes.attempt(
                "sdk-messaging `MeshClient` `trackByLocalId`, `workflowSearch`, `lookup` and"
                        + " `MeshInboxQuery.Builder`, `MeshErrorCodes.meaning`",
                Outcomes.Input.of(input),
                () -> (switch (op) {
                    case 0 -> CLIENT.trackByLocalId(input).toString();
                    case 1 -> CLIENT.workflowSearch(input).toString();
                    case 2 -> CLIENT.lookup(OdsCode.of("X26"), input).toString();
                    case 3 ->
                        MeshInboxQuery.builder().workflowFilter(input).build().toString();
                    case 4 ->
                        MeshInboxQuery.builder().continueFrom(input).build().toString();
                    default -> MeshErrorCodes.meaning(input).orElse("");
                }),
                NhsSdkException.class);
    }
}
