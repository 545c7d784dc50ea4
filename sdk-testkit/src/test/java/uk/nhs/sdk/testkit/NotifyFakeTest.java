package uk.nhs.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.SignedJwtAuth;

/**
 * The Notify fake over raw HTTP: sending, batches and their limits, the request rules and the
 * spec's error bodies, NHS App accounts, as NHS Notify's OpenAPI spec and sandbox describe them.
 */
class NotifyFakeTest extends NotifyFakeTestBase {
    private static final String KSUID = "[a-zA-Z0-9]{27}";

    @Test
    void sendsAMessageWithAKsuidALocationAndTheCorrelationIdEchoed() throws Exception {
        String reference = ref();
        Answer a = send(HttpRequest.newBuilder(url("/v1/messages"))
                .header("Content-Type", VND)
                .header("X-Correlation-ID", "corr-77")
                .POST(HttpRequest.BodyPublishers.ofString(message(reference, NHS_NUMBER))));

        assertThat(a.status()).isEqualTo(201);
        String id = a.body().path("data").path("id").asText();
        assertThat(id).matches(KSUID);
        assertThat(a.body().path("data").path("type").asText()).isEqualTo("Message");
        assertThat(a.body()
                        .path("data")
                        .path("attributes")
                        .path("messageReference")
                        .asText())
                .isEqualTo(reference);
        assertThat(a.body()
                        .path("data")
                        .path("attributes")
                        .path("messageStatus")
                        .asText())
                .isEqualTo("created");
        assertThat(a.body()
                        .path("data")
                        .path("attributes")
                        .path("routingPlan")
                        .path("id")
                        .asText())
                .isEqualTo(PLAN);
        assertThat(a.body()
                        .path("data")
                        .path("attributes")
                        .path("timestamps")
                        .path("created")
                        .asText())
                .isEqualTo("2026-11-29T10:00:00Z");
        assertThat(a.header("Location")).isEqualTo(url("/v1/messages/" + id).toString());
        assertThat(a.body().path("data").path("links").path("self").asText()).isEqualTo(a.header("Location"));
        assertThat(a.header("Content-Type")).isEqualTo(VND);
        assertThat(a.header("X-Correlation-ID")).isEqualTo("corr-77");
        assertThat(sandbox.serviceUrls())
                .containsEntry("NHS Notify", SandboxNotify.of(sandbox).baseUrl());
    }

    @Test
    void aReferenceIsAcceptedOnceAcrossRequestsUntilReset() throws Exception {
        String reference = ref();
        assertThat(post("/v1/messages", message(reference, NHS_NUMBER)).status())
                .isEqualTo(201);

        Answer again = post("/v1/messages", message(reference, NHS_NUMBER));
        Answer inABatch = post(
                "/v1/message-batches",
                batch(ref(), PLAN, List.of(item(ref(), NHS_NUMBER), item(reference, NHS_NUMBER))));

        assertThat(again.status()).isEqualTo(422);
        assertThat(again.codes()).containsExactly("CM_DUPLICATE_REQUEST");
        assertThat(again.error(0).path("status").asText()).isEqualTo("422");
        assertThat(again.error(0).path("title").asText()).isEqualTo("Duplicate message request");
        assertThat(again.pointers()).containsExactly("/data/attributes/messageReference");
        assertThat(inABatch.status()).isEqualTo(422);
        assertThat(inABatch.pointers()).containsExactly("/data/attributes/messages/1/messageReference");
        sandbox.reset();
        assertThat(post("/v1/messages", message(reference, NHS_NUMBER)).status())
                .isEqualTo(201);
    }

