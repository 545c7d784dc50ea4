package uk.nhs.sdk.messaging.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.error.NhsDecodeException;

/**
 * {@code GET /v1/messages/{id}} against every canned sandbox message, and the NHS App accounts
 * pages followed lazily.
 */
class NotifyStatusAndAccountsTest extends NotifyWireMockTestBase {

    static Stream<String> sandboxMessages() {
        return Stream.of(
                "2WL3qFTEFM0qMY8xjRbt1LIKCzM",
                "2WL3wwFhpZ6blJNIoh747bDEFNv",
                "2WL3ydEEk37IzREoWRhuAdolFCE",
                "2WL3zxCY9e5vm2VP1ZfYMb53WPF",
                "2WL44QP7vrKxKKBZdTtUQoB2bWl",
                "2WL45YuHOLATvC3GspEu0oSioux",
                "2WL4GEeFVxXG9S57nRlefBwwKxp",
                "2WL4JXrfauCaQnSFbAujoImSKwo",
                "2WL4JtCiOe7l2TT4szwPjNJah3z",
                "2WL4LuyNMtoGAsJQIpTxZLl8e3e",
                "2WL4MOuSeCTODDAScFG7KIq9a5r",
                "2WL4QcKGjNHvHFQeKgYbapZJGHK",
                "2WL4W9RgbuLLByXdR77H8vjKSDd",
                "2WL4cPfBRuPKa44JxhyXYf2kr1E",
                "2WL4ibGoigirgbH4yQwqbPaJXyQ",
                "2WL4khXn32dOOj4bB4bi8Tkllrq",
                "2WL4mvx6eBva8dcIK60VEGIfcgZ",
                "2WL4pcpmKxYYblm3PSKVEqcmEPX",
                "2WL4vHFZzInmaYwq6HRNDqTX8dH",
                "2WL4xcWKvz4F32g0htBEl8DINzn",
                "2WL50w41YaZXcyFCNT346LY8rlz",
                "2WL54x0XQjCbWeE5lN0DKQZcokU",
                "2WL5TWl7F7PondWbZ1vctlEtOZ3",
                "2WL5eDefrbW31uw1il84WdF8ndH",
                "2WL5eYSWGzCHlGmzNxuqVusPxDg",
                "2WL5f8j4XVxUPgd3OOqXVYvVFIW",
                "2WL5qbEa7TzSWZXU2IAOCCrLXVL",
                "2bBBpsiMl2rnQt99qm6JLZ6w1vq",
                "2n7C5wdJ9JSOSeCJTyd50GvtZeR");
    }

    private String stubMessage(String id) {
        String body = resource("sandbox/messages/" + id + ".json")
                .replace("%PATH_ROOT%", "https://api.service.nhs.uk/comms/v1/messages");
        server.stubFor(get(urlEqualTo("/comms/v1/messages/" + id)).willReturn(jsonApi(200, body)));
        return body;
    }

    @ParameterizedTest
    @MethodSource("sandboxMessages")
    void readsEverySandboxMessage(String id) throws Exception {
        JsonNode expected = JSON.readTree(stubMessage(id)).path("data");
        JsonNode attrs = expected.path("attributes");
        try (NotifyClient notify = client()) {
            NotifyMessageDetails m = notify.getMessage(id);
            assertThat(m.id()).isEqualTo(id);
            assertThat(m.messageReference())
                    .isEqualTo(attrs.path("messageReference").asText());
            assertThat(m.status().value()).isEqualTo(attrs.path("messageStatus").asText());
            assertThat(m.status().isKnown()).isTrue();
            assertThat(m.failureReasonCode().orElse(""))
                    .isEqualTo(attrs.path("messageFailureReasonCode").asText(""));
            assertThat(m.createdAt())
                    .isEqualTo(Instant.parse(
                            attrs.path("timestamps").path("created").asText()));
            assertThat(m.routingPlan().id().toString())
                    .isEqualTo(attrs.path("routingPlan").path("id").asText());
            assertThat(m.channels()).hasSize(attrs.path("channels").size());
            for (int i = 0; i < m.channels().size(); i++) {
                NotifyChannel c = m.channels().get(i);
                JsonNode jc = attrs.path("channels").get(i);
                assertThat(c.type().value()).isEqualTo(jc.path("type").asText());
                assertThat(c.status().value())
                        .isEqualTo(jc.path("channelStatus").asText());
                assertThat(c.cascadeOrder()).isEqualTo(jc.path("cascadeOrder").asInt());
                assertThat(c.retryCount()).isEqualTo(jc.path("retryCount").asInt(0));
                assertThat(c.failureReasonCode().orElse(""))
                        .isEqualTo(jc.path("channelFailureReasonCode").asText(""));
                assertThat(c.supplierStatus().map(NotifySupplierStatus::value).orElse(""))
                        .isEqualTo(jc.path("supplierStatus").asText(""));
            }
            assertThat(m.batchId().isPresent()).isEqualTo(expected.has("relationships"));
            assertThat(m.toString()).doesNotContain(m.messageReference());
        }
        assertRequestsConform();
    }

