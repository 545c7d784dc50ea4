package uk.nhs.sdk.messaging.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.nhs.sdk.core.CallOptions;
import uk.nhs.sdk.core.NhsEnvironment;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsValidationException;

class NotifyClientSendTest extends NotifyWireMockTestBase {
    private static final UUID PLAN = UUID.fromString("b838b13c-f98c-4def-93f0-515d4e4f4ee1");

    private void stubCreated() {
        server.stubFor(post(urlEqualTo("/comms/v1/messages"))
                .willReturn(jsonApi(201, resource("responses/send-201.json"))
                        .withHeader(
                                "Location",
                                "https://api.service.nhs.uk/comms/v1/messages/2WL3qFTEFM0qMY8xjRbt1LIKCzM")));
    }

    @Test
    void sendsOneMessageAsTheSpecDescribesAndReturnsItsId() throws Exception {
        stubCreated();
        NotifyMessage m = NotifyMessage.builder(PATIENT)
                .routingPlanId(PLAN)
                .messageReference("da0b1495-c7cb-468c-9d81-07dee089d728")
                .billingReference("billing-ref-1")
                .originator(OdsCode.of("X26"))
                .personalisation("appointment", "Monday 10:00")
                .build();
        try (NotifyClient notify = client()) {
            NotifySendResult r = notify.send(m);
            assertThat(r.messageId()).contains("2WL3qFTEFM0qMY8xjRbt1LIKCzM");
            assertThat(r.messageReference()).isEqualTo("da0b1495-c7cb-468c-9d81-07dee089d728");
            assertThat(r.alreadyAccepted()).isFalse();
        }
        LoggedRequest req = requests().get(0);
        assertThat(req.getHeader("Content-Type")).isEqualTo(MEDIA);
        assertThat(req.getHeader("Accept")).isEqualTo(MEDIA);
        assertThat(JSON.readTree(req.getBody()))
                .isEqualTo(JSON.readTree("{\"data\":{\"type\":\"Message\",\"attributes\":{"
                        + "\"routingPlanId\":\"b838b13c-f98c-4def-93f0-515d4e4f4ee1\","
                        + "\"messageReference\":\"da0b1495-c7cb-468c-9d81-07dee089d728\","
                        + "\"billingReference\":\"billing-ref-1\","
                        + "\"recipient\":{\"nhsNumber\":\"9990548609\"},"
                        + "\"originator\":{\"odsCode\":\"X26\"},"
                        + "\"personalisation\":{\"appointment\":\"Monday 10:00\"}}}}"));
        assertRequestsConform();
    }

