package uk.nhs.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A closed port refuses connections until it is opened, then relays to the sandbox. */
@ExtendWith(NhsSandboxExtension.class)
class ClosedPortTest {
    private static final String PATIENT_PATH = "/Patient/9000000033";

    private static HttpRequest patient(URI pdsBaseUrl) {
        return HttpRequest.newBuilder(URI.create(pdsBaseUrl + PATIENT_PATH))
                .timeout(Duration.ofSeconds(10))
                .header("X-Request-ID", UUID.randomUUID().toString())
                .GET()
                .build();
    }

    @Test
    void refusesUntilOpenedThenRelaysToTheSandbox(NhsSandbox sandbox) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (ClosedPort port = ClosedPort.relayingTo(sandbox.baseUrl())) {
            URI pds = port.url(sandbox.pdsBaseUrl());
            assertThat(pds.getPort()).isEqualTo(port.port());
            assertThat(pds.getPath()).isEqualTo(sandbox.pdsBaseUrl().getPath());

            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port.port()).close())
                    .isInstanceOf(ConnectException.class);
            assertThatThrownBy(() -> http.send(patient(pds), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(ConnectException.class);
            assertThat(port.isOpen()).isFalse();
            assertThat(port.connectionsRelayed()).isZero();

            port.open();
            port.open(); // idempotent
            HttpResponse<String> r = http.send(patient(pds), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("9000000033");
            assertThat(port.isOpen()).isTrue();
            assertThat(port.connectionsRelayed()).isPositive();
            assertThat(port.toString()).contains("open");
        }
    }

    @Test
    void asAProxyItKeepsTheClientsUrls(NhsSandbox sandbox) throws Exception {
        try (ClosedPort port = ClosedPort.relayingTo(sandbox.baseUrl())) {
            HttpClient http =
                    HttpClient.newBuilder().proxy(port.proxySelector()).build();
            assertThatThrownBy(() -> http.send(patient(sandbox.pdsBaseUrl()), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(ConnectException.class);

            port.open();
            HttpResponse<String> r = http.send(patient(sandbox.pdsBaseUrl()), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("9000000033");
            assertThat(port.connectionsRelayed()).isEqualTo(1);

            port.refuse();
            assertThat(port.isOpen()).isFalse();
            assertThatThrownBy(() -> http.send(patient(sandbox.pdsBaseUrl()), HttpResponse.BodyHandlers.ofString()))
                    .as("the client's kept-alive connection is dropped too")
                    .isInstanceOf(java.io.IOException.class);
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port.port()).close())
                    .isInstanceOf(ConnectException.class);
            port.open();
            assertThat(http.send(patient(sandbox.pdsBaseUrl()), HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void pendingCountsTheInjectionsNotYetMet(NhsSandbox sandbox) throws Exception {
        sandbox.faults().inject("GET", "/personal-demographics/FHIR/R4/Patient/.*", SandboxFault.status(503), 2);
        assertThat(sandbox.faults().pending()).isEqualTo(2);
        HttpClient.newHttpClient().send(patient(sandbox.pdsBaseUrl()), HttpResponse.BodyHandlers.discarding());
        assertThat(sandbox.faults().pending()).isEqualTo(1);
        sandbox.faults().clear();
        assertThat(sandbox.faults().pending()).isZero();
    }

    @Test
    void aRequestCountCountsWhatTheServerReceivesWithOrWithoutAFault(NhsSandbox sandbox) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        SandboxFaults.RequestCount count =
                sandbox.faults().countRequests("GET", "/personal-demographics/FHIR/R4/Patient/.*");
        {
            sandbox.faults().injectNext("GET", "/personal-demographics/FHIR/R4/Patient/.*", SandboxFault.status(503));
            http.send(patient(sandbox.pdsBaseUrl()), HttpResponse.BodyHandlers.discarding());
            http.send(patient(sandbox.pdsBaseUrl()), HttpResponse.BodyHandlers.discarding());
            http.send(
                    HttpRequest.newBuilder(URI.create(sandbox.pdsBaseUrl() + "/Patient?family=Smith"))
                            .header("X-Request-ID", UUID.randomUUID().toString())
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(count.get()).isEqualTo(2);
            count.close();
            http.send(patient(sandbox.pdsBaseUrl()), HttpResponse.BodyHandlers.discarding());
            assertThat(count.get()).isEqualTo(2);
            assertThat(count.toString()).contains("GET").contains(": 2");
        }
    }

    @Test
    void closingFreesThePortAndOpeningAfterIsRefused(NhsSandbox sandbox) {
        ClosedPort port = ClosedPort.relayingTo(sandbox.baseUrl());
        port.close();
        port.close();
        assertThat(port.isOpen()).isFalse();
        assertThatThrownBy(port::open).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ClosedPort.relayingTo(URI.create("urn:isbn:1")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
