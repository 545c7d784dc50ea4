package uk.nhs.sdk.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.error.NhsServiceUnavailableException;
import uk.nhs.sdk.core.error.NhsTimeoutException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.error.NhsValidationException;

/** Tag values come from fixed sets, whatever the server or the caller sends. */
class TagValuesTest {

    private static NhsServiceException serviceError(int status, String code) {
        return NhsServiceException.forStatus(status, code, null, CallDetails.none());
    }

    @Test
    void outcomesOfFailures() {
        CallDetails none = CallDetails.none();
        assertThat(TagValues.outcome(serviceError(404, "RESOURCE_NOT_FOUND"))).isEqualTo("client_error");
        assertThat(TagValues.outcome(serviceError(503, null))).isEqualTo("server_error");
        assertThat(TagValues.outcome(serviceError(302, null))).isEqualTo("redirection");
        assertThat(TagValues.outcome(new NhsTimeoutException("t", none, false, null, null)))
                .isEqualTo("timeout");
        assertThat(TagValues.outcome(new NhsTransportException("t", none, false, null, null)))
                .isEqualTo("transport");
        assertThat(TagValues.outcome(new NhsTransportException("t", none, true, null, null)))
                .isEqualTo("outcome_unknown");
        assertThat(TagValues.outcome(new NhsTimeoutException("t", none, true, null, null)))
                .as("an unknown outcome is what the caller must act on, however it came")
                .isEqualTo("outcome_unknown");
        assertThat(TagValues.outcome(new NhsServiceUnavailableException("open", none, null)))
                .isEqualTo("rejected");
        assertThat(TagValues.outcome(new NhsDecodeException("d", none, null))).isEqualTo("decode");
        assertThat(TagValues.outcome(new NhsValidationException("f", "m"))).isEqualTo("other");
        assertThat(TagValues.outcome(new IllegalStateException())).isEqualTo("other");
    }

    @Test
    void aTimeoutBeforeAnyAttemptIsRejectedAndAnyOtherKeepsItsOutcome() {
        CallDetails none = CallDetails.none();
        assertThat(TagValues.callOutcome(new NhsTimeoutException("t", none, false, null, null), 0))
                .isEqualTo("rejected");
        assertThat(TagValues.callOutcome(new NhsTimeoutException("t", none, false, null, null), 1))
                .isEqualTo("timeout");
        assertThat(TagValues.callOutcome(new NhsTimeoutException("t", none, true, null, null), 0))
                .isEqualTo("outcome_unknown");
        assertThat(TagValues.callOutcome(new NhsServiceUnavailableException("open", none, null), 0))
                .isEqualTo("rejected");
        assertThat(TagValues.callOutcome(serviceError(503, null), 2)).isEqualTo("server_error");
    }

    @Test
    void outcomesOfStatuses() {
        assertThat(TagValues.outcome(200)).isEqualTo("success");
        assertThat(TagValues.outcome(206)).isEqualTo("success");
        assertThat(TagValues.outcome(304)).isEqualTo("redirection");
        assertThat(TagValues.outcome(429)).isEqualTo("client_error");
        assertThat(TagValues.outcome(504)).isEqualTo("server_error");
        assertThat(TagValues.outcome(101)).isEqualTo("other");
        assertThat(TagValues.outcome(999)).isEqualTo("other");
    }

    @Test
    void documentedStatusesAreKeptAndOthersBecomeTheirClass() {
        assertThat(TagValues.status(404)).isEqualTo("404");
        assertThat(TagValues.status(417)).isEqualTo("417");
        assertThat(TagValues.status(429)).isEqualTo("429");
        assertThat(TagValues.status(503)).isEqualTo("503");
        assertThat(TagValues.status(418)).isEqualTo("4xx");
        assertThat(TagValues.status(599)).isEqualTo("5xx");
        assertThat(TagValues.status(99)).isEqualTo("other");
        assertThat(TagValues.status(600)).isEqualTo("other");
        assertThat(TagValues.status(serviceError(451, null))).isEqualTo("4xx");
        assertThat(TagValues.status(new NhsDecodeException("d", CallDetails.none(), null)))
                .isEqualTo("none");
    }