    @Test
    void generatesAReferenceWhenNoneIsGivenAndLeavesOutEveryAbsentField() throws Exception {
        stubCreated();
        NotifyMessage m = NotifyMessage.builder(PATIENT).routingPlanId(PLAN).build();
        assertThat(m.messageReference()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        try (NotifyClient notify = client()) {
            assertThat(notify.send(m).messageReference()).isEqualTo(m.messageReference());
        }
        JsonNode attrs = JSON.readTree(requests().get(0).getBody()).path("data").path("attributes");
        assertThat(attrs.fieldNames()).toIterable().containsExactly("routingPlanId", "messageReference", "recipient");
        assertThat(attrs.path("messageReference").asText()).isEqualTo(m.messageReference());
        assertThat(requests().get(0).getBodyAsString()).doesNotContain("null");
        assertRequestsConform();
    }

    @Test
    void sendsContactDetailOverridesWithinTheSpecsShape() throws Exception {
        stubCreated();
        NotifyContactDetails cd = NotifyContactDetails.builder()
                .email("recipient@nhs.net")
                .sms("07777777777")
                .address(NotifyAddress.of(List.of("NHS England", "6th Floor", "7&8 Wellington Place"), "LS1 4AP"))
                .name(NotifyName.builder("Smith")
                        .prefix("Dr.")
                        .firstName("John")
                        .build())
                .build();
        NotifyMessage m = NotifyMessage.builder(PATIENT)
                .routingPlanId(PLAN)
                .contactDetails(cd)
                .build();
        try (NotifyClient notify = client()) {
            notify.send(m);
        }
        JsonNode contact = JSON.readTree(requests().get(0).getBody())
                .path("data")
                .path("attributes")
                .path("recipient")
                .path("contactDetails");
        assertThat(contact.path("email").asText()).isEqualTo("recipient@nhs.net");
        assertThat(contact.path("address").path("lines")).hasSize(3);
        assertThat(contact.path("address").path("postcode").asText()).isEqualTo("LS1 4AP");
        assertThat(contact.path("name").fieldNames()).toIterable().containsExactly("prefix", "firstName", "lastName");
        assertThat(cd.toString()).isEqualTo("NotifyContactDetails[email, sms, address, name]");
        assertThat(m.toString()).doesNotContain("Smith", "recipient@", "0777", "9990548609");
        assertRequestsConform();
    }

    @Test
    void aViewWithCallOptionsSendsItsCorrelationIdAndSharesTheClient() {
        stubCreated();
        try (NotifyClient notify = client()) {
            NotifyClient view = notify.withCallOptions(
                    CallOptions.builder().correlationId("corr-123").build());
            view.send(NotifyMessage.builder(PATIENT).routingPlanId(PLAN).build());
            view.close(); // releases nothing
            notify.send(NotifyMessage.builder(PATIENT).routingPlanId(PLAN).build());
            assertThat(view.baseUrl()).isEqualTo(notify.baseUrl());
        }
        assertThat(requests()).extracting(r -> r.getHeader("X-Correlation-ID")).containsOnlyOnce("corr-123");
        assertThat(requests()).hasSize(2);
    }

    @Test
    void usesTheApiPlatformCommsPathOfAnEnvironment() {
        try (NotifyClient notify =
                NotifyClient.builder().environment(NhsEnvironment.INTEGRATION).build()) {
            assertThat(notify.baseUrl().toString()).isEqualTo("https://int.api.service.nhs.uk/comms");
        }
        try (NotifyClient notify =
                NotifyClient.builder().environment(NhsEnvironment.SANDBOX).build()) {
            assertThat(notify.baseUrl().toString()).isEqualTo("https://sandbox.api.service.nhs.uk/comms");
        }
    }

    @Test
    void aCreatedAnswerWithoutAKsuidIsADecodeErrorThatQuotesNothing() {
        server.stubFor(post(urlEqualTo("/comms/v1/messages"))
                .willReturn(jsonApi(201, "{\"data\":{\"type\":\"Message\",\"id\":\"9990548609 not a ksuid\"}}")));
        try (NotifyClient notify = client()) {
            assertThatThrownBy(() -> notify.send(
                            NotifyMessage.builder(PATIENT).routingPlanId(PLAN).build()))
                    .isInstanceOf(NhsDecodeException.class)
                    .hasMessageContaining("data.id (a KSUID)")
                    .hasMessageNotContaining("9990548609")
                    .hasNoCause();
        }
    }

    // ------------------------------------------------------------- free-text plans

    @ParameterizedTest
    @CsvSource({
        "00000000-0000-0000-0000-000000000001, body, 5000",
        "00000000-0000-0000-0000-000000000002, email_body, 100000",
        "00000000-0000-0000-0000-000000000003, sms_body, 918",
        "00000000-0000-0000-0000-000000000006, nhsapp_body, 5000",
        "00000000-0000-0000-0000-000000000007, sms_body, 918",
    })
    void freeTextIsCheckedAgainstItsChannelLimitBeforeSending(String plan, String field, int limit) {
        stubCreated();
        RoutingPlan p = RoutingPlan.of(UUID.fromString(plan));
        assertThat(p.isFreeText()).isTrue();
        try (NotifyClient notify = client()) {
            NotifyMessage.Builder atLimit = NotifyMessage.builder(PATIENT).routingPlan(p);
            NotifyMessage.Builder over = NotifyMessage.builder(PATIENT).routingPlan(p);
            for (String f : p.personalisationFields().keySet()) {
                atLimit.personalisation(f, "x");
                over.personalisation(f, "x");
            }
            atLimit.personalisation(field, "é".repeat(limit)); // counted in characters, not bytes
            over.personalisation(field, "a".repeat(limit + 1));
            assertThatThrownBy(() -> notify.send(over.build()))
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageContaining("personalisation." + field)
                    .hasMessageContaining("at most " + limit + " characters")
                    .hasMessageNotContaining("aaaa");
            assertThat(requests()).isEmpty();
            assertThat(notify.send(atLimit.build()).messageId()).isPresent();
        }
    }

    @Test
    void aFreeTextPlanNeedsEachOfItsFields() {
        try (NotifyClient notify = client()) {
            NotifyMessage m = NotifyMessage.builder(PATIENT)
                    .routingPlan(RoutingPlan.NHS_APP_THEN_EMAIL_24H)
                    .personalisation("nhsapp_body", "hello")
                    .personalisation("email_subject", "Hello")
                    .build();
            assertThatThrownBy(() -> notify.send(m))
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageContaining("personalisation.email_body")
                    .hasMessageContaining(
                            "required by the free-text routing plan 00000000-0000-0000-0000-000000000004");
        }
        assertThat(requests()).isEmpty();
    }

    @Test
    void theSevenFreeTextPlansAreTheDocumentedOnes() {
        assertThat(RoutingPlan.freeTextPlans()).hasSize(7);
        assertThat(RoutingPlan.EMAIL.id()).isEqualTo(UUID.fromString("00000000-0000-0000-0000-000000000002"));
        assertThat(RoutingPlan.EMAIL.personalisationFields())
                .containsExactly(
                        Map.entry("email_subject", NotifyChannelType.EMAIL),
                        Map.entry("email_body", NotifyChannelType.EMAIL));
        assertThat(RoutingPlan.NHS_APP_THEN_SMS_4H.personalisationFields().keySet())
                .containsExactly("nhsapp_body", "sms_body");
        assertThat(RoutingPlan.of(PLAN).isFreeText()).isFalse();
        assertThat(NotifyChannelType.LETTER.characterLimit()).hasValue(15_000);
        assertThat(NotifyChannelType.of("fax").characterLimit()).isEmpty();
    }

    // ------------------------------------------------------------- bad input, no request

    @Test
    void badInputFailsBeforeAnyRequestNamingTheRule() {
        assertThatThrownBy(() -> NhsNumber.parse("9990548608"))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageNotContaining("9990548608");
        NotifyMessage.Builder b = NotifyMessage.builder(PATIENT);
        assertThatThrownBy(() -> b.routingPlanId("not-a-uuid"))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("routingPlanId")
                .hasMessageContaining("must be a UUID");
        assertThatThrownBy(() -> b.messageReference(""))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("messageReference")
                .hasMessageContaining("1 to 1000 characters");
        assertThatThrownBy(() -> b.messageReference("r".repeat(1001)))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("1 to 1000 characters");
        assertThatThrownBy(() -> b.messageReference("ref\u0000"))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("control characters");
        assertThatThrownBy(() -> b.billingReference(" "))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("billingReference");
        assertThatThrownBy(() -> b.personalisation("body", "a\u0007b"))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("personalisation.body");
        assertThatThrownBy(() -> NotifyContactDetails.builder().email("not an email"))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("contactDetails.email")
                .hasMessageNotContaining("not an email");
        assertThatThrownBy(() -> NotifyContactDetails.builder().sms("call me"))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("contactDetails.sms");
        assertThatThrownBy(() -> NotifyAddress.of(List.of("only one line"), "LS1 4AP"))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("2 to 5 lines");
        assertThatThrownBy(() -> NotifyAddress.of(List.of("a", "b"), "NOT A POSTCODE"))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("UK postcode");
        assertThatThrownBy(() -> NotifyContactDetails.builder().build()).isInstanceOf(NhsValidationException.class);
        try (NotifyClient notify = client()) {
            assertThatThrownBy(() -> notify.send(NotifyMessage.builder(PATIENT).build()))
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageContaining("routingPlanId");
            assertThatThrownBy(() -> notify.getMessage("2WL3qFTEFM0qMY8xjRbt1LIKCz"))
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageContaining("KSUID");
            assertThatThrownBy(() -> notify.getMessage("../v1/messages/2WL3qFTEFM0qMY8xjRbt1L"))
                    .isInstanceOf(NhsValidationException.class);
        }
        assertThat(requests()).isEmpty();
    }

    @Test
    void aCopyWithAnotherReferenceKeepsEverythingElse() {
        NotifyMessage m = NotifyMessage.builder(PATIENT)
                .routingPlan(RoutingPlan.SMS)
                .personalisation("sms_body", "hi")
                .billingReference("b")
                .build();
        NotifyMessage c = m.withMessageReference("ref-2");
        assertThat(c.messageReference()).isEqualTo("ref-2");
        assertThat(c.personalisation()).isEqualTo(m.personalisation());
        assertThat(c.routingPlanId()).isEqualTo(m.routingPlanId());
        assertThat(c.billingReference()).contains("b");
        assertThat(c.recipient()).isEqualTo(PATIENT);
    }

    @Test
    void textWithHalfASurrogatePairIsRefusedBeforeSendingNotFailingInTheJsonWriter() {
        String lone = "Dear \uD83D patient"; // a high surrogate without its low half
        assertThatThrownBy(() -> NotifyMessage.builder(PATIENT).personalisation("body", lone))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("personalisation.body")
                .hasMessageContaining("surrogate")
                .hasMessageNotContaining("patient");
        assertThatThrownBy(() -> NotifyMessage.builder(PATIENT).messageReference("ref-\uDC00"))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("messageReference");
        assertThatThrownBy(() -> NotifyName.builder("Smith\uD800"))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageContaining("lastName");
        NotifyMessage ok = NotifyMessage.builder(PATIENT)
                .personalisation("body", "emoji \uD83D\uDE00 ok")
                .build();
        try (NotifyClient notify = client()) {
            assertThatThrownBy(() -> notify.sendBatch(PLAN, "batch-\uD800", List.of(ok)))
                    .isInstanceOf(NhsValidationException.class)
                    .hasMessageContaining("batchReference");
        }
        assertThat(requests()).isEmpty();
    }
}