    @Test
    void aMultiChannelMessageKeepsItsCascadeAndTimestamps() {
        stubMessage("2WL5eYSWGzCHlGmzNxuqVusPxDg");
        try (NotifyClient notify = client()) {
            NotifyMessageDetails m = notify.getMessage("2WL5eYSWGzCHlGmzNxuqVusPxDg");
            assertThat(m.status()).isEqualTo(NotifyMessageStatus.DELIVERED);
            assertThat(m.channels())
                    .extracting(NotifyChannel::type)
                    .containsExactly(
                            NotifyChannelType.NHSAPP,
                            NotifyChannelType.EMAIL,
                            NotifyChannelType.SMS,
                            NotifyChannelType.LETTER);
            NotifyChannel email = m.channels().get(1);
            assertThat(email.status()).isEqualTo(NotifyChannelStatus.FAILED);
            assertThat(email.failureReasonCode()).contains("CFR_SUPE_0007");
            assertThat(email.retryCount()).isEqualTo(1);
            assertThat(email.failedAt()).contains(Instant.parse("2023-10-09T11:25:23Z"));
            assertThat(m.channels().get(2).deliveredAt()).contains(Instant.parse("2023-10-09T11:48:52Z"));
            assertThat(m.channels().get(0).routingPlan().flatMap(NotifyRoutingPlanRef::type))
                    .contains(NotifyRoutingPlanType.ORIGINAL);
        }
    }

    @Test
    void aBatchMessageNamesItsBatchAndAnOverrideItsPlan() {
        stubMessage("2WL5qbEa7TzSWZXU2IAOCCrLXVL");
        stubMessage("2bBBpsiMl2rnQt99qm6JLZ6w1vq");
        try (NotifyClient notify = client()) {
            assertThat(notify.getMessage("2WL5qbEa7TzSWZXU2IAOCCrLXVL").batchId())
                    .contains("2WWq0oqcx5pdoNnh8hJuYLonZMy");
            NotifyChannel sms =
                    notify.getMessage("2bBBpsiMl2rnQt99qm6JLZ6w1vq").channels().get(0);
            assertThat(sms.routingPlan()).hasValueSatisfying(p -> {
                assertThat(p.type()).contains(NotifyRoutingPlanType.OVERRIDE);
                assertThat(p.id()).isEqualTo(UUID.fromString("9ba00d23-cd6f-4aca-8688-00abc85a7980"));
                assertThat(p.version()).contains("5");
            });
        }
    }

    @Test
    void unknownFieldsAreIgnoredAndUnknownValuesKept() {
        server.stubFor(get(urlEqualTo("/comms/v1/messages/2WL3qFTEFM0qMY8xjRbt1LIKCzM"))
                .willReturn(jsonApi(
                        200,
                        "{\"data\":{\"type\":\"Message\",\"id\":\"2WL3qFTEFM0qMY8xjRbt1LIKCzM\",\"newTopLevel\":[1,2],"
                                + "\"attributes\":{\"messageReference\":\"r\",\"messageStatus\":\"paused\",\"priority\":\"high\","
                                + "\"timestamps\":{\"created\":\"2023-11-17T14:27:51.413Z\",\"archived\":\"2024-01-01T00:00:00Z\"},"
                                + "\"routingPlan\":{\"id\":\"b838b13c-f98c-4def-93f0-515d4e4f4ee1\",\"owner\":{\"x\":1}},"
                                + "\"channels\":[{\"type\":\"carrier_pigeon\",\"cascadeType\":\"tertiary\",\"cascadeOrder\":1,"
                                + "\"channelStatus\":\"in_flight\",\"supplierStatus\":\"landed\",\"timestamps\":{\"created\":"
                                + "\"2023-11-17T14:27:51.413Z\"},\"routingPlan\":{\"id\":\"b838b13c-f98c-4def-93f0-515d4e4f4ee1\","
                                + "\"type\":\"experimental\"}}]},\"links\":{\"self\":\"x\"}}}")));
        try (NotifyClient notify = client()) {
            NotifyMessageDetails m = notify.getMessage("2WL3qFTEFM0qMY8xjRbt1LIKCzM");
            assertThat(m.status().value()).isEqualTo("paused");
            assertThat(m.status().isKnown()).isFalse();
            NotifyChannel c = m.channels().get(0);
            assertThat(c.type().value()).isEqualTo("carrier_pigeon");
            assertThat(c.cascadeType().value()).isEqualTo("tertiary");
            assertThat(c.status().value()).isEqualTo("in_flight");
            assertThat(c.supplierStatus()).contains(NotifySupplierStatus.of("landed"));
            assertThat(c.routingPlan().flatMap(NotifyRoutingPlanRef::type))
                    .contains(NotifyRoutingPlanType.of("experimental"));
        }
    }