    @Test
    void onlyDocumentedErrorCodesAreKept() {
        assertThat(TagValues.errorCode(serviceError(404, "RESOURCE_NOT_FOUND"))).isEqualTo("RESOURCE_NOT_FOUND");
        assertThat(TagValues.errorCode(serviceError(417, "12"))).isEqualTo("12");
        assertThat(TagValues.errorCode(serviceError(404, "EPL-151"))).isEqualTo("EPL-151");
        assertThat(TagValues.errorCode(serviceError(429, "CM_QUOTA"))).isEqualTo("CM_QUOTA");
        assertThat(TagValues.errorCode(serviceError(401, "invalid_client"))).isEqualTo("invalid_client");
        assertThat(TagValues.errorCode(serviceError(404, "HAPI-2001"))).isEqualTo("HAPI-2001");
        assertThat(TagValues.errorCode(serviceError(400, "INVALID_NHS_NUMBER"))).isEqualTo("INVALID_NHS_NUMBER");
        assertThat(TagValues.errorCode(serviceError(400, "9000000009"))).isEqualTo("other");
        assertThat(TagValues.errorCode(serviceError(400, "resource_not_found"))).isEqualTo("other");
        assertThat(TagValues.errorCode(serviceError(400, null))).isEqualTo("none");
        assertThat(TagValues.errorCode(new NhsDecodeException("d", CallDetails.none(), null)))
                .isEqualTo("none");
    }

    @Test
    void anOperationIsTheMethodAndTemplateUnlessTheTemplateCouldHoldAValue() {
        assertThat(TagValues.operation("GET", "/Patient/{id}")).isEqualTo("GET /Patient/{id}");
        assertThat(TagValues.operation("get", "/Patient/{id}")).isEqualTo("GET /Patient/{id}");
        assertThat(TagValues.operation("POST", "/messageexchange/{mailbox}/outbox"))
                .isEqualTo("POST /messageexchange/{mailbox}/outbox");
        assertThat(TagValues.operation("GET", "/Patient/9000000009")).isEqualTo("other");
        assertThat(TagValues.operation("GET", "/Organization/Y05868")).isEqualTo("other");
        assertThat(TagValues.operation("GET", "/Patient?family=Smith")).isEqualTo("other");
        assertThat(TagValues.operation("GET", "/people/Jane Smith")).isEqualTo("other");
        assertThat(TagValues.operation("GET", "/p/%7Bx%7D")).isEqualTo("other");
        assertThat(TagValues.operation("GET", "relative")).isEqualTo("other");
        assertThat(TagValues.operation("GET", "/" + "a".repeat(200))).isEqualTo("other");
        assertThat(TagValues.operation("BREW", "/pot")).isEqualTo("other");
    }

    @Test
    void everyServiceClientsOwnTemplateIsKept() {
        // the templates of the SDK's clients (NhsRequest.builder calls in sdk-identity, sdk-messaging,
        // sdk-records and sdk-core): constants, none of which holds a value
        String[] templates = {
            "/Patient/{id}",
            "/Patient",
            "/Patient/{id}/RelatedPerson",
            "/messageexchange/{mailbox}/inbox",
            "/messageexchange/{mailbox}/count",
            "/messageexchange/{mailbox}/inbox/{messageId}",
            "/messageexchange/{mailbox}/inbox/{messageId}/{chunk}",
            "/messageexchange/{mailbox}/inbox/{messageId}/status/acknowledged",
            "/messageexchange/{mailbox}/outbox",
            "/messageexchange/{mailbox}/outbox/{messageId}/{chunk}",
            "/messageexchange/{mailbox}",
            "/messageexchange/{mailbox}/outbox/tracking",
            "/messageexchange/{mailbox}/outbox/tracking/{localId}",
            "/messageexchange/endpointlookup/{odsCode}/{workflowId}",
            "/messageexchange/workflowsearch/{workflowId}",
            "/v1/messages",
            "/v1/message-batches",
            "/v1/messages/{messageId}",
            "/channels/nhsapp/accounts",
            "/DocumentReference",
            "/DocumentReference/_search",
            "/DocumentReference/{id}",
            "/Organization",
            "/Organization/{id}",
            "/OrganizationAffiliation",
            "/List/{id}",
            "/oauth2/token",
            "/realms/NHSIdentity/protocol/openid-connect/token"
        };
        for (String t : templates) {
            assertThat(TagValues.operation("GET", t)).isEqualTo("GET " + t);
        }
    }

    @Test
    void namesMustBeShortAndPlain() {
        assertThat(TagValues.name("PDS")).isEqualTo("PDS");
        assertThat(TagValues.name("NHS Notify")).isEqualTo("NHS Notify");
        assertThat(TagValues.name("OAuth2 token")).isEqualTo("OAuth2 token");
        assertThat(TagValues.name("token for 9000000009")).isEqualTo("other");
        assertThat(TagValues.name("x".repeat(65))).isEqualTo("other");
        assertThat(TagValues.name("bad\nname")).isEqualTo("other");
        assertThat(TagValues.name(null)).isEqualTo("other");
    }
}
