package uk.nhs.sdk.messaging.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bundled spec really checks requests: a body the spec forbids, sent by hand, is reported, so
 * the conformance checks of the other tests can fail.
 */
class NotifySpecConformanceCheckTest extends NotifyWireMockTestBase {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"data\":{\"type\":\"Message\",\"attributes\":{\"routingPlanId\":\"b838b13c-f98c-4def-93f0-515d4e4f4ee1\","
                        + "\"messageReference\":\"r\",\"recipient\":{\"nhsNumber\":\"9990548609\",\"colour\":\"blue\"}}}}"
                        + "|unknown field in recipient",
                "{\"data\":{\"type\":\"Message\",\"attributes\":{\"routingPlanId\":\"not-a-uuid\","
                        + "\"messageReference\":\"r\",\"recipient\":{\"nhsNumber\":\"9990548609\"}}}}|routing plan not a UUID",
                "{\"data\":{\"type\":\"Message\",\"attributes\":{\"routingPlanId\":\"b838b13c-f98c-4def-93f0-515d4e4f4ee1\","
                        + "\"recipient\":{\"nhsNumber\":\"9990548609\"}}}}|no message reference",
                "{\"data\":{\"type\":\"Message\",\"attributes\":{\"routingPlanId\":\"b838b13c-f98c-4def-93f0-515d4e4f4ee1\","
                        + "\"messageReference\":\"r\",\"recipient\":{\"nhsNumber\":null}}}}|a null NHS number",
            })
    void aRequestTheSpecForbidsIsReported(String body, String why) throws Exception {
        server.stubFor(any(anyUrl()).willReturn(jsonApi(201, "{}")));
        HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/comms/v1/messages"))
                                .header("Content-Type", MEDIA)
                                .header("Accept", MEDIA)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        assertThat(SPEC.problems(requests().get(0))).as(why).isNotEmpty();
        assertThatThrownBy(this::assertRequestsConform).isInstanceOf(AssertionError.class);
    }
}