    @Test
    void sendsABatchAndEachMessageKnowsItsBatch() throws Exception {
        String batchReference = ref();
        List<String> refs = List.of(ref(), ref(), ref());
        Answer a = post(
                "/v1/message-batches",
                batch(
                        batchReference,
                        PLAN,
                        List.of(
                                item(refs.get(0), NHS_NUMBER),
                                item(refs.get(1), "9000000017"),
                                item(refs.get(2), "9000000025"))));

        assertThat(a.status()).isEqualTo(201);
        assertThat(a.body().path("data").path("type").asText()).isEqualTo("MessageBatch");
        String batchId = a.body().path("data").path("id").asText();
        assertThat(batchId).matches(KSUID);
        assertThat(a.body()
                        .path("data")
                        .path("attributes")
                        .path("messageBatchReference")
                        .asText())
                .isEqualTo(batchReference);
        List<String> returned = new ArrayList<>();
        a.body().path("data").path("attributes").path("messages").forEach(m -> {
            returned.add(m.path("messageReference").asText());
            assertThat(m.path("id").asText()).matches(KSUID);
        });
        assertThat(returned).isEqualTo(refs);
        String first = a.body()
                .path("data")
                .path("attributes")
                .path("messages")
                .path(0)
                .path("id")
                .asText();
        Answer status = get("/v1/messages/" + first);
        assertThat(status.body()
                        .path("data")
                        .path("relationships")
                        .path("messageBatch")
                        .path("data")
                        .path("id")
                        .asText())
                .isEqualTo(batchId);
        Answer again = post("/v1/message-batches", batch(batchReference, PLAN, List.of(item(ref(), NHS_NUMBER))));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.error(0).path("title").asText()).isEqualTo("Duplicate batch request");
        assertThat(again.pointers()).containsExactly("/data/attributes/messageBatchReference");
    }

    @Test
    void duplicateReferencesWithinABatchAreA400NamingEachDuplicate() throws Exception {
        String same = ref();
        Answer a = post(
                "/v1/message-batches",
                batch(ref(), PLAN, List.of(item(same, NHS_NUMBER), item(ref(), NHS_NUMBER), item(same, NHS_NUMBER))));

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.codes()).containsExactly("CM_DUPLICATE_VALUE");
        assertThat(a.pointers()).containsExactly("/data/attributes/messages/2/messageReference");
        assertThat(a.error(0).path("title").asText()).isEqualTo("Duplicate value");
        assertThat(SandboxNotify.of(sandbox).messageCount()).isZero();
    }

    @Test
    void aBatchOfExactly45000IsAcceptedAndOneMoreIs413TooManyItems() throws Exception {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 45_001; i++) {
            items.add(item(String.format("r-%06d", i), NHS_NUMBER));
        }
        Answer over = post("/v1/message-batches", batch(ref(), PLAN, items));
        Answer at = post("/v1/message-batches", batch(ref(), PLAN, items.subList(0, 45_000)));

        assertThat(over.status()).isEqualTo(413);
        assertThat(over.codes()).containsExactly("CM_TOO_MANY_ITEMS");
        assertThat(over.pointers()).containsExactly("/data/attributes/messages");
        assertThat(at.status()).isEqualTo(201);
        assertThat(at.body().path("data").path("attributes").path("messages").size())
                .isEqualTo(45_000);
    }

    @Test
    void aBatchBodyOfExactly5200000BytesIsAcceptedAndOneByteMoreIs413TooLarge() throws Exception {
        String head = batch(
                ref(),
                PLAN,
                List.of("{\"messageReference\":\"r-1\",\"recipient\":{\"nhsNumber\":\"" + NHS_NUMBER
                        + "\"},\"personalisation\":{\"p\":\"@@\"}}"));
        int padding = 5_200_000 - (head.length() - 2);
        String exact = head.replace("@@", "x".repeat(padding));
        String over = head.replace("@@", "x".repeat(padding + 1));
        assertThat(exact.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(5_200_000);

        Answer tooLarge = post("/v1/message-batches", over);
        Answer accepted = post("/v1/message-batches", exact);

        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.codes()).containsExactly("CM_TOO_LARGE");
        assertThat(tooLarge.error(0).path("title").asText()).isEqualTo("Request too large");
        assertThat(accepted.status()).isEqualTo(201);
    }

    @Test
    void everyProblemInTheBodyIsReportedWithItsPointer() throws Exception {
        String body = "{\"data\":{\"type\":null,\"attributes\":{\"routingPlanId\":\"not-a-uuid\","
                + "\"recipient\":{\"nhsNumber\":\"9990548608\",\"dateOfBirth\":\"2000-01-01\"},"
                + "\"originator\":{\"odsCode\":\"X26\",\"name\":\"x\"},\"personalisation\":[]}}}";
        Answer a = post("/v1/messages", body);

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.codes())
                .containsExactly(
                        "CM_NULL_VALUE",
                        "CM_INVALID_VALUE",
                        "CM_MISSING_VALUE",
                        "CM_INVALID_VALUE",
                        "CM_INVALID_NHS_NUMBER",
                        "CM_INVALID_VALUE",
                        "CM_INVALID_VALUE");
        assertThat(a.pointers())
                .containsExactly(
                        "/data/type",
                        "/data/attributes/routingPlanId",
                        "/data/attributes/messageReference",
                        "/data/attributes/recipient/dateOfBirth",
                        "/data/attributes/recipient/nhsNumber",
                        "/data/attributes/originator/name",
                        "/data/attributes/personalisation");
        assertThat(a.error(4).path("links").path("nhsNumbers").asText())
                .isEqualTo("https://www.datadictionary.nhs.uk/attributes/nhs_number.html");
        assertThat(a.error(0).path("links").path("about").asText())
                .isEqualTo("https://digital.nhs.uk/developer/api-catalogue/nhs-notify");
        assertThat(a.error(0).path("status").asText()).isEqualTo("400");
        assertThat(a.body().toString()).doesNotContain("9990548608");
    }

    @Test
    void atMost100ErrorsAreReturned() throws Exception {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            items.add(item(ref(), "1234567890"));
        }
        Answer a = post("/v1/message-batches", batch(ref(), PLAN, items));

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.codes()).hasSize(100).containsOnly("CM_INVALID_NHS_NUMBER");
        assertThat(a.pointers().get(99)).isEqualTo("/data/attributes/messages/99/recipient/nhsNumber");
    }

    @Test
    void aBodyThatIsNotJsonAndAnEmptyBatchAreRefused() throws Exception {
        Answer notJson = post("/v1/messages", "}{@SA}{}SAD");
        Answer empty = post("/v1/message-batches", batch(ref(), PLAN, List.of()));

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.codes()).containsExactly("CM_INVALID_VALUE");
        assertThat(notJson.pointers()).containsExactly("/");
        assertThat(empty.codes()).containsExactly("CM_TOO_FEW_ITEMS");
        assertThat(empty.pointers()).containsExactly("/data/attributes/messages");
    }

    @Test
    void routingPlansMustBeKnownAndTheSandboxsErrorPlansAnswerAsTheSandboxDoes() throws Exception {
        Answer unknown =
                post("/v1/messages", message(ref(), NHS_NUMBER).replace(PLAN, "c999b13c-f98c-4def-93f0-515d4e4f4dd2"));
        Answer tooEarly =
                post("/v1/messages", message(ref(), NHS_NUMBER).replace(PLAN, "d895ade5-0029-4fc3-9fb5-86e1e5370854"));
        Answer templates =
                post("/v1/messages", message(ref(), NHS_NUMBER).replace(PLAN, "c8857ccf-06ec-483f-9b3a-7fc732d9ad48"));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.codes()).containsExactly("CM_NO_SUCH_ROUTING_PLAN");
        assertThat(tooEarly.status()).isEqualTo(425);
        assertThat(tooEarly.codes()).containsExactly("CM_RETRY_TOO_EARLY");
        assertThat(tooEarly.header("Retry-After")).isEqualTo("300");
        assertThat(templates.status()).isEqualTo(500);
        assertThat(templates.codes()).containsExactly("CM_MISSING_ROUTING_PLAN_TEMPLATE");
    }

    @Test
    void freeTextPlansNeedTheirPersonalisationFieldsWithinTheChannelLimits() throws Exception {
        String sms = "00000000-0000-0000-0000-000000000003";
        String ok = message(ref(), NHS_NUMBER)
                .replace(PLAN, sms)
                .replace("\"personalisation\":{}", "\"personalisation\":{\"sms_body\":\"" + "a".repeat(918) + "\"}");
        String tooLong = message(ref(), NHS_NUMBER)
                .replace(PLAN, sms)
                .replace("\"personalisation\":{}", "\"personalisation\":{\"sms_body\":\"" + "a".repeat(919) + "\"}");
        String missing = message(ref(), NHS_NUMBER).replace(PLAN, "00000000-0000-0000-0000-000000000002");

        assertThat(post("/v1/messages", ok).status()).isEqualTo(201);
        Answer over = post("/v1/messages", tooLong);
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.pointers()).containsExactly("/data/attributes/personalisation/sms_body");
        Answer absent = post("/v1/messages", missing);
        assertThat(absent.codes()).containsExactly("CM_MISSING_VALUE", "CM_MISSING_VALUE");
        assertThat(absent.pointers())
                .containsExactly(
                        "/data/attributes/personalisation/email_body",
                        "/data/attributes/personalisation/email_subject");
    }

    @Test
    void contentTypesAndAcceptAreChecked() throws Exception {
        String body = message(ref(), NHS_NUMBER);
        Answer text = send(HttpRequest.newBuilder(url("/v1/messages"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        Answer charset = send(HttpRequest.newBuilder(url("/v1/messages"))
                .header("Content-Type", "application/json; charset=iso-8859-1")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        Answer html = send(HttpRequest.newBuilder(url("/v1/messages/2WL3qFTEFM0qMY8xjRbt1LIKCzM"))
                .header("Accept", "text/html")
                .GET());
        Answer json = send(HttpRequest.newBuilder(url("/v1/messages"))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(text.status()).isEqualTo(415);
        assertThat(text.codes()).containsExactly("CM_UNSUPPORTED_MEDIA");
        assertThat(text.error(0).path("source").path("header").asText()).isEqualTo("Content-Type");
        assertThat(charset.status()).isEqualTo(406);
        assertThat(html.status()).isEqualTo(406);
        assertThat(html.codes()).containsExactly("CM_NOT_ACCEPTABLE");
        assertThat(json.status()).isEqualTo(201);
        assertThat(json.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void aBearerTokenWhenSentMustBeOneTheSandboxIssued() throws Exception {
        Answer forged = send(HttpRequest.newBuilder(url("/v1/messages/2WL3qFTEFM0qMY8xjRbt1LIKCzM"))
                .header("Authorization", "Bearer InvalidMockToken")
                .GET());
        Answer issued;
        try (SignedJwtAuth auth =
                sandbox.signedJwtAuth(NhsClientOptions.builder().clock(clock).build())) {
            Secret token = auth.accessToken();
            issued = send(HttpRequest.newBuilder(url("/v1/messages/2WL3qFTEFM0qMY8xjRbt1LIKCzM"))
                    .header("Authorization", "Bearer " + token.reveal())
                    .GET());
        }

        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.codes()).containsExactly("CM_DENIED");
        assertThat(forged.error(0).path("source").path("header").asText()).isEqualTo("Authorization");
        assertThat(issued.status()).isEqualTo(200);
    }

    @Test
    void theSandboxsCannedMessagesAreServedAndUnknownIdsAndMethodsRefused() throws Exception {
        Answer canned = get("/v1/messages/2WL4mvx6eBva8dcIK60VEGIfcgZ");
        Answer unknown = get("/v1/messages/does-not-exist");
        Answer wrongMethod = send(HttpRequest.newBuilder(url("/v1/messages")).GET());
        Answer nowhere = get("/does/not/exist");

        assertThat(canned.status()).isEqualTo(200);
        assertThat(canned.body()
                        .path("data")
                        .path("attributes")
                        .path("messageStatus")
                        .asText())
                .isEqualTo("failed");
        assertThat(canned.body()
                        .path("data")
                        .path("attributes")
                        .path("messageFailureReasonCode")
                        .asText())
                .isEqualTo("MFR_PDSV_0110");
        assertThat(canned.body().path("data").path("links").path("self").asText())
                .isEqualTo(url("/v1/messages/2WL4mvx6eBva8dcIK60VEGIfcgZ").toString());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.codes()).containsExactly("CM_NOT_FOUND");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.codes()).containsExactly("CM_NOT_ALLOWED");
        assertThat(nowhere.status()).isEqualTo(404);
    }

    @Test
    void nhsAppAccountsArePagedWithLinksToTheNextPage() throws Exception {
        Answer first = get("/channels/nhsapp/accounts?ods-organisation-code=T00001");
        Answer last = get("/channels/nhsapp/accounts?ods-organisation-code=T00001&page=8");
        Answer small = get("/channels/nhsapp/accounts?ods-organisation-code=X26");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("data").path("type").asText()).isEqualTo("NhsAppAccounts");
        assertThat(first.body().path("data").path("attributes").path("accounts").size())
                .isEqualTo(10);
        assertThat(first.body().path("links").path("next").asText())
                .isEqualTo(url("/channels/nhsapp/accounts") + "?ods-organisation-code=T00001&page=2");
        assertThat(last.body().path("links").has("next")).isFalse();
        assertThat(small.body().path("data").path("attributes").path("accounts").size())
                .isEqualTo(2);
        assertThat(small.body().path("links").has("next")).isFalse();
    }

    @Test
    void theSandboxsSpecialOdsCodesAnswerWithTheirErrors() throws Exception {
        assertThat(get("/channels/nhsapp/accounts?ods-organisation-code=T00404").codes())
                .containsExactly("CM_NOT_FOUND");
        Answer quota = get("/channels/nhsapp/accounts?ods-organisation-code=T00429");
        assertThat(quota.status()).isEqualTo(429);
        assertThat(quota.codes()).containsExactly("CM_QUOTA");
        assertThat(get("/channels/nhsapp/accounts?ods-organisation-code=T00502").status())
                .isEqualTo(502);
        Answer missing = get("/channels/nhsapp/accounts?ods-organisation-code=");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error(0).path("detail").asText()).isEqualTo("Missing ODS Code");
        assertThat(get("/channels/nhsapp/accounts?ods-organisation-code=NOT-A-CODE")
                        .error(0)
                        .path("detail")
                        .asText())
                .isEqualTo("Invalid ODS Code");
        assertThat(get("/channels/nhsapp/accounts?ods-organisation-code=X26&page=2")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void theSandboxsFaultsWorkAroundTheFake() throws Exception {
        sandbox.faults()
                .injectNext(
                        "POST",
                        "/comms/v1/messages",
                        SandboxFault.status(503)
                                .withRetryAfter(Duration.ofSeconds(2))
                                .afterProcessing());
        String reference = ref();

        Answer lost = post("/v1/messages", message(reference, NHS_NUMBER));
        Answer retried = post("/v1/messages", message(reference, NHS_NUMBER));

        assertThat(lost.status()).isEqualTo(503);
        assertThat(lost.header("Retry-After")).isEqualTo("2");
        assertThat(retried.status()).isEqualTo(422);
        assertThat(SandboxNotify.of(sandbox).messageCount()).isEqualTo(1);
    }
}