    @Test
    void anUnknownMessageIsA404WithItsCode() {
        server.stubFor(get(urlEqualTo("/comms/v1/messages/2WL3qFTEFM0qMY8xjRbt1LIKCzM"))
                .willReturn(jsonApi(404, resource("errors/get-404-CM_NOT_FOUND.json"))));
        try (NotifyClient notify = client()) {
            assertThatThrownBy(() -> notify.getMessage("2WL3qFTEFM0qMY8xjRbt1LIKCzM"))
                    .isInstanceOfSatisfying(NotifyRequestException.class, e -> {
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.errorCode()).contains("CM_NOT_FOUND");
                    });
        }
    }

    // ------------------------------------------------------------------ NHS App accounts

    private void stubAccountPages(String host) {
        for (int page = 1; page <= 8; page++) {
            String body = resource("sandbox/nhsapp-accounts/" + page + ".json")
                    .replace("%PATH_ROOT%", host + "/comms/channels/nhsapp/accounts");
            server.stubFor(get(urlPathEqualTo("/comms/channels/nhsapp/accounts"))
                    .withQueryParam("ods-organisation-code", equalTo("T00001"))
                    .withQueryParam("page", equalTo(Integer.toString(page)))
                    .willReturn(jsonApi(200, body)));
        }
    }

    @Test
    void followsTheNextLinksLazilyToTheLastPage() throws Exception {
        stubAccountPages(server.baseUrl());
        try (NotifyClient notify = client()) {
            Iterator<NhsAppAccountsPage> pages =
                    notify.nhsAppAccounts(OdsCode.of("t00001")).iterator();
            assertThat(requests()).isEmpty();
            NhsAppAccountsPage first = pages.next();
            assertThat(requests()).hasSize(1);
            assertThat(first.page()).isEqualTo(1);
            assertThat(first.lastPage()).hasValue(8);
            assertThat(first.hasNext()).isTrue();
            JsonNode expected = JSON.readTree(resource("sandbox/nhsapp-accounts/1.json"))
                    .path("data")
                    .path("attributes")
                    .path("accounts");
            assertThat(first.accounts()).hasSize(expected.size());
            assertThat(first.accounts().get(0).nhsNumber().value())
                    .isEqualTo(expected.get(0).path("nhsNumber").asText());
            assertThat(first.accounts().get(0).notificationsEnabled())
                    .isEqualTo(expected.get(0).path("notificationsEnabled").asBoolean());
            assertThat(first.toString())
                    .doesNotContain(expected.get(0).path("nhsNumber").asText());
            List<Integer> seen = new ArrayList<>(List.of(first.page()));
            pages.forEachRemaining(p -> seen.add(p.page()));
            assertThat(seen).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
            assertThat(requests()).hasSize(8);
        }
        assertRequestsConform();
    }

    @Test
    void aNextLinkToAnotherHostIsRefused() {
        stubAccountPages("https://evil.example");
        try (NotifyClient notify = client()) {
            Iterator<NhsAppAccountsPage> pages =
                    notify.nhsAppAccounts(OdsCode.of("T00001")).iterator();
            assertThatThrownBy(pages::next)
                    .isInstanceOf(NhsDecodeException.class)
                    .hasMessageContaining("another host");
        }
        assertThat(requests()).hasSize(1);
    }

    @Test
    void theSpecsExampleAccountsPageIsRead() {
        server.stubFor(get(urlPathEqualTo("/comms/channels/nhsapp/accounts"))
                .willReturn(jsonApi(
                        200,
                        resource("responses/accounts-200.json")
                                .replace("https://api.service.nhs.uk", server.baseUrl()))));
        try (NotifyClient notify = client()) {
            NhsAppAccountsPage p =
                    notify.nhsAppAccounts(OdsCode.of("Y00001")).iterator().next();
            assertThat(p.accounts()).singleElement().satisfies(a -> {
                assertThat(a.nhsNumber().value()).isEqualTo("9044151320");
                assertThat(a.notificationsEnabled()).isTrue();
            });
            assertThat(p.lastPage()).hasValue(10);
            assertThat(p.hasNext()).isTrue();
        }
    }

    @Test
    void anUnknownPracticeIs404FromTheIterator() {
        server.stubFor(get(urlPathEqualTo("/comms/channels/nhsapp/accounts"))
                .willReturn(jsonApi(404, resource("errors/accounts-404-CM_NOT_FOUND.json"))));
        try (NotifyClient notify = client()) {
            Iterator<NhsAppAccountsPage> pages =
                    notify.nhsAppAccounts(OdsCode.of("T00404")).iterator();
            assertThat(pages.hasNext()).isTrue();
            assertThatThrownBy(pages::next)
                    .isInstanceOfSatisfying(
                            NotifyRequestException.class,
                            e -> assertThat(e.status()).isEqualTo(404));
        }
    }
}
